import AirwaveCore
@testable import AirwaveStore
import Foundation
import Testing

@Suite("Analytics views")
struct AnalyticsViewTests {
    @Test("profile_analytics and station_daily_stats answer what docs/storage.md says")
    func views() throws {
        let store = try Fixtures.store()
        try store.saveStation(Fixtures.station("s"))
        let catalog = Fixtures.tracks(5)
        let at = Date(timeIntervalSince1970: 1_763_900_000)
        for (i, type) in [FeedbackType.like, .skip, .favorite, .dislike].enumerated() {
            _ = try store.recordInteraction(InteractionInput(userID: "u", stationID: "s", track: catalog[i],
                                                             feedback: try Feedback(type), at: at))
        }
        _ = try store.recordPlays([
            PlayInput(stationID: "s", userID: "u", track: catalog[0], startedAt: at, endedAt: at, outcome: .played),
            PlayInput(stationID: "s", userID: "v", track: catalog[0], startedAt: at, endedAt: at, outcome: .skipped),
        ])
        let profileRow = try store.read("test") { conn throws(StoreError) in
            try conn.query("""
                SELECT genre_diversity, total_interactions, recent_like_rate, recent_skip_rate, top_genres[1]
                FROM profile_analytics WHERE user_id = 'u'
                """, context: "test").first!
        }
        #expect(profileRow.values[0] == "4")
        #expect(profileRow.values[1] == "5")
        #expect(try profileRow.double(2, "like") == 2.0 / 5)
        #expect(try profileRow.double(3, "skip") == 1.0 / 5)
        #expect(profileRow.values[4] == "metal")  // favorite(metal) 0.7 beats like+play(rock) 0.65
        let stationRow = try store.read("test") { conn throws(StoreError) in
            try conn.query("""
                SELECT plays, unique_listeners, skip_rate, like_rate, top_tracks[1] FROM station_daily_stats
                WHERE station_id = 's'
                """, context: "test").first!
        }
        #expect(stationRow.values[0] == "2")
        #expect(stationRow.values[1] == "2")
        #expect(try stationRow.double(2, "skip_rate") == 0.5)
        #expect(try stationRow.double(3, "like_rate") == 1.0)
        #expect(stationRow.values[4] == "t0")
    }
}
