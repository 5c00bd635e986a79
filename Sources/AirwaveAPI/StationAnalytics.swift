import Foundation

/// `GET /stations/{id}/analytics`: a station's figures over a window `[from, to)` (DECISIONS 17).
///
/// Every figure comes from the SQL function `station_analytics`; docs/storage.md says what each divides by.
/// Rates are shares in [0, 1], 0 when their denominator is 0. `from`/`to` are dates like everywhere in the API
/// (UTC with milliseconds); hour buckets are local hour starts written with the station's offset.
public struct StationAnalytics: Codable, Sendable, Equatable {
    /// One of the most played tracks.
    public struct TopTrack: Codable, Sendable, Equatable {
        /// The track id.
        public var trackID: String
        /// The title as logged.
        public var title: String
        /// The artist as logged.
        public var artist: String
        /// Plays in the window.
        public var plays: Int

        enum CodingKeys: String, CodingKey { case trackID = "track_id", title, artist, plays }

        /// Creates a top-track line.
        public init(trackID: String, title: String, artist: String, plays: Int) {
            self.trackID = trackID
            self.title = title
            self.artist = artist
            self.plays = plays
        }
    }

    /// One of the most played artists.
    public struct TopArtist: Codable, Sendable, Equatable {
        /// The artist.
        public var artist: String
        /// Plays in the window.
        public var plays: Int

        /// Creates a top-artist line.
        public init(artist: String, plays: Int) {
            self.artist = artist
            self.plays = plays
        }
    }

    /// A genre's share of the window's plays.
    public struct GenreShare: Codable, Sendable, Equatable {
        /// The genre.
        public var genre: String
        /// Plays of the genre / plays.
        public var share: Double

        /// Creates a genre share.
        public init(genre: String, share: Double) {
            self.genre = genre
            self.share = share
        }
    }

    /// Plays that started in one local hour.
    public struct HourPlays: Codable, Sendable, Equatable {
        /// The local hour start with the station's offset, e.g. `2026-11-23T09:00:00-05:00`.
        public var hour: String
        /// Plays that started in that hour (and in the window).
        public var plays: Int

        /// Creates an hour bucket.
        public init(hour: String, plays: Int) {
            self.hour = hour
            self.plays = plays
        }
    }

    /// The station.
    public var stationID: String
    /// Window start, inclusive.
    public var from: Date
    /// Window end, exclusive.
    public var to: Date
    /// Plays that started in the window.
    public var plays: Int
    /// Distinct listeners among those plays.
    public var uniqueListeners: Int
    /// Skipped plays / plays.
    public var skipRate: Double
    /// Like + favorite interactions at the station in the window / plays (capped at 1).
    public var likeRate: Double
    /// Discovery plays played through or liked while playing / discovery plays.
    public var discoveryAcceptance: Double
    /// The 10 most played tracks, most played first.
    public var topTracks: [TopTrack]
    /// The 10 most played artists, most played first.
    public var topArtists: [TopArtist]
    /// Every genre's share of the plays, largest first.
    public var genreMix: [GenreShare]
    /// Distinct catalog tracks played / tracks in the catalog.
    public var catalogCoverage: Double
    /// Plays per local hour, every hour the window touches (zeros included).
    public var playsPerHour: [HourPlays]

    enum CodingKeys: String, CodingKey {
        case stationID = "station_id", from, to, plays, uniqueListeners = "unique_listeners", skipRate = "skip_rate"
        case likeRate = "like_rate", discoveryAcceptance = "discovery_acceptance", topTracks = "top_tracks"
        case topArtists = "top_artists", genreMix = "genre_mix", catalogCoverage = "catalog_coverage"
        case playsPerHour = "plays_per_hour"
    }

    /// Creates an analytics view.
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
