import AirwaveCore

/// `PATCH /profiles/{user_id}`: new initial preferences; the fields given replace the current ones.
public struct ProfilePatch: Codable, Sendable, Equatable {
    public var genres: [String: Double]?
    public var artists: [String: Double]?
    public var moods: [String: Double]?
    public var energyLevel: Double?
    public var tempoPreference: TempoPreference?
    public var discoveryFactor: DiscoveryFactor?

    enum CodingKeys: String, CodingKey {
        case genres, artists, moods, energyLevel = "energy_level", tempoPreference = "tempo_preference"
        case discoveryFactor = "discovery_factor"
    }

    /// A patch that changes nothing.
    public static let empty = ProfilePatch(genres: nil, artists: nil, moods: nil, energyLevel: nil, tempoPreference: nil,
                                           discoveryFactor: nil)

    /// Creates a patch; nil fields stay as they are.
    public init(genres: [String: Double]?, artists: [String: Double]?, moods: [String: Double]?, energyLevel: Double?,
                tempoPreference: TempoPreference?, discoveryFactor: DiscoveryFactor?) {
        self.genres = genres
        self.artists = artists
        self.moods = moods
        self.energyLevel = energyLevel
        self.tempoPreference = tempoPreference
        self.discoveryFactor = discoveryFactor
    }

    /// Every key the body may have.
    public static let allowedKeys: Set<String> = ["genres", "artists", "moods", "energy_level", "tempo_preference", "discovery_factor"]

    /// `initial` with this patch's fields in place, validated (the error names the field).
    public func applied(to initial: Profile) throws(ValidationError) -> Profile {
        try Profile(genres: genres ?? initial.genres, artists: artists ?? initial.artists, moods: moods ?? initial.moods,
                    energyLevel: energyLevel ?? initial.energyLevel, tempoPreference: tempoPreference ?? initial.tempoPreference,
                    discoveryFactor: discoveryFactor ?? initial.discoveryFactor, totalInteractions: initial.totalInteractions)
    }
}
