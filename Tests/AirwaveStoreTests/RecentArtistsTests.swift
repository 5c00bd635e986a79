@testable import AirwaveStore
import AirwaveCore
import Foundation
import Testing

/// Migration 8: new artist weights go to the small `artists_recent` map and are folded into `artists`
/// when it grows; a profile reads back the same either way.
@Suite("Recent artists")
struct RecentArtistsTests {
    @Test("a listener meeting hundreds of artists reads back exactly, and the recent map stays small")
    func manyArtists() throws {
        let store = try Fixtures.store()
        let tracks = try (0..<300).map { i in
            try Track(trackID: "ra\(i)", title: "T\(i)", artist: "An Artist With A Longish Name \(i)",
                      genre: Fixtures.genres[i % Fixtures.genres.count], mood: Fixtures.moods[i % Fixtures.moods.count],
                      energy: 0.5, tempo: .medium, duration: 200)
        }
        var last: ProfileSnapshot?
        var recentSizes: [Int64] = []
        for (i, track) in tracks.enumerated() {
            let feedback = try i % 3 == 0 ? Feedback(.dislike) : Feedback(.like)
            last = try store.recordInteraction(InteractionInput(userID: "wanderer", stationID: "s", track: track,
                                                                feedback: feedback, at: Date())).snapshot
            // Every other interaction meets one of the earlier artists again (a changed, not a new, weight).
            if i % 2 == 1 {
                last = try store.recordInteraction(InteractionInput(userID: "wanderer", stationID: "s", track: tracks[i / 2],
                                                                    feedback: try Feedback(.favorite), at: Date())).snapshot
            }
            if i % 25 == 24 {
                #expect(try store.profile(userID: "wanderer") == last)
                recentSizes.append(try store.read("t") { conn throws(StoreError) in
                    try conn.query("SELECT pg_column_size(artists_recent) FROM profiles WHERE user_id = 'wanderer'",
                                   context: "t").first!.int64(0, "size")
                })
            }
        }
        #expect(last?.profile.artists.count == 300)
        #expect(try store.profile(userID: "wanderer") == last)
        // It folded along the way (never above the limit plus one batch's entries), and the stored map holds the rest.
        #expect(recentSizes.allSatisfy { $0 <= Int64(ProfileRows.recentArtistsLimit) + 200 })
        let stored = try store.read("t") { conn throws(StoreError) in
            try conn.query("SELECT (SELECT count(*) FROM jsonb_object_keys(artists)) FROM profiles WHERE user_id = 'wanderer'",
                           context: "t").first!.int64(0, "count")
        }
        #expect(stored > 250)
        let diversity = try store.read("t") { conn throws(StoreError) in
            try conn.query("SELECT artist_diversity FROM profile_analytics WHERE user_id = 'wanderer'", context: "t")
                .first!.int64(0, "artist_diversity")
        }
        #expect(diversity == Int64(last!.profile.artists.values.filter { $0 > 0 }.count))
    }
}
