import Testing
@testable import AirwaveCore

@Suite("Learning from feedback")
struct LearningTests {
    let track = try! Track(trackID: "t1", title: "So What", artist: "Miles Davis", genre: "jazz", mood: "mellow",
                           energy: 0.4, tempo: .medium, duration: 545)

    @Test("each feedback type moves genre, artist and mood by its strength from 0.5 when unheard")
    func strengths() throws {
        let expected: [(Feedback, Double)] = [
            (try Feedback(.play), 0.55), (try Feedback(.skip), 0.45), (try Feedback(.like), 0.6),
            (try Feedback(.dislike), 0.4), (try Feedback(.favorite), 0.7),
            (try Feedback(.rate, rating: 0), 0.4), (try Feedback(.rate, rating: 1), 0.6),
            (try Feedback(.rate, rating: 0.75), 0.55),
        ]
        for (feedback, weight) in expected {
            let learned = Profile.neutral.learning(feedback, about: track)
            #expect(abs(learned.genres["jazz"]! - weight) < 1e-12, "\(feedback.type)")
            #expect(abs(learned.artists["Miles Davis"]! - weight) < 1e-12)
            #expect(abs(learned.moods["mellow"]! - weight) < 1e-12)
            #expect(learned.totalInteractions == 1)
            #expect(learned.energyLevel == Profile.neutral.energyLevel)
        }
    }

    @Test("twenty dislikes reach exactly 0 and twenty favorites exactly 1")
    func clamping() throws {
        var down = Profile.neutral
        var up = Profile.neutral
        for _ in 0..<20 {
            down.learn(try Feedback(.dislike), about: track)
            up.learn(try Feedback(.favorite), about: track)
        }
        #expect(down.genres["jazz"] == 0.0 && down.artists["Miles Davis"] == 0.0 && down.moods["mellow"] == 0.0)
        #expect(up.genres["jazz"] == 1.0 && up.artists["Miles Davis"] == 1.0 && up.moods["mellow"] == 1.0)
        #expect(down.totalInteractions == 20)
    }

    @Test("a rating of 0 moves the weight by -0.1 from its current value")
    func ratingZero() throws {
        var profile = try Profile(genres: ["jazz": 0.9])
        profile.learn(try Feedback(.rate, rating: 0), about: track)
        #expect(abs(profile.genres["jazz"]! - 0.8) < 1e-12)
    }

    @Test("rate needs a rating in [0, 1]; other types refuse one")
    func ratingRules() {
        #expect(throws: ValidationError.self) { try Feedback(.rate) }
        #expect(throws: ValidationError(field: "rating", "must be a number between 0 and 1 (got 1.5)")) {
            try Feedback(.rate, rating: 1.5)
        }
        #expect(throws: ValidationError.self) { try Feedback(.like, rating: 0.5) }
    }

    @Test("profile creation rejects out-of-range values and names the field")
    func profileValidation() {
        #expect(throws: ValidationError(field: "energy_level", "must be a number between 0 and 1 (got 1.2)")) {
            try Profile(energyLevel: 1.2)
        }
        #expect(throws: ValidationError(field: "genres.jazz", "must be a number between 0 and 1 (got -0.1)")) {
            try Profile(genres: ["jazz": -0.1])
        }
        #expect(throws: ValidationError.self) { try Profile(discoveryFactor: .fixed(.nan)) }
    }

    @Test("auto discovery follows the interaction count")
    func autoDiscovery() {
        #expect(DiscoveryFactor.auto.resolved(interactions: 0) == 0.3)
        #expect(DiscoveryFactor.auto.resolved(interactions: 49) == 0.3)
        #expect(DiscoveryFactor.auto.resolved(interactions: 50) == 0.2)
        #expect(DiscoveryFactor.auto.resolved(interactions: 500) == 0.2)
        #expect(DiscoveryFactor.auto.resolved(interactions: 501) == 0.1)
    }
}

@Suite("Text that PostgreSQL cannot store")
struct NulTextTests {
    @Test("NUL characters in any name are rejected naming the field")
    func nul() {
        #expect(throws: ValidationError(field: "title", "must not contain NUL characters")) {
            try Track(trackID: "t", title: "a\u{0}b", artist: "x", genre: "jazz", mood: "calm", energy: 0.5, tempo: .slow, duration: 10)
        }
        #expect(throws: ValidationError(field: "album", "must not contain NUL characters")) {
            try Track(trackID: "t", title: "a", artist: "x", genre: "jazz", mood: "calm", energy: 0.5, tempo: .slow, duration: 10, album: "\u{0}")
        }
        #expect(throws: ValidationError(field: "genres key", "must not contain NUL characters")) { try Profile(genres: ["ja\u{0}zz": 0.5]) }
        #expect(throws: ValidationError.self) { try Daypart(name: "mor\u{0}ning", start: "06:00", end: "12:00", energy: 0.5, moods: [:]) }
    }
}
