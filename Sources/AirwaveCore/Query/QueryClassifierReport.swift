/// Held-out figures for the classifier: accuracy and macro-F1 for α's two classes and for the 19 categories.
public struct QueryClassifierReport: Sendable, Hashable {
    /// Queries trained on.
    public var trainCount: Int
    /// Queries held out.
    public var testCount: Int
    /// Personalized-vs-catalog accuracy (α ≥ 0.5 counts as personalized).
    public var binaryAccuracy: Double
    /// Mean F1 of the two classes.
    public var binaryMacroF1: Double
    /// Category accuracy (naive Bayes' top category).
    public var categoryAccuracy: Double
    /// Mean F1 over the categories present in the held-out set.
    public var categoryMacroF1: Double
    /// Held-out queries the personalized-vs-catalog decision got wrong.
    public var binaryMistakes: [Mistake]

    /// One held-out query on the wrong side of α = 0.5.
    public struct Mistake: Sendable, Hashable {
        /// Its labeled category.
        public var category: QueryCategory
        /// The query.
        public var text: String
        /// The α predicted for it.
        public var alpha: Double
    }

    /// Trains on the fixed split's training part of `all` (with `lexicon`'s facet kinds as features, as the
    /// daemon does) and measures on its held-out part.
    public static func evaluate(_ all: [LabeledQuery], lexicon: QueryLexicon? = nil) -> QueryClassifierReport {
        let (train, test) = LabeledQuery.split(all)
        let classifier = QueryClassifier(training: train, lexicon: lexicon)
        var binaryPairs: [(Bool, Bool)] = []
        var categoryPairs: [(QueryCategory, QueryCategory)] = []
        var mistakes: [Mistake] = []
        for item in test {
            let p = classifier.predict(item.text)
            let predicted = p.alpha >= 0.5
            binaryPairs.append((item.category.isPersonalized, predicted))
            categoryPairs.append((item.category, p.category))
            if predicted != item.category.isPersonalized {
                mistakes.append(Mistake(category: item.category, text: item.text, alpha: p.alpha))
            }
        }
        return QueryClassifierReport(
            trainCount: train.count, testCount: test.count,
            binaryAccuracy: accuracy(binaryPairs), binaryMacroF1: macroF1(binaryPairs, classes: [true, false]),
            categoryAccuracy: accuracy(categoryPairs),
            categoryMacroF1: macroF1(categoryPairs, classes: QueryCategory.allCases.filter { c in test.contains { $0.category == c } }),
            binaryMistakes: mistakes)
    }

    static func accuracy<T: Equatable>(_ pairs: [(T, T)]) -> Double {
        pairs.isEmpty ? 0 : Double(pairs.filter { $0.0 == $0.1 }.count) / Double(pairs.count)
    }

    /// Mean over `classes` of F1 = 2·TP / (2·TP + FP + FN) (0 for a class never seen nor predicted).
    static func macroF1<T: Equatable>(_ pairs: [(T, T)], classes: [T]) -> Double {
        guard !classes.isEmpty else { return 0 }
        var sum = 0.0
        for c in classes {
            let tp = Double(pairs.filter { $0.0 == c && $0.1 == c }.count)
            let fp = Double(pairs.filter { $0.0 != c && $0.1 == c }.count)
            let fn = Double(pairs.filter { $0.0 == c && $0.1 != c }.count)
            sum += tp + fp + fn == 0 ? 0 : 2 * tp / (2 * tp + fp + fn)
        }
        return sum / Double(classes.count)
    }
}
