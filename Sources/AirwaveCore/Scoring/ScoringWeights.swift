/// The five weights of the DJ score (genre, artist, energy, tempo, mood); each ≥ 0, summing to 1.
///
/// Invariant: every weight is finite and ≥ 0 and the sum is 1 ± 1e-6, so scores stay in [0, 1]
/// (pruning and fitted weights rely on it).
public struct ScoringWeights: Codable, Sendable, Hashable {
    /// Weight of the genre term G.
    public var genre: Double
    /// Weight of the artist term A.
    public var artist: Double
    /// Weight of the energy closeness term.
    public var energy: Double
    /// Weight of the tempo match term T.
    public var tempo: Double
    /// Weight of the mood term M.
    public var mood: Double

    /// The contract's defaults: 0.30 / 0.25 / 0.20 / 0.15 / 0.10.
    public static let `default` = ScoringWeights(unchecked: 0.30, artist: 0.25, energy: 0.20, tempo: 0.15, mood: 0.10)

    /// Creates weights after checking them; the error names `weights` (or `weights.<term>`).
    public init(genre: Double, artist: Double, energy: Double, tempo: Double, mood: Double) throws(ValidationError) {
        self.init(unchecked: genre, artist: artist, energy: energy, tempo: tempo, mood: mood)
        try validate()
    }

    init(unchecked genre: Double, artist: Double, energy: Double, tempo: Double, mood: Double) {
        self.genre = genre
        self.artist = artist
        self.energy = energy
        self.tempo = tempo
        self.mood = mood
    }

    enum CodingKeys: String, CodingKey { case genre, artist, energy, tempo, mood }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let d = ScoringWeights.default
        self.init(unchecked: try c.decodeIfPresent(Double.self, forKey: .genre) ?? d.genre,
                  artist: try c.decodeIfPresent(Double.self, forKey: .artist) ?? d.artist,
                  energy: try c.decodeIfPresent(Double.self, forKey: .energy) ?? d.energy,
                  tempo: try c.decodeIfPresent(Double.self, forKey: .tempo) ?? d.tempo,
                  mood: try c.decodeIfPresent(Double.self, forKey: .mood) ?? d.mood)
        try validate()
    }

    /// Checks each weight is finite and ≥ 0 and that they sum to 1 ± 1e-6.
    public func validate() throws(ValidationError) {
        for (name, value) in [("genre", genre), ("artist", artist), ("energy", energy), ("tempo", tempo), ("mood", mood)] {
            guard value.isFinite, value >= 0 else {
                throw ValidationError(field: "weights", "\(name) must be a finite number >= 0 (got \(value))")
            }
        }
        let sum = genre + artist + energy + tempo + mood
        guard abs(sum - 1) <= 1e-6 else {
            throw ValidationError(field: "weights", "must sum to 1 (got \(sum))")
        }
    }
}
