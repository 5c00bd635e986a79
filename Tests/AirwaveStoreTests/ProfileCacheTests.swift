import AirwaveCore
import AirwaveStore
import Foundation
import Testing

/// The group-commit writer keeps the profiles it wrote and sends only changed weights; every other way a
/// profile changes must make it read the row again. Each step checks the writer's answer against the row.
@Suite("Group commit: cached profiles and weight deltas")
struct ProfileCacheTests {
    @Test("interactions between resets, edits, redactions, implicit plays and erasure match the stored row and the fold")
    func interleaved() throws {
        let store = try Fixtures.store()
        try store.saveStation(Fixtures.station("s"))
        let catalog = Fixtures.tracks(40)
        try store.upsertTracks(stationID: "s", catalog)
        var step = 0
        func interact(_ user: String, _ type: FeedbackType = .like) throws -> ProfileSnapshot {
            step += 1
            let track = catalog[(step * 7) % catalog.count]
            let (_, snapshot) = try store.recordInteraction(InteractionInput(userID: user, stationID: "s", track: track,
                                                                             feedback: try Feedback(type), at: Date()))
            #expect(try store.profile(userID: user) == snapshot, "step \(step)")
            return snapshot
        }
        func folded(_ user: String) throws -> Profile { try store.rebuildProfile(userID: user).profile }

        // Warm the cache, then every kind of outside change, each followed by interactions.
        for _ in 0..<5 { _ = try interact("u") }
        _ = try interact("u", .dislike)

        let reset = try store.resetProfile(userID: "u", clearOverrides: false)
        #expect(reset.profile == reset.initial)
        var snapshot = try interact("u")
        #expect(snapshot.profile.totalInteractions == 1)
        #expect(snapshot.profile == (try folded("u")))

        let initial = try Profile(genres: ["jazz": 0.9], artists: ["Nobody": 0.1], moods: ["calm": 0.7])
        _ = try store.updateInitialPreferences(userID: "u", initial)
        snapshot = try interact("u")
        #expect(snapshot.initial == initial)

        let before = try interact("u", .skip)
        let last = try #require(try store.interactions(userID: "u", limit: 1).first)
        _ = try store.redact(userID: "u", RedactionSelector(interactionIDs: [last.id]))
        snapshot = try interact("u")
        #expect(snapshot.version > before.version + 1)
        #expect(snapshot.profile == (try folded("u")))

        let at = Date()
        _ = try store.recordPlays([PlayInput(stationID: "s", userID: "u", track: catalog[3], startedAt: at,
                                             endedAt: at.addingTimeInterval(10), outcome: .played)])
        let afterPlay = try #require(try store.profile(userID: "u"))
        snapshot = try interact("u")
        #expect(snapshot.version == afterPlay.version + 1)
        #expect(snapshot.profile.totalInteractions == afterPlay.profile.totalInteractions + 1)

        // Erased and created again with the same version number as the cached one: must not be mistaken.
        let erasedAt = snapshot.version
        #expect(try store.eraseUser(userID: "u"))
        _ = try store.createProfile(userID: "u", initial: .neutral)
        for _ in 0..<Int(erasedAt) { snapshot = try interact("u") }
        #expect(snapshot.profile.totalInteractions == Int(erasedAt))
        #expect(snapshot.profile == (try folded("u")))
    }

    @Test("a weight removed outside the writer is removed from the row too (the whole map is written)")
    func removedWeights() throws {
        let store = try Fixtures.store()
        try store.saveStation(Fixtures.station("s"))
        let catalog = Fixtures.tracks(10)
        let rich = try Profile(genres: ["polka": 0.8, "jazz": 0.4], artists: ["Old Artist": 0.9], moods: ["calm": 0.2])
        _ = try store.createProfile(userID: "v", initial: rich)
        _ = try store.recordInteraction(InteractionInput(userID: "v", stationID: "s", track: catalog[1],
                                                         feedback: try Feedback(.like), at: Date()))
        // A new starting point without polka: the reset re-folds from it, dropping keys the writer cached.
        _ = try store.updateInitialPreferences(userID: "v", try Profile(genres: ["jazz": 0.4]))
        _ = try store.resetProfile(userID: "v", clearOverrides: false)
        let (_, snapshot) = try store.recordInteraction(InteractionInput(userID: "v", stationID: "s", track: catalog[2],
                                                                         feedback: try Feedback(.like), at: Date()))
        #expect(snapshot.profile.genres["polka"] == nil)
        #expect(try store.profile(userID: "v") == snapshot)
    }
}
