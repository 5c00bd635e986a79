/// A summary of a listener's taste and recent behaviour, computed from the profile and recent feedback.
public struct ProfileAnalytics: Codable, Sendable, Hashable {
    /// A name with its weight.
    public struct Weighted: Codable, Sendable, Hashable {
        /// The genre or artist name.
        public var name: String
        /// Its weight in the profile, in [0, 1].
        public var weight: Double
    }

    /// Genres with weight > 0.
    public var genreDiversity: Int
    /// The largest genre weight (0 with no genres).
    public var genreConcentration: Double
    /// Artists with weight > 0.
    public var artistDiversity: Int
    /// Feedback events folded into the profile.
    public var totalInteractions: Int
    /// Share of likes and favorites among the last min(20, n) interactions (0 with none).
    public var recentLikeRate: Double
    /// Share of skips among the last min(20, n) interactions (0 with none).
    public var recentSkipRate: Double
    /// Five heaviest genres, ties by name.
    public var topGenres: [Weighted]
    /// Ten heaviest artists, ties by name.
    public var topArtists: [Weighted]

    enum CodingKeys: String, CodingKey {
        case genreDiversity = "genre_diversity", genreConcentration = "genre_concentration"
        case artistDiversity = "artist_diversity", totalInteractions = "total_interactions"
        case recentLikeRate = "recent_like_rate", recentSkipRate = "recent_skip_rate"
        case topGenres = "top_genres", topArtists = "top_artists"
    }

    /// How many recent interactions the rates look at.
    public static let recentWindow = 20

    /// Analytics of `profile`; `recent` lists interaction types oldest first (only the last 20 count).
    public static func of(_ profile: Profile, recent: [FeedbackType]) -> ProfileAnalytics {
        let window = recent.suffix(recentWindow)
        let n = Double(window.count)
        let likes = window.filter { $0 == .like || $0 == .favorite }.count
        let skips = window.filter { $0 == .skip }.count
        return ProfileAnalytics(
            genreDiversity: profile.genres.values.filter { $0 > 0 }.count,
            genreConcentration: profile.genres.values.max() ?? 0,
            artistDiversity: profile.artists.values.filter { $0 > 0 }.count,
            totalInteractions: profile.totalInteractions,
            recentLikeRate: window.isEmpty ? 0 : Double(likes) / n,
            recentSkipRate: window.isEmpty ? 0 : Double(skips) / n,
            topGenres: top(profile.genres, 5),
            topArtists: top(profile.artists, 10))
    }

    static func top(_ weights: [String: Double], _ count: Int) -> [Weighted] {
        weights.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
            .prefix(count).map { Weighted(name: $0.key, weight: $0.value) }
    }
}
