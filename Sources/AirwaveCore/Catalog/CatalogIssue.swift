/// One rejected row (or header) of a catalog file: where it is and what was wrong.
public struct CatalogIssue: Codable, Sendable, Hashable, CustomStringConvertible {
    /// The file label given to the parser.
    public var file: String
    /// 1-based line where the record starts (the header is line 1).
    public var line: Int
    /// What was wrong, naming the column.
    public var reason: String

    /// Creates an issue.
    public init(file: String, line: Int, reason: String) {
        self.file = file
        self.line = line
        self.reason = reason
    }

    public var description: String { "\(file):\(line): \(reason)" }
}
