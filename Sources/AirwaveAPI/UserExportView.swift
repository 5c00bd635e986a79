import AirwaveCore
import Foundation

/// `GET /profiles/{user_id}/export`: everything stored about one user.
public struct UserExportView: Codable, Sendable, Equatable {
    /// One stored feedback event.
    public struct Interaction: Codable, Sendable, Equatable {
        public var id: Int64
        public var stationID: String
        public var trackID: String
        public var genre: String
        public var artist: String
        public var mood: String
        public var type: FeedbackType
        public var rating: Double?
        public var at: Date
        public var redacted: Bool

        enum CodingKeys: String, CodingKey {
            case id, stationID = "station_id", trackID = "track_id", genre, artist, mood, type, rating, at, redacted
        }

        /// Creates an event view.
        public init(id: Int64, stationID: String, trackID: String, genre: String, artist: String, mood: String,
                    type: FeedbackType, rating: Double?, at: Date, redacted: Bool) {
            self.id = id
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

    public var userID: String
    public var profile: ProfileView
    /// The preferences the profile folds from.
    public var initial: Profile
    public var overrides: ProfileOverrides
    /// Stations the user listens to now.
    public var stations: [String]
    public var interactions: [Interaction]
    public var plays: [PlayLogEntry]

    enum CodingKeys: String, CodingKey { case userID = "user_id", profile, initial, overrides, stations, interactions, plays }

    /// Creates an export.
    public init(userID: String, profile: ProfileView, initial: Profile, overrides: ProfileOverrides, stations: [String],
                interactions: [Interaction], plays: [PlayLogEntry]) {
        self.userID = userID
        self.profile = profile
        self.initial = initial
        self.overrides = overrides
        self.stations = stations
        self.interactions = interactions
        self.plays = plays
    }
}
