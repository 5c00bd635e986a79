extension Profile {
    /// The profile the DJ scores with when `overrides` are in force (DECISIONS 1).
    ///
    /// A genre override with offset o moves the whole profile toward how that genre sounds in this
    /// station's catalog, not only its weight: the genre weight becomes clamp(learned + o) (learned 0 when
    /// absent); with o > 0 every other genre weight w moves by −o·w ("more jazz" means jazz now, not jazz
    /// tied with metal); energy moves by o·(the genre's mean energy − energy), each mood weight by
    /// o·(the genre's mood share − weight), and the tempo preference becomes the genre's most common tempo
    /// when |o| ≥ 0.5 (the largest |o| wins). Artist and mood overrides set clamp(learned + o). Several
    /// overrides add up, then clamp. Negative offsets push away the same way. `self` is not changed.
    public func applying(_ overrides: ProfileOverrides, sound: (String) -> GenreSound?) -> Profile {
        guard !overrides.isEmpty else { return self }
        var result = self
        var energyShift = 0.0
        var moodShift: [String: Double] = [:]
        var genreShift: [String: Double] = [:]
        var tempo: (offset: Double, tempo: Tempo)?
        for (genre, offset) in overrides.genres.sorted(by: { $0.key < $1.key }) {
            if offset > 0 {
                for (other, weight) in genres where overrides.genres[other] == nil {
                    genreShift[other, default: 0] -= offset * weight
                }
            }
            guard let sound = sound(genre) else { continue }
            energyShift += offset * (sound.meanEnergy - energyLevel)
            for mood in Set(moods.keys).union(sound.moodMix.keys) {
                moodShift[mood, default: 0] += offset * ((sound.moodMix[mood] ?? 0) - (moods[mood] ?? 0))
            }
            if abs(offset) >= 0.5, abs(offset) > (tempo.map { abs($0.offset) } ?? 0) {
                tempo = (offset, sound.commonTempo)
            }
        }
        for (genre, shift) in genreShift {
            result.genres[genre] = Profile.clamp((genres[genre] ?? 0) + shift)
        }
        for (genre, offset) in overrides.genres {
            result.genres[genre] = Profile.clamp((genres[genre] ?? 0) + offset)
        }
        for (artist, offset) in overrides.artists {
            result.artists[artist] = Profile.clamp((artists[artist] ?? 0) + offset)
        }
        for (mood, shift) in moodShift {
            result.moods[mood] = Profile.clamp((moods[mood] ?? 0) + shift)
        }
        for (mood, offset) in overrides.moods {
            result.moods[mood] = Profile.clamp((result.moods[mood] ?? moods[mood] ?? 0) + offset)
        }
        result.energyLevel = Profile.clamp(energyLevel + energyShift)
        if let tempo {
            // A push away from a genre only drops a preference for its tempo; a pull adopts it.
            if tempo.offset > 0 {
                result.tempoPreference = TempoPreference(rawValue: tempo.tempo.rawValue) ?? tempoPreference
            } else if tempoPreference.rawValue == tempo.tempo.rawValue {
                result.tempoPreference = .varied
            }
        }
        return result
    }

    static func clamp(_ value: Double) -> Double { min(1, max(0, value)) }
}
