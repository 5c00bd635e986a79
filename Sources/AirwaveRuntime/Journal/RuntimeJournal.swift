import AirwaveCore
import Foundation

/// A finished play, for the as-run log (and, when played through, the implicit `play` feedback).
public struct PlayEvent: Sendable, Equatable {
    public var stationID: String
    public var userID: String
    public var track: Track
    public var startedAt: Date
    public var endedAt: Date
    public var outcome: PlayOutcome
    public var discovery: Bool
    public var score: Double
    public var reasons: [String]
    public var daypart: String
}

/// What a restart needs to put a listener back exactly where they were.
public struct ListenerState: Sendable, Equatable {
    public var stationID: String
    public var userID: String
    public var joinedAt: Date
    public var paused: Bool
    /// Track id, start and end of the track playing now (nil while paused).
    public var nowPlaying: (trackID: String, startedAt: Date, endsAt: Date)?
    /// Track ids queued after it, in order.
    public var upNext: [String]
    /// Fractional discovery picks owed from earlier refills.
    public var discoveryCarry: Double

    /// Creates a state record.
    public init(stationID: String, userID: String, joinedAt: Date, paused: Bool,
                nowPlaying: (trackID: String, startedAt: Date, endsAt: Date)?, upNext: [String], discoveryCarry: Double) {
        self.stationID = stationID
        self.userID = userID
        self.joinedAt = joinedAt
        self.paused = paused
        self.nowPlaying = nowPlaying
        self.upNext = upNext
        self.discoveryCarry = discoveryCarry
    }

    public static func == (a: ListenerState, b: ListenerState) -> Bool {
        a.stationID == b.stationID && a.userID == b.userID && a.joinedAt == b.joinedAt && a.paused == b.paused
            && a.nowPlaying?.trackID == b.nowPlaying?.trackID && a.nowPlaying?.startedAt == b.nowPlaying?.startedAt
            && a.nowPlaying?.endsAt == b.nowPlaying?.endsAt && a.upNext == b.upNext && a.discoveryCarry == b.discoveryCarry
    }
}

/// Where the runtime hands what must outlive the process. The daemon writes it to PostgreSQL in
/// batches (at least once a second); tests keep it in memory.
///
/// Calls come from the scheduler thread and HTTP threads while a station's lock is held, so they must
/// not block on I/O: queue the work and return.
public protocol RuntimeJournal: Sendable {
    /// A track stopped playing for a listener.
    func trackEnded(_ play: PlayEvent)
    /// A listener's now-playing, queue or pause state changed.
    func listenerChanged(_ state: ListenerState)
    /// A listener left the station.
    func listenerLeft(stationID: String, userID: String, at: Date)
}
