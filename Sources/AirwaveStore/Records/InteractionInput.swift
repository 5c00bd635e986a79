import AirwaveCore
import Foundation

/// One feedback event to append: who, where, about which track, what, and when.
public struct InteractionInput: Sendable, Hashable {
    /// The listener giving feedback.
    public var userID: String
    /// The station it happened on.
    public var stationID: String
    /// The track as it is in the catalog now; its genre, artist and mood are copied into the event.
    public var track: Track
    /// The feedback itself.
    public var feedback: Feedback
    /// When it happened.
    public var at: Date

    /// Creates an interaction input.
    public init(userID: String, stationID: String, track: Track, feedback: Feedback, at: Date) {
        self.userID = userID
        self.stationID = stationID
        self.track = track
        self.feedback = feedback
        self.at = at
    }
}
