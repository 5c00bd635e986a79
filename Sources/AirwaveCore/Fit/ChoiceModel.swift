import Foundation

/// One logged play seen as a choice: the track the DJ played, the alternatives it was chosen from (as
/// score-term vectors), and whether the listener played it through (`accepted`) or skipped it.
public struct ChoiceObservation: Sendable, Hashable {
    public var chosen: [Double]
    public var alternatives: [[Double]]
    public var accepted: Bool

    /// Creates an observation.
    public init(chosen: [Double], alternatives: [[Double]], accepted: Bool) {
        self.chosen = chosen
        self.alternatives = alternatives
        self.accepted = accepted
    }
}

/// A fitted choice model and how it compares with the default weights on held-out plays.
public struct ChoiceFit: Sendable, Hashable, Codable {
    /// Fitted weights: ≥ 0 and summing to 1 (pruning relies on it; DECISIONS 22).
    public var weights: ScoringWeights
    /// The fitted utility scale: utilities are `scale · weights · terms`.
    public var scale: Double
    public var trainingPlays: Int
    public var heldOutPlays: Int
    /// Mean log-likelihood per held-out play, fitted weights vs the default weights (each with its best scale).
    public var heldOutLogLikelihood: Double
    public var defaultHeldOutLogLikelihood: Double
    /// Share of held-out plays whose outcome the model predicts (played through when the chosen track is
    /// likelier than an average option), fitted vs default.
    public var heldOutAccuracy: Double
    public var defaultHeldOutAccuracy: Double

    enum CodingKeys: String, CodingKey {
        case weights, scale, trainingPlays = "training_plays", heldOutPlays = "held_out_plays"
        case heldOutLogLikelihood = "held_out_log_likelihood", defaultHeldOutLogLikelihood = "default_held_out_log_likelihood"
        case heldOutAccuracy = "held_out_accuracy", defaultHeldOutAccuracy = "default_held_out_accuracy"
    }
}

/// A conditional-logit choice model over the DJ's score terms, fitted to the playlist log.
///
/// For a play with chosen track c among options S = {c} ∪ alternatives, P(c) = exp(θ·x_c) / Σ_{s∈S} exp(θ·x_s)
/// with θ ≥ 0. A play the listener heard through counts as choosing c (log P(c)); a skip as preferring one of
/// the alternatives (log(1 − P(c))). θ is fitted by projected gradient ascent with a little L2; the weights are
/// θ / Σθ and the scale Σθ. Deterministic: the held-out split comes from `seed`.
public enum ChoiceModel {
    /// Fits θ on a seeded 80/20 split of `observations` and reports both weight sets on the held-out part.
    public static func fit(_ observations: [ChoiceObservation], seed: UInt64 = 1, iterations: Int = 400) -> ChoiceFit? {
        let usable = observations.filter { !$0.alternatives.isEmpty && $0.chosen.count == ScoreTerms.count }
        guard usable.count >= 10 else { return nil }
        var random = SeededRandom(seed: seed)
        var training: [ChoiceObservation] = []
        var heldOut: [ChoiceObservation] = []
        for observation in usable {
            if random.nextUnit() < 0.2 { heldOut.append(observation) } else { training.append(observation) }
        }
        if heldOut.isEmpty { heldOut.append(training.removeLast()) }

        var theta = [Double](repeating: 1, count: ScoreTerms.count)
        var rate = 0.5
        var current = meanLogLikelihood(theta, training)
        for _ in 0..<iterations {
            let g = gradient(theta, training)
            var candidate = theta
            for i in candidate.indices { candidate[i] = max(0, candidate[i] + rate * (g[i] - 0.001 * candidate[i])) }
            let value = meanLogLikelihood(candidate, training)
            if value >= current {
                theta = candidate
                current = value
                rate = min(rate * 1.2, 50)
            } else {
                rate *= 0.5
                if rate < 1e-6 { break }
            }
        }
        let total = theta.reduce(0, +)
        let normalized = total > 0 ? theta.map { $0 / total } : ScoringWeights.default.vector
        let weights = (try? ScoringWeights(genre: normalized[0], artist: normalized[1], energy: normalized[2],
                                           tempo: normalized[3], mood: normalized[4])) ?? .default
        let defaultScale = bestScale(ScoringWeights.default.vector, training)
        let defaultTheta = ScoringWeights.default.vector.map { $0 * defaultScale }
        return ChoiceFit(weights: weights, scale: total, trainingPlays: training.count, heldOutPlays: heldOut.count,
                         heldOutLogLikelihood: meanLogLikelihood(theta, heldOut),
                         defaultHeldOutLogLikelihood: meanLogLikelihood(defaultTheta, heldOut),
                         heldOutAccuracy: accuracy(theta, heldOut), defaultHeldOutAccuracy: accuracy(defaultTheta, heldOut))
    }

    /// P(chosen) among its options under θ.
    public static func probability(_ theta: [Double], _ o: ChoiceObservation) -> Double {
        let chosen = dot(theta, o.chosen)
        let utilities = o.alternatives.map { dot(theta, $0) }
        let top = max(chosen, utilities.max() ?? chosen)
        let numerator = exp(chosen - top)
        return numerator / (numerator + utilities.reduce(0) { $0 + exp($1 - top) })
    }

    /// Mean log-likelihood per observation under θ.
    public static func meanLogLikelihood(_ theta: [Double], _ observations: [ChoiceObservation]) -> Double {
        guard !observations.isEmpty else { return 0 }
        var sum = 0.0
        for o in observations {
            let p = min(1 - 1e-12, max(1e-12, probability(theta, o)))
            sum += o.accepted ? log(p) : log(1 - p)
        }
        return sum / Double(observations.count)
    }

    static func gradient(_ theta: [Double], _ observations: [ChoiceObservation]) -> [Double] {
        var g = [Double](repeating: 0, count: theta.count)
        for o in observations {
            let options = [o.chosen] + o.alternatives
            let utilities = options.map { dot(theta, $0) }
            let top = utilities.max()!
            let exps = utilities.map { exp($0 - top) }
            let z = exps.reduce(0, +)
            let p = min(1 - 1e-12, max(1e-12, exps[0] / z))
            // d log P(c)/dθ = x_c − E[x]; d log(1 − P(c))/dθ = −P(c)/(1 − P(c)) · (x_c − E[x]).
            let factor = o.accepted ? 1 : -p / (1 - p)
            for i in theta.indices {
                var expected = 0.0
                for (k, x) in options.enumerated() { expected += exps[k] / z * x[i] }
                g[i] += factor * (o.chosen[i] - expected)
            }
        }
        return g.map { $0 / Double(observations.count) }
    }

    /// The scale s maximizing the likelihood of s·direction (a coarse search is enough for a baseline).
    static func bestScale(_ direction: [Double], _ observations: [ChoiceObservation]) -> Double {
        var best = (scale: 1.0, value: -Double.infinity)
        var scale = 0.25
        while scale <= 64 {
            let value = meanLogLikelihood(direction.map { $0 * scale }, observations)
            if value > best.value { best = (scale, value) }
            scale *= 1.25
        }
        return best.scale
    }

    static func accuracy(_ theta: [Double], _ observations: [ChoiceObservation]) -> Double {
        guard !observations.isEmpty else { return 0 }
        let correct = observations.filter { o in
            (probability(theta, o) > 1 / Double(o.alternatives.count + 1)) == o.accepted
        }.count
        return Double(correct) / Double(observations.count)
    }

    static func dot(_ a: [Double], _ b: [Double]) -> Double {
        var sum = 0.0
        for i in 0..<min(a.count, b.count) { sum += a[i] * b[i] }
        return sum
    }
}
