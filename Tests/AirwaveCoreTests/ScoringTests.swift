import Foundation
import Testing
@testable import AirwaveCore

@Suite("Scoring arithmetic")
struct ScoringTests {
    @Test("the issue's example: jazz 0.9, same energy and tempo, context off → 0.62")
    func handComputed() {
        let dj = Fixture.dj([Fixture.track("a", genre: "jazz", mood: "mellow", energy: 0.5, tempo: .medium)])
        let profile = Fixture.profile(genres: ["jazz": 0.9], energy: 0.5, tempo: .medium)
        // 0.30·0.9 + 0.25·0 + 0.20·(1 − 0) + 0.15·1 + 0.10·0
        #expect(abs(dj.score(0, for: profile, at: Fixture.noon) - 0.62) < 1e-12)
    }

    @Test("every term at once: artist, energy distance, tempo mismatch and mood")
    func allTerms() {
        let dj = Fixture.dj([Fixture.track("a", genre: "rock", artist: "X", mood: "dark", energy: 0.9, tempo: .fast)])
        let profile = Fixture.profile(genres: ["rock": 0.4], artists: ["X": 0.8], moods: ["dark": 0.6], energy: 0.4, tempo: .slow)
        // 0.3·0.4 + 0.25·0.8 + 0.2·(1 − 0.5) + 0 + 0.1·0.6 = 0.12 + 0.2 + 0.1 + 0.06 = 0.48
        #expect(abs(dj.score(0, for: profile, at: Fixture.noon) - 0.48) < 1e-12)
    }

    @Test("a genre similar to one the listener has earns 0.5: child, parent and sibling alike")
    func similarGenre() {
        let dj = Fixture.dj([
            Fixture.track("blues", genre: "blues"), Fixture.track("jazz", genre: "jazz"),
            Fixture.track("funk", genre: "funk"), Fixture.track("polka", genre: "polka"),
        ])
        let base = 0.2 + 0.15  // energy identical, tempo varied
        let likesJazz = Fixture.profile(genres: ["jazz": 0.9])
        #expect(abs(dj.score(0, for: likesJazz, at: Fixture.noon) - (0.3 * 0.5 + base)) < 1e-12)  // child of jazz
        let likesBlues = Fixture.profile(genres: ["blues": 0.2])
        #expect(abs(dj.score(1, for: likesBlues, at: Fixture.noon) - (0.3 * 0.5 + base)) < 1e-12)  // parent of blues
        #expect(abs(dj.score(2, for: likesBlues, at: Fixture.noon) - (0.3 * 0.5 + base)) < 1e-12)  // sibling of blues
        #expect(abs(dj.score(3, for: likesBlues, at: Fixture.noon) - base) < 1e-12)  // unrelated
        // A genre present in the profile uses its own weight, even when a similar genre is also present.
        let both = Fixture.profile(genres: ["jazz": 0.9, "blues": 0.2])
        #expect(abs(dj.score(0, for: both, at: Fixture.noon) - (0.3 * 0.2 + base)) < 1e-12)
    }

    @Test("custom weights change the arithmetic; an empty similarity map gives no partial credit")
    func customWeights() throws {
        let weights = try ScoringWeights(genre: 0.5, artist: 0, energy: 0.5, tempo: 0, mood: 0)
        let settings = Fixture.settings(weights: weights, similarity: .empty)
        let dj = Fixture.dj([Fixture.track("a", genre: "jazz", energy: 0.2), Fixture.track("b", genre: "blues", energy: 0.2)], settings)
        let profile = Fixture.profile(genres: ["jazz": 0.6], energy: 0.6)
        #expect(abs(dj.score(0, for: profile, at: Fixture.noon) - (0.5 * 0.6 + 0.5 * 0.6)) < 1e-12)
        #expect(abs(dj.score(1, for: profile, at: Fixture.noon) - 0.5 * 0.6) < 1e-12)
    }

    @Test("weights must be >= 0 and sum to 1; the error names weights")
    func weightValidation() {
        #expect(throws: ValidationError(field: "weights", "must sum to 1 (got 1.1)")) {
            try ScoringWeights(genre: 0.4, artist: 0.25, energy: 0.2, tempo: 0.15, mood: 0.1)
        }
        #expect { try ScoringWeights(genre: -0.1, artist: 0.45, energy: 0.3, tempo: 0.25, mood: 0.1) } throws: { error in
            (error as? ValidationError)?.field == "weights"
        }
        #expect(throws: Never.self) { try ScoringWeights(genre: 0.2, artist: 0.2, energy: 0.2, tempo: 0.2, mood: 0.2 + 5e-7) }
    }

    @Test("similarity is symmetric and never reflexive")
    func similarityRelation() {
        let map = SimilarityMap.default
        #expect(map.areSimilar("jazz", "blues") && map.areSimilar("blues", "jazz"))
        #expect(map.areSimilar("blues", "swing"))
        #expect(map.areSimilar("rock", "hard-rock") == false)  // rock→metal→hard-rock is two steps
        #expect(map.areSimilar("metal", "rock") && map.areSimilar("metal", "death-metal"))
        #expect(!map.areSimilar("jazz", "jazz"))
    }
}
