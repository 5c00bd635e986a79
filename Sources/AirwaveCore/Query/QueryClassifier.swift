import Foundation

/// The query-type classifier, trained at start-up from the shipped labeled set (pure Swift, no model file).
///
/// Two small models over the same ``QueryFeatures`` (with the lexicon's facet kinds when a lexicon is given):
/// multinomial naive Bayes picks the category (19 classes),
/// and a binary logistic regression gives α = P(personalized), which is better calibrated than summing
/// naive Bayes posteriors. Training is deterministic: same data, same weights.
///
/// ```swift
/// let classifier = QueryClassifier(training: try LabeledQuery.parseTSV(tsv), lexicon: lexicon)
/// classifier.predict("calm music for studying").alpha   // ≈ 0.9
/// ```
public struct QueryClassifier: Sendable {
    /// Feature string → column.
    let vocabulary: [String: Int]
    let categories = QueryCategory.allCases
    /// log P(category).
    let logPrior: [Double]
    /// log P(feature | category), row-major `[category * vocabulary.count + feature]`.
    let logLikelihood: [Double]
    /// Logistic regression weights per feature, and the bias.
    let weights: [Double]
    let bias: Double
    let tagger: QueryTagger?

    /// Laplace smoothing for naive Bayes.
    static let smoothing = 0.3
    /// Logistic regression: full-batch gradient descent.
    static let epochs = 1000
    static let learningRate = 4.0
    static let l2 = 1e-4

    /// Trains both models on `training` (an empty set gives α = 0.5 and the most generic category); with a
    /// `lexicon`, the facet kinds of known words are features too.
    public init(training: [LabeledQuery], lexicon: QueryLexicon? = nil) {
        let tagger = lexicon.map(QueryTagger.init(lexicon:))
        self.tagger = tagger
        var vocabulary: [String: Int] = [:]
        let rows: [[Int]] = training.map { item in
            QueryFeatures.of(item.text, tagger: tagger).map { feature in
                if let column = vocabulary[feature] { return column }
                vocabulary[feature] = vocabulary.count
                return vocabulary.count - 1
            }
        }
        let v = vocabulary.count
        let c = QueryCategory.allCases.count
        let position = Dictionary(uniqueKeysWithValues: QueryCategory.allCases.enumerated().map { ($1, $0) })

        // Naive Bayes counts.
        var counts = [Double](repeating: 0, count: c * v)
        var totals = [Double](repeating: 0, count: c)
        var docs = [Double](repeating: 0, count: c)
        for (item, row) in zip(training, rows) {
            let k = position[item.category]!
            docs[k] += 1
            for f in row { counts[k * v + f] += 1; totals[k] += 1 }
        }
        let n = Double(training.count)
        logPrior = docs.map { log(($0 + 1) / (n + Double(c))) }
        var likelihood = counts
        for k in 0..<c {
            let denominator = log(totals[k] + QueryClassifier.smoothing * Double(max(v, 1)))
            for f in 0..<v { likelihood[k * v + f] = log(counts[k * v + f] + QueryClassifier.smoothing) - denominator }
        }
        logLikelihood = likelihood

        // Logistic regression on unique features, each row scaled to unit length.
        let sparse: [[Int]] = rows.map { Array(Set($0)).sorted() }
        let labels: [Double] = training.map { $0.category.isPersonalized ? 1 : 0 }
        var w = [Double](repeating: 0, count: v)
        var b = 0.0
        if !training.isEmpty {
            var gradient = [Double](repeating: 0, count: v)
            for _ in 0..<QueryClassifier.epochs {
                for f in 0..<v { gradient[f] = QueryClassifier.l2 * w[f] }
                var biasGradient = 0.0
                for (row, y) in zip(sparse, labels) {
                    let scale = 1 / Double(row.count).squareRoot()
                    var z = b
                    for f in row { z += w[f] * scale }
                    let error = QueryClassifier.sigmoid(z) - y
                    for f in row { gradient[f] += error * scale / n }
                    biasGradient += error / n
                }
                for f in 0..<v { w[f] -= QueryClassifier.learningRate * gradient[f] }
                b -= QueryClassifier.learningRate * biasGradient
            }
        }
        weights = w
        bias = b
        self.vocabulary = vocabulary
    }

    static func sigmoid(_ z: Double) -> Double { 1 / (1 + exp(-z)) }

    /// The category (naive Bayes), its posterior, and α = P(personalized) (logistic regression).
    public func predict(_ text: String) -> QueryPrediction {
        let columns = QueryFeatures.of(text, tagger: tagger).compactMap { vocabulary[$0] }
        let v = vocabulary.count
        var scores = logPrior
        for k in scores.indices {
            for f in columns { scores[k] += logLikelihood[k * v + f] }
        }
        let top = scores.max() ?? 0
        let exps = scores.map { exp($0 - top) }
        let total = exps.reduce(0, +)
        var best = 0
        for k in scores.indices where scores[k] > scores[best] { best = k }

        let unique = Array(Set(columns)).sorted()
        var z = bias
        if !unique.isEmpty {
            let scale = 1 / Double(unique.count).squareRoot()
            for f in unique { z += weights[f] * scale }
        }
        return QueryPrediction(category: categories[best], confidence: exps[best] / total,
                               alpha: QueryClassifier.sigmoid(z))
    }
}
