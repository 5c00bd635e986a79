import Foundation
import Testing
@testable import AirwaveCore

@Suite("Collaborative: item-to-item similarity from interactions")
struct CollaborativeSimilarityTests {
    static func like(_ user: String, _ track: String) -> CollaborativeEvent {
        CollaborativeEvent(userID: user, trackID: track, type: .like)!
    }

    @Test("tracks liked by the same listeners are neighbours; cosine over co-likes")
    func coLikes() {
        let events = [
            Self.like("u1", "a"), Self.like("u1", "b"),
            Self.like("u2", "a"), Self.like("u2", "b"),
            Self.like("u3", "a"), Self.like("u3", "c"),
        ]
        let lists = ItemSimilarity.neighbours(from: events)
        // a: liked by 3 (norm 3·0.25), b by 2 (norm 2·0.25), co = 2·0.25 → 2/sqrt(6).
        let ab = try! #require(lists.neighbours(of: "a").first)
        #expect(ab.trackID == "b")
        #expect(abs(ab.similarity - 2 / 6.0.squareRoot()) < 1e-12)
        #expect(lists.neighbours(of: "b").map(\.trackID) == ["a"])
        // a–c has one supporting user only: below the minimum support of 2.
        #expect(lists.neighbours(of: "c").isEmpty)
        #expect(!lists.neighbours(of: "a").contains { $0.trackID == "c" })
    }

    @Test("minimum support is a setting")
    func minimumSupport() {
        let events = [Self.like("u1", "a"), Self.like("u1", "b")]
        #expect(ItemSimilarity.neighbours(from: events).isEmpty)
        let lists = ItemSimilarity.neighbours(from: events, options: .init(minimumSupport: 1))
        #expect(lists.neighbours(of: "a") == [Neighbour(trackID: "b", similarity: 1)])
    }

    @Test("a listener who liked one and skipped or disliked the other lowers the pair")
    func negativesDownWeight() {
        var events = [Self.like("u1", "a"), Self.like("u1", "b"), Self.like("u2", "a"), Self.like("u2", "b"),
                      Self.like("u3", "a")]
        let before = ItemSimilarity.neighbours(from: events).neighbours(of: "a").first!.similarity
        events.append(CollaborativeEvent(userID: "u3", trackID: "b", type: .skip)!)
        let afterSkip = ItemSimilarity.neighbours(from: events).neighbours(of: "a").first!.similarity
        events.append(CollaborativeEvent(userID: "u3", trackID: "b", type: .dislike)!)
        let afterDislike = ItemSimilarity.neighbours(from: events).neighbours(of: "a").first?.similarity ?? 0
        #expect(afterSkip < before)
        #expect(afterDislike < afterSkip)
        // With no penalty negatives do nothing.
        let ignored = ItemSimilarity.neighbours(from: events, options: .init(negativePenalty: 0)).neighbours(of: "a").first!.similarity
        #expect(ignored == before)
    }

    @Test("a track disliked by everyone who liked the other loses it as a neighbour")
    func dislikedPairVanishes() {
        let events = [Self.like("u1", "a"), Self.like("u1", "b"), Self.like("u2", "a"), Self.like("u2", "b"),
                      Self.like("u3", "a"), Self.like("u4", "a"),
                      CollaborativeEvent(userID: "u3", trackID: "b", type: .dislike)!,
                      CollaborativeEvent(userID: "u4", trackID: "b", type: .dislike)!]
        #expect(ItemSimilarity.neighbours(from: events).neighbours(of: "a").isEmpty)
    }

    @Test("favorites weigh more than likes; plays and neutral ratings carry no signal")
    func eventWeights() {
        #expect(CollaborativeEvent(userID: "u", trackID: "t", type: .play) == nil)
        #expect(CollaborativeEvent(userID: "u", trackID: "t", type: .rate, rating: 0.5) == nil)
        #expect(CollaborativeEvent(userID: "u", trackID: "t", type: .rate, rating: 1)!.weight == 1)
        #expect(CollaborativeEvent(userID: "u", trackID: "t", type: .rate, rating: 0)!.weight == -1)
        #expect(CollaborativeEvent(userID: "u", trackID: "t", type: .favorite)!.weight
                > CollaborativeEvent(userID: "u", trackID: "t", type: .like)!.weight)
    }

    @Test("lists are sparse top-N, most similar first, in [0, 1], and independent of event order across users")
    func topNAndDeterminism() {
        var random = SeededRandom(seed: 5)
        var events: [CollaborativeEvent] = []
        for u in 0..<40 {
            for _ in 0..<25 {
                let track = "t\(Int(random.nextUnit() * 60))"
                events.append(random.nextUnit() < 0.8 ? Self.like("u\(u)", track)
                                                      : CollaborativeEvent(userID: "u\(u)", trackID: track, type: .skip)!)
            }
        }
        let lists = ItemSimilarity.neighbours(from: events, options: .init(neighbourLimit: 5))
        #expect(!lists.isEmpty)
        for (track, list) in lists.byTrack {
            #expect(list.count <= 5)
            #expect(!list.contains { $0.trackID == track })
            #expect(list.allSatisfy { $0.similarity > 0 && $0.similarity <= 1 })
            #expect(zip(list, list.dropFirst()).allSatisfy { $0.similarity >= $1.similarity })
        }
        // Users' events interleaved differently (each user's own order kept) give the same lists.
        let byUser = Dictionary(grouping: events, by: \.userID)
        let regrouped = byUser.keys.sorted().reversed().flatMap { byUser[$0]! }
        #expect(ItemSimilarity.neighbours(from: regrouped, options: .init(neighbourLimit: 5)) == lists)
    }
}
