/// A listener's profile as the DJ scores it right now: the daypart already blended in.
///
/// `energy = (1−c)·energyLevel + c·daypart.energy`; for every mood m named by either side,
/// `moods[m] = (1−c)·profile.moods[m] + c·daypart.moods[m]` (missing = 0). With c = 0 it is the plain profile.
public struct EffectiveProfile: Sendable, Hashable {
    /// Genre weights (unchanged by context).
    public var genres: [String: Double]
    /// Artist weights (unchanged by context).
    public var artists: [String: Double]
    /// Mood weights with the daypart blended in.
    public var moods: [String: Double]
    /// Target energy in [0, 1].
    public var energy: Double
    /// Tempo preference (unchanged by context).
    public var tempo: TempoPreference
    /// The daypart blended in (kept so reasons can say "evening: mellow").
    public var daypart: Daypart
    /// The context weight c used, in [0, 1].
    public var contextWeight: Double

    /// Blends `profile` with `daypart` at context weight `c` (clamped to [0, 1]).
    public init(_ profile: borrowing Profile, daypart: Daypart, contextWeight c: Double) {
        let c = min(1, max(0, c))
        genres = profile.genres
        artists = profile.artists
        tempo = profile.tempoPreference
        self.daypart = daypart
        contextWeight = c
        energy = (1 - c) * profile.energyLevel + c * daypart.energy
        if c == 0 {
            moods = profile.moods
        } else {
            // Each side's moods walked once (a set of both sides' names hashed every name three times more).
            var blended: [String: Double] = [:]
            blended.reserveCapacity(profile.moods.count + daypart.moods.count)
            for (name, weight) in profile.moods {
                blended[name] = (1 - c) * weight + c * (daypart.moods[name] ?? 0)
            }
            for (name, weight) in daypart.moods where profile.moods[name] == nil {
                blended[name] = (1 - c) * 0 + c * weight
            }
            moods = blended
        }
    }
}
