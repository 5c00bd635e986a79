import Foundation

/// One line of the labeled query set (`data/query-labels.tsv`): a category and a query.
public struct LabeledQuery: Sendable, Hashable {
    /// The query's category.
    public var category: QueryCategory
    /// The query text as a listener would type it (may be empty for noise).
    public var text: String

    /// Creates a labeled query.
    public init(category: QueryCategory, text: String) {
        self.category = category
        self.text = text
    }

    /// Parses `category<TAB>query` lines; blank lines and lines starting with `#` are skipped. A bad
    /// category is an error naming its line.
    public static func parseTSV(_ text: String) throws(ValidationError) -> [LabeledQuery] {
        var out: [LabeledQuery] = []
        // `\r\n` is one Character in Swift, so split on any newline rather than on "\n".
        for (n, line) in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).enumerated() {
            if line.trimmingCharacters(in: .whitespaces).isEmpty || line.hasPrefix("#") { continue }
            let parts = line.split(separator: "\t", maxSplits: 1, omittingEmptySubsequences: false)
            guard let category = QueryCategory(rawValue: String(parts[0]).trimmingCharacters(in: .whitespaces)) else {
                throw ValidationError(field: "line \(n + 1).category", "unknown category \"\(parts[0])\"")
            }
            out.append(LabeledQuery(category: category, text: parts.count > 1 ? String(parts[1]) : ""))
        }
        return out
    }

    /// The fixed held-out split: within each category, in file order, every fifth query (the 5th, 10th, …)
    /// is held out. Adding queries to one category never reshuffles another.
    public static func split(_ all: [LabeledQuery]) -> (train: [LabeledQuery], test: [LabeledQuery]) {
        var seen: [QueryCategory: Int] = [:]
        var train: [LabeledQuery] = [], test: [LabeledQuery] = []
        for item in all {
            let n = seen[item.category, default: 0] + 1
            seen[item.category] = n
            if n % 5 == 0 { test.append(item) } else { train.append(item) }
        }
        return (train, test)
    }
}
