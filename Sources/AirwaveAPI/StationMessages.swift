import AirwaveCore

/// `POST /stations`: a station's settings (as in a station file) plus its first tracks.
public struct CreateStationRequest: Codable, Sendable {
    public var settings: StationSettings
    public var tracks: [Track]

    enum TrackKeys: String, CodingKey { case tracks }

    /// Every key the body may have.
    public static let allowedKeys: Set<String> = [
        "id", "name", "timezone", "context_weight", "dayparts", "weights", "similarity", "queue_size", "transition",
        "collaborative_weight", "tracks",
    ]

    /// Creates a request.
    public init(settings: StationSettings, tracks: [Track]) {
        self.settings = settings
        self.tracks = tracks
    }

    public init(from decoder: any Decoder) throws {
        settings = try StationSettings(from: decoder)
        let c = try decoder.container(keyedBy: TrackKeys.self)
        tracks = try c.decodeIfPresent([Track].self, forKey: .tracks) ?? []
    }

    public func encode(to encoder: any Encoder) throws {
        try settings.encode(to: encoder)
        var c = encoder.container(keyedBy: TrackKeys.self)
        try c.encode(tracks, forKey: .tracks)
    }
}

/// `POST /stations/{id}/tracks`: tracks to add or replace by `track_id`.
public struct TrackBatch: Codable, Sendable {
    public var tracks: [Track]

    /// Creates a batch.
    public init(tracks: [Track]) { self.tracks = tracks }
}

/// A station as the API shows it: its settings plus live counts.
public struct StationView: Codable, Sendable {
    public var settings: StationSettings
    public var trackCount: Int
    public var listenerCount: Int
    /// `file` (defined in the stations directory) or `api` (created over HTTP).
    public var source: String

    enum CountKeys: String, CodingKey { case trackCount = "track_count", listenerCount = "listener_count", source }

    /// Creates a view.
    public init(settings: StationSettings, trackCount: Int, listenerCount: Int, source: String) {
        self.settings = settings
        self.trackCount = trackCount
        self.listenerCount = listenerCount
        self.source = source
    }

    public init(from decoder: any Decoder) throws {
        settings = try StationSettings(from: decoder)
        let c = try decoder.container(keyedBy: CountKeys.self)
        trackCount = try c.decode(Int.self, forKey: .trackCount)
        listenerCount = try c.decode(Int.self, forKey: .listenerCount)
        source = try c.decode(String.self, forKey: .source)
    }

    public func encode(to encoder: any Encoder) throws {
        try settings.encode(to: encoder)
        var c = encoder.container(keyedBy: CountKeys.self)
        try c.encode(trackCount, forKey: .trackCount)
        try c.encode(listenerCount, forKey: .listenerCount)
        try c.encode(source, forKey: .source)
    }
}

/// `GET /stations`.
public struct StationList: Codable, Sendable {
    public var stations: [StationView]

    /// Creates a list.
    public init(stations: [StationView]) { self.stations = stations }
}
