import AirwaveCore
import Foundation

/// One entry for the as-run log, as the scheduler produces it.
public struct PlayInput: Sendable, Hashable {
    /// The station.
    public var stationID: String
    /// The listener.
    public var userID: String
    /// The track (its genre, artist and mood also feed the implicit `play` interaction).
    public var track: Track
    /// When it started.
    public var startedAt: Date
    /// When it ended (or was skipped).
    public var endedAt: Date
    /// Played through or skipped; `played` also records an implicit `play` interaction (DECISIONS 2).
    public var outcome: PlayOutcome
    /// Whether the DJ picked it as a discovery track.
    public var discovery: Bool
    /// The DJ's score when it was picked.
    public var score: Double?
    /// Why the DJ picked it.
    public var reasons: [String]
    /// The daypart it was picked in.
    public var daypart: String?

    /// Creates a play input.
    public init(stationID: String, userID: String, track: Track, startedAt: Date, endedAt: Date,
                outcome: PlayOutcome, discovery: Bool = false, score: Double? = nil, reasons: [String] = [],
                daypart: String? = nil) {
        self.stationID = stationID
        self.userID = userID
        self.track = track
        self.startedAt = startedAt
        self.endedAt = endedAt
        self.outcome = outcome
        self.discovery = discovery
        self.score = score
        self.reasons = reasons
        self.daypart = daypart
    }
}
