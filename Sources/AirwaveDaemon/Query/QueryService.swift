import AirwaveCore
import AirwaveRuntime
import Foundation
import Synchronization

/// Text-query understanding for the whole daemon: the lexicon and the classifier, plus one ``QueryIndex`` per
/// station, built on first use and rebuilt when the station's catalog changes.
///
/// Both files are read and checked at start-up (a bad file is reported then, not at the first query); the
/// classifier is trained from the labels on the first query (tens of milliseconds in a release build), so
/// start-up and the many test daemons that never query do not pay for it.
public final class QueryService: Sendable {
    /// The vocabulary queries are read with.
    public let lexicon: QueryLexicon
    /// The labeled queries the classifier trains on.
    public let labels: [LabeledQuery]
    private let trained = Mutex<QueryClassifier?>(nil)
    private let indexes = Mutex<[String: CachedIndex]>([:])

    /// An index and what it was built from; the weak station reference keeps a replaced station (same id,
    /// new object after a reload) from ever matching.
    private struct CachedIndex: @unchecked Sendable {
        weak var station: StationRuntime?
        var revision: Int
        var slots: Int
        var index: QueryIndex
    }

    /// The lexicon file name inside the data directory.
    public static let lexiconFile = "query-lexicon.json"
    /// The labeled-queries file name inside the data directory.
    public static let labelsFile = "query-labels.tsv"

    /// A service over `lexicon` whose classifier trains on all of `labels` (the held-out split is for
    /// reporting only).
    public init(lexicon: QueryLexicon, labels: [LabeledQuery]) {
        self.lexicon = lexicon
        self.labels = labels
    }

    /// The query-type classifier (α and category), trained on first use.
    public var classifier: QueryClassifier {
        trained.withLock { cached in
            if let cached { return cached }
            let classifier = QueryClassifier(training: labels, lexicon: lexicon)
            cached = classifier
            return classifier
        }
    }

    /// Reads `query-lexicon.json` and `query-labels.tsv` from `directory`; errors name the file and field.
    public static func load(directory: String) throws -> QueryService {
        let lexiconPath = (directory as NSString).appendingPathComponent(lexiconFile)
        let labelsPath = (directory as NSString).appendingPathComponent(labelsFile)
        let lexicon: QueryLexicon
        do {
            lexicon = try JSONDecoder().decode(QueryLexicon.self, from: Data(contentsOf: URL(fileURLWithPath: lexiconPath)))
            try lexicon.validate()
        } catch {
            throw QueryDataError(file: lexiconPath, message: "\(error)")
        }
        let labels: [LabeledQuery]
        do {
            labels = try LabeledQuery.parseTSV(String(contentsOf: URL(fileURLWithPath: labelsPath), encoding: .utf8))
        } catch {
            throw QueryDataError(file: labelsPath, message: "\(error)")
        }
        return QueryService(lexicon: lexicon, labels: labels)
    }

    /// The index for `station`'s current catalog (`dj.catalog`), built now if missing or stale. Building
    /// happens outside the lock; two concurrent first queries may both build, and the later one is kept.
    public func index(for station: StationRuntime, dj: DJ) -> QueryIndex {
        let catalog = dj.catalog
        if let cached = indexes.withLock({ $0[station.id] }), cached.station === station,
           cached.revision == catalog.revision, cached.slots == catalog.count {
            return cached.index
        }
        let index = QueryIndex(catalog: catalog, lexicon: lexicon)
        indexes.withLock {
            $0[station.id] = CachedIndex(station: station, revision: catalog.revision, slots: catalog.count, index: index)
        }
        return index
    }
}
