import AirwaveCore
import AirwaveStore
import Foundation
import Testing

@Suite("Store: collaborative events for the similarity refresher")
struct CollaborativeEventsTests {
    @Test("one station's explicit, non-redacted feedback in the window, oldest first; plays left out")
    func eventsForOneStation() throws {
        let store = try Fixtures.store()
        let tracks = Fixtures.tracks(4)
        let now = Date()
        for user in ["a", "b"] { _ = try store.createProfile(userID: user, initial: .neutral) }
        func record(_ user: String, _ station: String, _ track: Int, _ type: FeedbackType, rating: Double? = nil,
                    ago: TimeInterval = 60) throws -> Int64 {
            try store.recordInteraction(InteractionInput(userID: user, stationID: station, track: tracks[track],
                                                         feedback: try Feedback(type, rating: rating), at: now - ago)).0
        }
        _ = try record("a", "s1", 0, .like)
        _ = try record("a", "s1", 1, .play)
        _ = try record("a", "s1", 2, .skip)
        _ = try record("b", "s1", 0, .favorite)
        _ = try record("b", "s1", 1, .rate, rating: 0.9)
        _ = try record("b", "s2", 3, .like)                       // another station
        _ = try record("b", "s1", 3, .dislike, ago: 200 * 86_400) // outside the window
        let redacted = try record("a", "s1", 3, .like)
        _ = try store.redact(userID: "a", RedactionSelector(interactionIDs: [redacted]))

        let events = try store.collaborativeEvents(stationID: "s1", since: now - 90 * 86_400)
        #expect(events.map(\.userID) == ["a", "a", "b", "b"])
        #expect(events.map(\.trackID) == [tracks[0].trackID, tracks[2].trackID, tracks[0].trackID, tracks[1].trackID])
        #expect(events.map(\.weight) == [1, -0.5, 1.5, (0.9 - 0.5) * 2])
        // The limit keeps the newest.
        #expect(try store.collaborativeEvents(stationID: "s1", since: now - 90 * 86_400, limit: 1).map(\.trackID) == [tracks[1].trackID])
        #expect(throws: StoreError.self) { try store.collaborativeEvents(stationID: "bad id", since: now) }
    }
}
