import Foundation

/// A listener's persisted state on one station: enough to resume after a restart (DECISIONS 9).
public struct ListenerRecord: Sendable, Hashable, Codable {
    /// The station the listener is tuned to.
    public var stationID: String
    /// The listener's user id.
    public var userID: String
    /// When they joined this station.
    public var joinedAt: Date
    /// When they left; nil while active.
    public var leftAt: Date?
    /// Paused listeners log no plays and learn nothing (DECISIONS 8).
    public var paused: Bool
    /// The track playing now, if any.
    public var nowPlayingTrackID: String?
    /// When the current track started.
    public var nowPlayingStartedAt: Date?
    /// When the current track ends.
    public var nowPlayingEndsAt: Date?
    /// Queued track ids, next first.
    public var upNext: [String]
    /// Running discovery deficit carried across refills (DECISIONS 3).
    public var discoveryCarry: Double

    enum CodingKeys: String, CodingKey {
        case stationID = "station_id", userID = "user_id", joinedAt = "joined_at", leftAt = "left_at", paused
        case nowPlayingTrackID = "now_playing_track_id", nowPlayingStartedAt = "now_playing_started_at"
        case nowPlayingEndsAt = "now_playing_ends_at", upNext = "up_next", discoveryCarry = "discovery_carry"
    }

    /// Creates a listener record.
    public init(stationID: String, userID: String, joinedAt: Date, leftAt: Date? = nil, paused: Bool = false,
                nowPlayingTrackID: String? = nil, nowPlayingStartedAt: Date? = nil, nowPlayingEndsAt: Date? = nil,
                upNext: [String] = [], discoveryCarry: Double = 0) {
        self.stationID = stationID
        self.userID = userID
        self.joinedAt = joinedAt
        self.leftAt = leftAt
        self.paused = paused
        self.nowPlayingTrackID = nowPlayingTrackID
        self.nowPlayingStartedAt = nowPlayingStartedAt
        self.nowPlayingEndsAt = nowPlayingEndsAt
        self.upNext = upNext
        self.discoveryCarry = discoveryCarry
    }
}
