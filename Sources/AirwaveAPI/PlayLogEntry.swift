import Foundation

/// One line of a station's playlist log (the as-run log), as served in JSON Lines and SSE.
public struct PlayLogEntry: Codable, Sendable, Equatable {
    /// Per-station sequence number assigned at commit; `after=` and `Last-Event-ID` resume from it.
    public var seq: Int64
    public var stationID: String
    public var userID: String
    public var trackID: String
    public var title: String
    public var artist: String
    public var genre: String
    public var startedAt: Date
    public var endedAt: Date
    /// `played` or `skipped`.
    public var outcome: String
    public var discovery: Bool
    public var score: Double
    public var reasons: [String]
    public var daypart: String

    enum CodingKeys: String, CodingKey {
        case seq, stationID = "station_id", userID = "user_id", trackID = "track_id", title, artist, genre
        case startedAt = "started_at", endedAt = "ended_at", outcome, discovery, score, reasons, daypart
    }

    /// Creates an entry.
    public init(seq: Int64, stationID: String, userID: String, trackID: String, title: String, artist: String,
                genre: String, startedAt: Date, endedAt: Date, outcome: String, discovery: Bool, score: Double,
                reasons: [String], daypart: String) {
        self.seq = seq
        self.stationID = stationID
        self.userID = userID
        self.trackID = trackID
        self.title = title
        self.artist = artist
        self.genre = genre
        self.startedAt = startedAt
        self.endedAt = endedAt
        self.outcome = outcome
        self.discovery = discovery
        self.score = score
        self.reasons = reasons
        self.daypart = daypart
    }
}
