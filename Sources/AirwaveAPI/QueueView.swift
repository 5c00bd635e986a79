import AirwaveCore
import Foundation

/// The track a listener hears now: the ranked track plus its timing.
public struct NowPlaying: Codable, Sendable, Equatable {
    public var track: RankedTrack
    public var startedAt: Date
    public var endsAt: Date
    /// Seconds into the track at the time of the response.
    public var positionSeconds: Double

    enum TimingKeys: String, CodingKey {
        case startedAt = "started_at", endsAt = "ends_at", positionSeconds = "position_seconds"
    }

    /// Creates a now-playing view.
    public init(track: RankedTrack, startedAt: Date, endsAt: Date, positionSeconds: Double) {
        self.track = track
        self.startedAt = startedAt
        self.endsAt = endsAt
        self.positionSeconds = positionSeconds
    }

    public init(from decoder: any Decoder) throws {
        track = try RankedTrack(from: decoder)
        let c = try decoder.container(keyedBy: TimingKeys.self)
        startedAt = try c.decode(Date.self, forKey: .startedAt)
        endsAt = try c.decode(Date.self, forKey: .endsAt)
        positionSeconds = try c.decode(Double.self, forKey: .positionSeconds)
    }

    public func encode(to encoder: any Encoder) throws {
        try track.encode(to: encoder)
        var c = encoder.container(keyedBy: TimingKeys.self)
        try c.encode(startedAt, forKey: .startedAt)
        try c.encode(endsAt, forKey: .endsAt)
        try c.encode(positionSeconds, forKey: .positionSeconds)
    }
}

/// `{"now_playing": {...}, "up_next": [...]}`: what a listener hears and will hear.
public struct QueueView: Codable, Sendable, Equatable {
    public var stationID: String
    public var userID: String
    /// Nil while the listener is paused.
    public var nowPlaying: NowPlaying?
    public var upNext: [RankedTrack]
    public var paused: Bool

    enum CodingKeys: String, CodingKey {
        case stationID = "station_id", userID = "user_id", nowPlaying = "now_playing", upNext = "up_next", paused
    }

    /// Creates a queue view.
    public init(stationID: String, userID: String, nowPlaying: NowPlaying?, upNext: [RankedTrack], paused: Bool) {
        self.stationID = stationID
        self.userID = userID
        self.nowPlaying = nowPlaying
        self.upNext = upNext
        self.paused = paused
    }
}
