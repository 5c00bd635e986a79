import AirwaveCore
import Foundation

/// One as-run log entry with its per-station sequence number; served as JSON Lines with snake_case keys.
public struct LoggedPlay: Sendable, Hashable, Codable {
    /// Per-station, gap-free, assigned at commit; `?after=seq` resumes exactly (DECISIONS 15).
    public var seq: Int64
    /// The station.
    public var stationID: String
    /// The listener.
    public var userID: String
    /// The track id.
    public var trackID: String
    /// The track title when it played.
    public var title: String
    /// The track artist when it played.
    public var artist: String
    /// The track genre when it played.
    public var genre: String
    /// When it started.
    public var startedAt: Date
    /// When it ended.
    public var endedAt: Date
    /// Played through or skipped.
    public var outcome: PlayOutcome
    /// Whether it was a discovery pick.
    public var discovery: Bool
    /// The DJ's score, if recorded.
    public var score: Double?
    /// Why the DJ picked it.
    public var reasons: [String]
    /// The daypart it was picked in.
    public var daypart: String?

    enum CodingKeys: String, CodingKey {
        case seq, stationID = "station_id", userID = "user_id", trackID = "track_id", title, artist, genre
        case startedAt = "started_at", endedAt = "ended_at", outcome, discovery, score, reasons, daypart
    }

    /// Creates a logged play value.
    public init(seq: Int64, stationID: String, userID: String, trackID: String, title: String, artist: String,
                genre: String, startedAt: Date, endedAt: Date, outcome: PlayOutcome, discovery: Bool,
                score: Double?, reasons: [String], daypart: String?) {
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
