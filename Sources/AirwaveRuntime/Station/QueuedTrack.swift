import AirwaveCore
import Foundation

/// A track the DJ chose for a listener, with why; indices point into the station's catalog.
public struct QueuedTrack: Sendable, Equatable {
    public var index: Int
    public var track: Track
    public var score: Double
    public var discovery: Bool
    public var reasons: [String]
    /// The daypart whose context the pick was made in.
    public var daypart: String

    /// Wraps a core pick.
    init(_ pick: Pick, daypart: String) {
        index = pick.index
        track = pick.track
        score = pick.score
        discovery = pick.discovery
        reasons = pick.reasons
        self.daypart = daypart
    }
}

/// The track playing now and when it started and ends (station time).
public struct PlayingTrack: Sendable, Equatable {
    public var queued: QueuedTrack
    public var startedAt: Date
    public var endsAt: Date
}
