/// What the classifier says about one query.
public struct QueryPrediction: Sendable, Hashable {
    /// The most likely category.
    public var category: QueryCategory
    /// Its posterior probability, in (0, 1].
    public var confidence: Double
    /// α = P(the listener's taste should shape the answer), in (0, 1).
    public var alpha: Double

    /// Creates a prediction.
    public init(category: QueryCategory, confidence: Double, alpha: Double) {
        self.category = category
        self.confidence = confidence
        self.alpha = alpha
    }
}
