import AirwaveCore
import Foundation

/// `POST /stations/{id}/listeners`: who joins, with optional starting preferences.
public struct JoinRequest: Codable, Sendable, Equatable {
    public var userID: String
    /// Used only when the user has no profile yet (an existing profile wins).
    public var preferences: Profile?

    enum CodingKeys: String, CodingKey { case userID = "user_id", preferences }

    /// Creates a join request.
    public init(userID: String, preferences: Profile? = nil) {
        self.userID = userID
        self.preferences = preferences
    }
}

/// A listener as the API shows it.
public struct ListenerView: Codable, Sendable, Equatable {
    public var stationID: String
    public var userID: String
    public var joinedAt: Date
    public var paused: Bool
    /// Whether this join created the user's profile (false when one existed); only set on join.
    public var profileCreated: Bool?
    public var nowPlaying: NowPlaying?

    enum CodingKeys: String, CodingKey {
        case stationID = "station_id", userID = "user_id", joinedAt = "joined_at", paused
        case profileCreated = "profile_created", nowPlaying = "now_playing"
    }

    /// Creates a listener view.
    public init(stationID: String, userID: String, joinedAt: Date, paused: Bool, profileCreated: Bool? = nil, nowPlaying: NowPlaying?) {
        self.stationID = stationID
        self.userID = userID
        self.joinedAt = joinedAt
        self.paused = paused
        self.profileCreated = profileCreated
        self.nowPlaying = nowPlaying
    }
}

/// `GET /stations/{id}/listeners`: one page, ordered by user id; `next_after` continues it.
public struct ListenerPage: Codable, Sendable, Equatable {
    public var listeners: [ListenerView]
    /// Pass as `after=` to get the next page; nil on the last page.
    public var nextAfter: String?

    enum CodingKeys: String, CodingKey { case listeners, nextAfter = "next_after" }

    /// Creates a page.
    public init(listeners: [ListenerView], nextAfter: String?) {
        self.listeners = listeners
        self.nextAfter = nextAfter
    }
}

/// `POST …/interactions`: one piece of listener feedback.
public struct InteractionRequest: Codable, Sendable, Equatable {
    public var trackID: String
    public var type: FeedbackType
    /// Required for `rate`, in [0, 1].
    public var rating: Double?

    enum CodingKeys: String, CodingKey { case trackID = "track_id", type, rating }

    /// Creates an interaction request.
    public init(trackID: String, type: FeedbackType, rating: Double? = nil) {
        self.trackID = trackID
        self.type = type
        self.rating = rating
    }
}

/// The reply to an interaction, sent only after COMMIT.
public struct InteractionResponse: Codable, Sendable, Equatable {
    public var interactionID: Int64
    public var profile: ProfileView

    enum CodingKeys: String, CodingKey { case interactionID = "interaction_id", profile }

    /// Creates a reply.
    public init(interactionID: Int64, profile: ProfileView) {
        self.interactionID = interactionID
        self.profile = profile
    }
}

/// A profile with its owner and version: the profile's fields at top level.
public struct ProfileView: Codable, Sendable, Equatable {
    public var userID: String
    public var version: Int64
    public var profile: Profile

    enum OwnerKeys: String, CodingKey { case userID = "user_id", version }

    /// Creates a profile view.
    public init(userID: String, version: Int64, profile: Profile) {
        self.userID = userID
        self.version = version
        self.profile = profile
    }

    public init(from decoder: any Decoder) throws {
        profile = try Profile(from: decoder)
        let c = try decoder.container(keyedBy: OwnerKeys.self)
        userID = try c.decode(String.self, forKey: .userID)
        version = try c.decode(Int64.self, forKey: .version)
    }

    public func encode(to encoder: any Encoder) throws {
        try profile.encode(to: encoder)
        var c = encoder.container(keyedBy: OwnerKeys.self)
        try c.encode(userID, forKey: .userID)
        try c.encode(version, forKey: .version)
    }
}
