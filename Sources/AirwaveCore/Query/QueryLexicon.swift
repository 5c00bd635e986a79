/// The operator-editable vocabulary that turns query words into catalog facets (`data/query-lexicon.json`).
///
/// Pure data: the daemon reads the file and passes the decoded value in. See docs/queries.md for the format.
public struct QueryLexicon: Codable, Sendable, Hashable {
    /// Format version (1).
    public var version: Int
    /// Words that carry no facet and are not searched in titles/artists/albums ("songs", "by", "the").
    public var stopwords: [String]
    /// Phrase entries, each mapping one or more phrases to the facets they mean.
    public var entries: [QueryLexiconEntry]

    /// Creates a lexicon; `validate()` checks it.
    public init(version: Int = 1, stopwords: [String] = [], entries: [QueryLexiconEntry] = []) {
        self.version = version
        self.stopwords = stopwords
        self.entries = entries
    }

    /// Throws naming the first bad field (`entries[3].energy`, …).
    public func validate() throws(ValidationError) {
        guard version == 1 else { throw ValidationError(field: "version", "must be 1 (got \(version))") }
        for (i, entry) in entries.enumerated() {
            try entry.validate(at: "entries[\(i)]")
        }
    }

    /// Stopwords as tokenized keys.
    var stopwordSet: Set<String> { Set(stopwords.flatMap { QueryText.words($0) }) }
}
