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
    /// How much choosing this pick moved the listener's discovery carry (DECISIONS 3); given back when
    /// the pick is thrown away unplayed. Bookkeeping only: equality ignores it.
    var carryCharge = 0.0

    /// Wraps a core pick.
    init(_ pick: Pick, daypart: String) {
        index = pick.index
        track = pick.track
        score = pick.score
        discovery = pick.discovery
        reasons = pick.reasons
        self.daypart = daypart
    }

    public static func == (a: QueuedTrack, b: QueuedTrack) -> Bool {
        a.index == b.index && a.track == b.track && a.score == b.score && a.discovery == b.discovery
            && a.reasons == b.reasons && a.daypart == b.daypart
    }
}

/// The track playing now and when it started and ends (station time).
public struct PlayingTrack: Sendable, Equatable {
    public var queued: QueuedTrack
    public var startedAt: Date
    public var endsAt: Date
}
