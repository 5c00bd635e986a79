/// A listener's taste: weights in [0, 1] per genre, artist and mood, plus energy, tempo and discovery.
///
/// Invariant: every weight and `energyLevel` lies in [0, 1]; ``validate()`` enforces it at creation and
/// learning keeps it by clamping.
public struct Profile: Codable, Sendable, Hashable {
    public var genres: [String: Double]
    public var artists: [String: Double]
    public var moods: [String: Double]
    /// Preferred energy in [0, 1].
    public var energyLevel: Double
    public var tempoPreference: TempoPreference
    public var discoveryFactor: DiscoveryFactor
    /// Feedback events folded into this profile (implicit plays included).
    public var totalInteractions: Int

    enum CodingKeys: String, CodingKey {
        case genres, artists, moods
        case energyLevel = "energy_level"
        case tempoPreference = "tempo_preference"
        case discoveryFactor = "discovery_factor"
        case totalInteractions = "total_interactions"
    }

    /// A neutral profile: no weights, energy 0.5, varied tempo, automatic discovery.
    public static let neutral = Profile(unchecked: [:], artists: [:], moods: [:], energyLevel: 0.5,
                                        tempoPreference: .varied, discoveryFactor: .auto, totalInteractions: 0)

    /// Creates a profile after checking every value; the error names the first bad field and its range.
    public init(
        genres: [String: Double] = [:], artists: [String: Double] = [:], moods: [String: Double] = [:],
        energyLevel: Double = 0.5, tempoPreference: TempoPreference = .varied,
        discoveryFactor: DiscoveryFactor = .auto, totalInteractions: Int = 0
    ) throws(ValidationError) {
        self.init(unchecked: genres, artists: artists, moods: moods, energyLevel: energyLevel,
                  tempoPreference: tempoPreference, discoveryFactor: discoveryFactor,
                  totalInteractions: totalInteractions)
        try validate()
    }

    init(unchecked genres: [String: Double], artists: [String: Double], moods: [String: Double],
         energyLevel: Double, tempoPreference: TempoPreference, discoveryFactor: DiscoveryFactor,
         totalInteractions: Int) {
        self.genres = genres
        self.artists = artists
        self.moods = moods
        self.energyLevel = energyLevel
        self.tempoPreference = tempoPreference
        self.discoveryFactor = discoveryFactor
        self.totalInteractions = totalInteractions
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            unchecked: try c.decodeIfPresent([String: Double].self, forKey: .genres) ?? [:],
            artists: try c.decodeIfPresent([String: Double].self, forKey: .artists) ?? [:],
            moods: try c.decodeIfPresent([String: Double].self, forKey: .moods) ?? [:],
            energyLevel: try c.decodeIfPresent(Double.self, forKey: .energyLevel) ?? 0.5,
            tempoPreference: try c.decodeIfPresent(TempoPreference.self, forKey: .tempoPreference) ?? .varied,
            discoveryFactor: try c.decodeIfPresent(DiscoveryFactor.self, forKey: .discoveryFactor) ?? .auto,
            totalInteractions: try c.decodeIfPresent(Int.self, forKey: .totalInteractions) ?? 0)
        try validate()
    }

    /// Checks every weight and level lies in [0, 1] and every name is usable.
    public func validate() throws(ValidationError) {
        for (kind, weights) in [("genres", genres), ("artists", artists), ("moods", moods)] {
            guard weights.count <= 10_000 else { throw ValidationError(field: kind, "must have at most 10000 entries") }
            for (name, weight) in weights {
                try Validate.name(name, field: "\(kind) key", limit: 512)
                try Validate.unit(weight, field: "\(kind).\(name)")
            }
        }
        try Validate.unit(energyLevel, field: "energy_level")
        if case .fixed(let value) = discoveryFactor { try Validate.unit(value, field: "discovery_factor") }
        guard totalInteractions >= 0 else {
            throw ValidationError(field: "total_interactions", "must be >= 0")
        }
    }

    /// The discovery share this listener gets now (resolves `auto` by interaction count).
    public var effectiveDiscovery: Double { discoveryFactor.resolved(interactions: totalInteractions) }
}
