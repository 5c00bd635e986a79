import Foundation

/// A station's figures over a window, exactly as the SQL function `station_analytics` computes them
/// (sql/0003_station_analytics.sql defines each figure; docs/storage.md repeats the definitions).
public struct StationAnalyticsRecord: Sendable, Equatable, Codable {
    /// One of the most played tracks.
    public struct TopTrack: Sendable, Equatable, Codable {
        /// The track id.
        public var trackID: String
        /// The title as logged when it played.
        public var title: String
        /// The artist as logged when it played.
        public var artist: String
        /// Plays in the window.
        public var plays: Int

        enum CodingKeys: String, CodingKey { case trackID = "track_id", title, artist, plays }
    }

    /// One of the most played artists.
    public struct TopArtist: Sendable, Equatable, Codable {
        /// The artist.
        public var artist: String
        /// Plays in the window.
        public var plays: Int
    }

    /// A genre's share of the plays.
    public struct GenreShare: Sendable, Equatable, Codable {
        /// The genre.
        public var genre: String
        /// Plays of the genre / plays, in [0, 1].
        public var share: Double
    }

    /// Plays that started in one local hour.
    public struct HourPlays: Sendable, Equatable, Codable {
        /// The local hour start, ISO 8601 with the station's offset (e.g. 2026-11-23T09:00:00-05:00).
        public var hour: String
        /// Plays that started in that hour and in the window.
        public var plays: Int
    }

    /// The station.
    public var stationID: String
    /// Window start (inclusive); the SQL writes it in the station's offset.
    public var from: Date
    /// Window end (exclusive).
    public var to: Date
    /// Plays that started in the window.
    public var plays: Int
    /// Distinct listeners among those plays.
    public var uniqueListeners: Int
    /// Skipped plays / plays.
    public var skipRate: Double
    /// Like and favorite interactions at the station in the window / plays, capped at 1.
    public var likeRate: Double
    /// Discovery plays played through or liked while playing / discovery plays.
    public var discoveryAcceptance: Double
    /// The 10 most played tracks.
    public var topTracks: [TopTrack]
    /// The 10 most played artists.
    public var topArtists: [TopArtist]
    /// Every genre's share of the plays, largest first.
    public var genreMix: [GenreShare]
    /// Distinct catalog tracks played / catalog tracks.
    public var catalogCoverage: Double
    /// Plays per local hour, every hour the window touches.
    public var playsPerHour: [HourPlays]

    enum CodingKeys: String, CodingKey {
        case stationID = "station_id", from, to, plays, uniqueListeners = "unique_listeners", skipRate = "skip_rate"
        case likeRate = "like_rate", discoveryAcceptance = "discovery_acceptance", topTracks = "top_tracks"
        case topArtists = "top_artists", genreMix = "genre_mix", catalogCoverage = "catalog_coverage"
        case playsPerHour = "plays_per_hour"
    }
}
