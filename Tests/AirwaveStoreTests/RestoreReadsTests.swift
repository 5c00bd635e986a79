import AirwaveCore
import AirwaveStore
import Foundation
import Testing

@Suite("Batched restore reads")
struct RestoreReadsTests {
    @Test("each batched read answers exactly what the per-user reads answer, users without data included")
    func batchedEqualsPerUser() throws {
        let store = try Fixtures.store()
        try store.saveStation(Fixtures.station("a"))
        try store.saveStation(Fixtures.station("b"))
        let tracks = Fixtures.tracks(12)
        let base = Date(timeIntervalSince1970: 1_763_000_000)
        let users = (0..<6).map { "user-\($0)" }
        var random = SeededRandom(seed: 7)
        var likedIDs: [String: [Int64]] = [:]
        for (u, user) in users.enumerated() where u < 5 {
            _ = try store.createProfile(userID: user, initial: .neutral)
            // A varying mix of feedback, so the 200-event scan and the 10-like cut both matter for someone.
            for k in 0..<(u * 60) {
                let types: [FeedbackType] = [.like, .skip, .favorite, .dislike, .play]
                let type = types[Int(random.nextUnit() * Double(types.count)) % types.count]
                let station = k % 3 == 0 ? "b" : "a"
                let (id, _) = try store.recordInteraction(InteractionInput(
                    userID: user, stationID: station, track: tracks[k % tracks.count], feedback: try Feedback(type, rating: nil),
                    at: base.addingTimeInterval(Double(k))))
                if type == .like || type == .favorite { likedIDs[user, default: []].append(id) }
            }
            let plays = (0..<(u * 17)).map { k in
                PlayInput(stationID: k % 4 == 0 ? "b" : "a", userID: user, track: tracks[(k + u) % tracks.count],
                          startedAt: base.addingTimeInterval(Double(k * 300)), endedAt: base.addingTimeInterval(Double(k * 300 + 200)),
                          outcome: .played, discovery: false, score: 0.5, reasons: [], daypart: "morning")
            }
            if !plays.isEmpty { _ = try store.recordPlays(plays) }
            if u % 2 == 1 {
                _ = try store.mergeOverrides(userID: user, try ProfileOverrides(genres: ["jazz": 0.5], artists: ["Artist \(u)": -0.25]))
            }
        }
        // A redacted like must not come back, though it still counts towards the scan.
        if let newest = likedIDs["user-4"]?.last {
            _ = try store.redact(userID: "user-4", RedactionSelector(interactionIDs: [newest]))
        }

        let profiles = try store.profiles(userIDs: users)
        let overrides = try store.overrides(userIDs: users)
        let likes = try store.recentLikes(userIDs: users, scan: 200, limit: 10)
        let plays = try store.recentPlays(stationID: "a", userIDs: users, limit: 50)
        #expect(profiles.count == 5 && profiles["user-5"] == nil)
        #expect(overrides.keys.sorted() == ["user-1", "user-3"])
        for user in users {
            #expect(profiles[user] == (try store.profile(userID: user)))
            #expect((overrides[user] ?? .none) == (try store.overrides(userID: user)))
            let expectedLikes = try store.interactions(userID: user, limit: 200)
                .filter { !$0.redacted && ($0.type == .like || $0.type == .favorite) }.prefix(10).map(\.trackID)
            #expect((likes[user] ?? []) == Array(expectedLikes))
            let expectedPlays = try store.recentPlays(stationID: "a", userID: user, limit: 50)
            #expect((plays[user] ?? []) == expectedPlays)
        }
        // Somebody hit each cut: more than 10 likes, more than 50 plays on the station.
        #expect(likes.values.contains { $0.count == 10 })
        #expect(plays.values.contains { $0.count == 50 })
        #expect(try store.recentLikes(userIDs: [], scan: 200, limit: 10).isEmpty)
    }

    @Test("a bad user id is refused by name before any query")
    func badUserID() throws {
        let store = try Fixtures.store()
        #expect { try store.profiles(userIDs: ["ok", "not ok\n"]) } throws: { error in
            (error as? StoreError)?.context.contains("user_id") == true
        }
    }
}
