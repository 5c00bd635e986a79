import AirwaveCore
import Foundation

/// `airwave-bench classify data/query-labels.tsv [--lexicon data/query-lexicon.json]`: held-out accuracy and macro-F1 of the query classifier
/// on the fixed split (every fifth query of each category), as quoted in docs/queries.md.
enum ClassifyCommand {
    static func run(_ options: Options) throws {
        let path = options.positional.first ?? "data/query-labels.tsv"
        let text = try String(contentsOf: URL(fileURLWithPath: path), encoding: .utf8)
        let all = try LabeledQuery.parseTSV(text)
        let lexiconPath = options.values["lexicon"]
            ?? ((path as NSString).deletingLastPathComponent as NSString).appendingPathComponent("query-lexicon.json")
        let lexicon = try JSONDecoder().decode(QueryLexicon.self, from: Data(contentsOf: URL(fileURLWithPath: lexiconPath)))
        let start = ContinuousClock.now
        let report = QueryClassifierReport.evaluate(all, lexicon: lexicon)
        let elapsed = seconds(since: start)
        func pct(_ x: Double) -> String { String(format: "%.1f%%", x * 100) }
        print("labeled queries: \(all.count) (train \(report.trainCount), held out \(report.testCount); every 5th per category)")
        print("personalized vs catalog (alpha >= 0.5): accuracy \(pct(report.binaryAccuracy)), macro-F1 \(pct(report.binaryMacroF1))")
        print("category (19 classes, naive Bayes):     accuracy \(pct(report.categoryAccuracy)), macro-F1 \(pct(report.categoryMacroF1))")
        print("trained and evaluated in \(String(format: "%.3f", elapsed)) s")
        if !report.binaryMistakes.isEmpty {
            print("held-out personalized/catalog mistakes:")
            for miss in report.binaryMistakes {
                print("  [\(miss.category.rawValue)] \"\(miss.text)\" alpha \(String(format: "%.2f", miss.alpha))")
            }
        }
    }
}
