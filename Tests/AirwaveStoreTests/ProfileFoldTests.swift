import AirwaveCore
import AirwaveStore
import Foundation
import Testing

@Suite("Profiles as an event log")
struct ProfileFoldTests {
    static func randomFeedback(_ rng: inout SeededRandom) -> Feedback {
        let type = FeedbackType.allCases[Int(rng.nextUnit() * Double(FeedbackType.allCases.count)) % FeedbackType.allCases.count]
        return type == .rate ? try! Feedback(.rate, rating: rng.nextUnit()) : try! Feedback(type)
    }

    @Test("existing profile wins on create")
    func createExistingWins() throws {
        let store = try Fixtures.store()
        let first = try Profile(genres: ["jazz": 0.9], energyLevel: 0.3, tempoPreference: .slow, discoveryFactor: .fixed(0.25))
        let (a, created) = try store.createProfile(userID: "u1", initial: first)
        #expect(created)
        #expect(a.profile == first)
        #expect(a.initial == first)
        let (b, createdAgain) = try store.createProfile(userID: "u1", initial: try Profile(genres: ["metal": 1]))
        #expect(!createdAgain)
        #expect(b.profile == first)
        #expect(try store.profile(userID: "u1")?.profile == first)
        #expect(try store.profile(userID: "nobody") == nil)
    }

    @Test("snapshot equals the fold of random events, for several users, stations and concurrent callers",
          arguments: [UInt64(1), 42, 2026])
    func snapshotEqualsFold(seed: UInt64) throws {
        let store = try Fixtures.store()
        let catalog = Fixtures.tracks(40)
        let users = ["ana", "bo", "cy"]
        let initial = try Profile(genres: ["jazz": 0.7], moods: ["calm": 0.2], energyLevel: 0.4)
        for user in users.dropFirst() { _ = try store.createProfile(userID: user, initial: initial) }
        // "ana" has no profile: her first interaction creates a neutral one.
        var rng = SeededRandom(seed: seed)
        var plans: [[InteractionInput]] = Array(repeating: [], count: 4)
        for i in 0..<200 {
            let user = users[Int(rng.nextUnit() * 3) % 3]
            let track = catalog[Int(rng.nextUnit() * 40) % 40]
            let station = rng.nextUnit() < 0.5 ? "s1" : "s2"
            plans[i % 4].append(InteractionInput(userID: user, stationID: station, track: track,
                                                 feedback: Self.randomFeedback(&rng), at: Date(timeIntervalSince1970: 1_700_000_000 + Double(i))))
        }
        let work = plans
        let ids = Mutex2<[Int64]>([])
        DispatchQueue.concurrentPerform(iterations: 4) { worker in
            for input in work[worker] {
                if let (id, _) = try? store.recordInteraction(input) { ids.append(id) }
            }
        }
        #expect(ids.value.count == 200)
        #expect(Set(ids.value).count == 200)

        for user in users {
            let snapshot = try #require(try store.profile(userID: user))
            // Fold the stored events (oldest first) over the initial preferences, as the core does.
            let events = try store.interactions(userID: user, limit: 1000).reversed()
            var folded = snapshot.initial
            for e in events {
                let track = try Track(trackID: e.trackID, title: "x", artist: e.artist, genre: e.genre, mood: e.mood,
                                      energy: 0.5, tempo: .medium, duration: 1)
                folded.learn(try Feedback(e.type, rating: e.rating), about: track)
            }
            #expect(snapshot.profile == folded, "user \(user)")
            #expect(snapshot.profile.totalInteractions == snapshot.initial.totalInteractions + events.count)
            let rebuilt = try store.rebuildProfile(userID: user)
            #expect(rebuilt.profile == snapshot.profile)
            #expect(rebuilt.version == snapshot.version + 1)
        }
    }

    @Test("each caller gets the snapshot right after its own event")
    func callerSnapshot() throws {
        let store = try Fixtures.store()
        let track = Fixtures.tracks(1)[0]
        _ = try store.createProfile(userID: "u", initial: .neutral)
        let (id1, s1) = try store.recordInteraction(InteractionInput(userID: "u", stationID: "s", track: track,
                                                                     feedback: try Feedback(.like), at: Date()))
        let (id2, s2) = try store.recordInteraction(InteractionInput(userID: "u", stationID: "s", track: track,
                                                                     feedback: try Feedback(.rate, rating: 0.9), at: Date()))
        #expect(id2 > id1)
        #expect(s1.profile.genres[track.genre] == Profile.neutral.learning(try Feedback(.like), about: track).genres[track.genre])
        #expect(s2.version == s1.version + 1)
        #expect(s2.profile.totalInteractions == 2)
        #expect(try store.recentFeedbackTypes(userID: "u", limit: 20) == [.rate, .like])
        #expect(try store.profile(userID: "u") == s2)
    }

    @Test("rebuildProfile of an unknown user is not_found")
    func rebuildUnknown() throws {
        let store = try Fixtures.store()
        #expect(throws: StoreError.self) { try store.rebuildProfile(userID: "ghost") }
    }
}
