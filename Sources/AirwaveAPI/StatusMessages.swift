/// `GET /health`.
public struct HealthView: Codable, Sendable, Equatable {
    /// `ok` or `degraded`.
    public var status: String
    /// `ok` or `down`.
    public var database: String

    /// Creates a health view.
    public init(status: String, database: String) {
        self.status = status
        self.database = database
    }
}

/// `GET /status`: the daemon at a glance.
public struct StatusView: Codable, Sendable, Equatable {
    /// One station in the status summary.
    public struct Station: Codable, Sendable, Equatable {
        public var id: String
        public var name: String
        public var listeners: Int
        public var tracks: Int

        /// Creates a summary line.
        public init(id: String, name: String, listeners: Int, tracks: Int) {
            self.id = id
            self.name = name
            self.listeners = listeners
            self.tracks = tracks
        }
    }

    public var version: String
    public var uptimeSeconds: Double
    public var listeners: Int
    public var stations: [Station]

    enum CodingKeys: String, CodingKey { case version, uptimeSeconds = "uptime_seconds", listeners, stations }

    /// Creates a status view.
    public init(version: String, uptimeSeconds: Double, listeners: Int, stations: [Station]) {
        self.version = version
        self.uptimeSeconds = uptimeSeconds
        self.listeners = listeners
        self.stations = stations
    }
}

/// The reply to `POST /stations/{id}/tracks`.
public struct TrackUpsertResult: Codable, Sendable, Equatable {
    public var added: Int
    public var replaced: Int
    /// Tracks in the station afterwards.
    public var total: Int

    /// Creates a result.
    public init(added: Int, replaced: Int, total: Int) {
        self.added = added
        self.replaced = replaced
        self.total = total
    }
}

/// The daemon's version string.
public enum AirwaveVersion {
    /// Reported by `/status` and `airwavectl --version`.
    public static let current = "0.1.0"
}
