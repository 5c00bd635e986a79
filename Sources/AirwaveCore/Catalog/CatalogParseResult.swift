/// The good tracks of a catalog file plus every rejected row.
public struct CatalogParseResult: Sendable {
    /// Tracks in file order.
    public var tracks: [Track]
    /// Every bad row, in file order.
    public var issues: [CatalogIssue]
    /// File line where each track's record starts (parallel to `tracks`).
    public var lines: [Int]
}
