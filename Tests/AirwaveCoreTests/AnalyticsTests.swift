import Foundation
import Testing
@testable import AirwaveCore

@Suite("Profile analytics")
struct AnalyticsTests {
    @Test("figures by hand")
    func figures() throws {
        let profile = try Profile(genres: ["jazz": 0.9, "rock": 0.0, "blues": 0.6, "soul": 0.6, "a": 0.1, "b": 0.2, "c": 0.3],
                                  artists: ["X": 0.5, "Y": 0.0], totalInteractions: 42)
        // 25 interactions: only the last 20 count → 6 likes/favorites, 5 skips among them.
        let recent: [FeedbackType] = Array(repeating: .like, count: 5)
            + [.like, .favorite, .favorite, .like, .like, .like] + Array(repeating: .skip, count: 5)
            + Array(repeating: .play, count: 9)
        let a = ProfileAnalytics.of(profile, recent: recent)
        #expect(a.genreDiversity == 6 && a.genreConcentration == 0.9 && a.artistDiversity == 1 && a.totalInteractions == 42)
        #expect(a.recentLikeRate == 6.0 / 20 && a.recentSkipRate == 5.0 / 20)
        #expect(a.topGenres.map(\.name) == ["jazz", "blues", "soul", "c", "b"])
        #expect(a.topArtists.map(\.name) == ["X", "Y"])
        let empty = ProfileAnalytics.of(.neutral, recent: [])
        #expect(empty.recentLikeRate == 0 && empty.genreConcentration == 0 && empty.topGenres.isEmpty)
    }

    @Test("encodes with snake_case keys")
    func keys() throws {
        let json = String(decoding: try JSONEncoder().encode(ProfileAnalytics.of(.neutral, recent: [.skip])), as: UTF8.self)
        for key in ["genre_diversity", "genre_concentration", "artist_diversity", "total_interactions",
                    "recent_like_rate", "recent_skip_rate", "top_genres", "top_artists"] {
            #expect(json.contains("\"\(key)\""), "\(key)")
        }
    }
}
