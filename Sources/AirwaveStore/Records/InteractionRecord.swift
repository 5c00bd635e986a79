import AirwaveCore
import Foundation

/// A stored feedback event, with the track attributes it had at event time.
public struct InteractionRecord: Sendable, Hashable, Codable {
    /// Database-assigned id; increases in commit order per user.
    public var id: Int64
    /// The listener.
    public var userID: String
    /// The station.
    public var stationID: String
    /// The track's id.
    public var trackID: String
    /// The track's genre at event time.
    public var genre: String
    /// The track's artist at event time.
    public var artist: String
    /// The track's mood at event time.
    public var mood: String
    /// The feedback type.
    public var type: FeedbackType
    /// The rating for `rate`, else nil.
    public var rating: Double?
    /// When it happened.
    public var at: Date
    /// Redacted events stay in the log but no longer count in the fold.
    public var redacted: Bool

    enum CodingKeys: String, CodingKey {
        case id = "interaction_id", userID = "user_id", stationID = "station_id", trackID = "track_id"
        case genre, artist, mood, type, rating, at, redacted
    }

    /// Creates a record value.
    public init(id: Int64, userID: String, stationID: String, trackID: String, genre: String, artist: String,
                mood: String, type: FeedbackType, rating: Double?, at: Date, redacted: Bool) {
        self.id = id
        self.userID = userID
        self.stationID = stationID
        self.trackID = trackID
        self.genre = genre
        self.artist = artist
        self.mood = mood
        self.type = type
        self.rating = rating
        self.at = at
        self.redacted = redacted
    }
}
