import Foundation

/// `GET /stations/{id}/analytics`: a station's plays and listener behaviour over `[from, to)`.
///
/// The daemon does not serve this route yet; this is the agreed shape, kept here until it moves to
/// AirwaveAPI next to the other wire types.
public struct StationAnalytics: Codable, Sendable, Equatable {
    /// A most-played track.
    public struct TopTrack: Codable, Sendable, Equatable {
        public var trackID: String
        public var title: String
        public var artist: String
        public var plays: Int

        enum CodingKeys: String, CodingKey { case trackID = "track_id", title, artist, plays }

        /// Creates an entry.
        public init(trackID: String, title: String, artist: String, plays: Int) {
            self.trackID = trackID
            self.title = title
            self.artist = artist
            self.plays = plays
        }
    }

    /// A most-played artist.
    public struct TopArtist: Codable, Sendable, Equatable {
        public var artist: String
        public var plays: Int

        /// Creates an entry.
        public init(artist: String, plays: Int) {
            self.artist = artist
            self.plays = plays
        }
    }

    /// A genre's share of plays, in [0, 1].
    public struct GenreShare: Codable, Sendable, Equatable {
        public var genre: String
        public var share: Double

        /// Creates an entry.
        public init(genre: String, share: Double) {
            self.genre = genre
            self.share = share
        }
    }

    /// Plays in one hour of the day (0-23, station time).
    public struct HourPlays: Codable, Sendable, Equatable {
        public var hour: Int
        public var plays: Int

        /// Creates an entry.
        public init(hour: Int, plays: Int) {
            self.hour = hour
            self.plays = plays
        }
    }

    public var stationID: String
    /// Window start (inclusive).
    public var from: Date
    /// Window end (exclusive).
    public var to: Date
    public var plays: Int
    public var uniqueListeners: Int
    /// Skips over plays, in [0, 1].
    public var skipRate: Double
    /// Likes and favorites over plays, in [0, 1].
    public var likeRate: Double
    /// Share of discovery picks that were not skipped, in [0, 1].
    public var discoveryAcceptance: Double
    public var topTracks: [TopTrack]
    public var topArtists: [TopArtist]
    public var genreMix: [GenreShare]
    /// Share of the catalog played at least once in the window, in [0, 1].
    public var catalogCoverage: Double
    public var playsPerHour: [HourPlays]

    enum CodingKeys: String, CodingKey {
        case stationID = "station_id", from, to, plays, uniqueListeners = "unique_listeners"
        case skipRate = "skip_rate", likeRate = "like_rate", discoveryAcceptance = "discovery_acceptance"
        case topTracks = "top_tracks", topArtists = "top_artists", genreMix = "genre_mix"
        case catalogCoverage = "catalog_coverage", playsPerHour = "plays_per_hour"
    }

    /// Creates analytics.
    public init(stationID: String, from: Date, to: Date, plays: Int, uniqueListeners: Int, skipRate: Double,
                likeRate: Double, discoveryAcceptance: Double, topTracks: [TopTrack], topArtists: [TopArtist],
                genreMix: [GenreShare], catalogCoverage: Double, playsPerHour: [HourPlays]) {
        self.stationID = stationID
        self.from = from
        self.to = to
        self.plays = plays
        self.uniqueListeners = uniqueListeners
        self.skipRate = skipRate
        self.likeRate = likeRate
        self.discoveryAcceptance = discoveryAcceptance
        self.topTracks = topTracks
        self.topArtists = topArtists
        self.genreMix = genreMix
        self.catalogCoverage = catalogCoverage
        self.playsPerHour = playsPerHour
    }
}
