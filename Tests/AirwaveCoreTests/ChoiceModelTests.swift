import Foundation
import Testing
@testable import AirwaveCore

@Suite("Weights learned from the playlist log")
struct ChoiceModelTests {
    /// A log generated from known weights: options have random terms, the DJ plays one of them, and the
    /// listener hears it through with the probability the true model gives it among its options.
    static func syntheticLog(trueTheta: [Double], plays: Int, seed: UInt64) -> [ChoiceObservation] {
        var random = SeededRandom(seed: seed)
        var log: [ChoiceObservation] = []
        for _ in 0..<plays {
            let options = (0..<6).map { _ in (0..<ScoreTerms.count).map { _ in random.nextUnit() } }
            let chosenIndex = Int(random.next() % 6)
            var observation = ChoiceObservation(chosen: options[chosenIndex],
                                                alternatives: options.enumerated().filter { $0.offset != chosenIndex }.map(\.element),
                                                accepted: false)
            observation.accepted = random.nextUnit() < ChoiceModel.probability(trueTheta, observation)
            log.append(observation)
        }
        return log
    }

    @Test("the fit recovers the signs, the order and the order of magnitude of known weights")
    func recoversKnownWeights() throws {
        let truth = [0.45, 0.05, 0.30, 0.0, 0.20]
        let theta = truth.map { $0 * 12 }
        let fit = try #require(ChoiceModel.fit(Self.syntheticLog(trueTheta: theta, plays: 3000, seed: 7)))
        let w = fit.weights.vector
        #expect(abs(w.reduce(0, +) - 1) < 1e-9 && w.allSatisfy { $0 >= 0 }, "weights are >= 0 and sum to 1: \(w)")
        #expect(w[0] > w[2] && w[2] > w[4] && w[4] > w[1], "order genre > energy > mood > artist: \(w)")
        for (fitted, expected) in zip(w, truth) where expected > 0.1 {
            #expect(fitted > expected / 3 && fitted < expected * 3, "\(fitted) vs \(expected)")
        }
        #expect(w[3] < 0.05, "a term with no effect gets (almost) no weight: \(w[3])")
        #expect(fit.scale > 4 && fit.scale < 40, "scale \(fit.scale) vs 12")
        #expect(fit.heldOutLogLikelihood >= fit.defaultHeldOutLogLikelihood, "the fit explains held-out plays at least as well as the defaults")
    }

    @Test("too little data gives no fit; the same log and seed give the same fit")
    func deterministic() {
        #expect(ChoiceModel.fit([]) == nil)
        let log = Self.syntheticLog(trueTheta: [3, 1, 2, 0, 1], plays: 500, seed: 3)
        #expect(ChoiceModel.fit(log, seed: 5) == ChoiceModel.fit(log, seed: 5))
    }

    @Test("score terms are the contract's, so weights · terms is the DJ's score")
    func termsMatchScore() throws {
        let dj = try EclecticStationTests.load()
        let profile = try Profile(genres: ["jazz": 0.9, "rock": 0.4], artists: ["Miles Davis": 0.8], moods: ["mellow": 0.6],
                                  energyLevel: 0.4, tempoPreference: .medium)
        let at = Fixture.date("2026-03-10T19:30:00+01:00")
        let effective = dj.effectiveProfile(profile, at: at)
        for index in stride(from: 0, to: dj.catalog.count, by: 7) {
            let terms = ScoreTerms.of(dj.catalog.track(at: index)!, for: effective, similarity: dj.settings.similarity)
            let score = ChoiceModel.dot(dj.settings.weights.vector, terms)
            #expect(abs(score - dj.score(index, for: profile, at: at)) < 1e-9)
        }
    }
}
