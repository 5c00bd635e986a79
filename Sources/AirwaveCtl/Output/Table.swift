/// A plain-text table with aligned columns; numeric columns are right-aligned.
public struct Table: Sendable {
    /// Column headers.
    public var headers: [String]
    /// Rows; each as many cells as headers.
    public var rows: [[String]] = []
    /// Columns (by index) aligned to the right.
    public var rightAligned: Set<Int> = []

    /// Creates an empty table.
    public init(_ headers: [String], rightAligned: Set<Int> = []) {
        self.headers = headers
        self.rightAligned = rightAligned
    }

    /// Appends one row.
    public mutating func add(_ cells: [String]) { rows.append(cells) }

    /// The table as lines joined by newlines (with a trailing newline); two spaces between columns.
    public func render() -> String {
        var widths = headers.map(\.count)
        for row in rows {
            for (i, cell) in row.enumerated() where i < widths.count { widths[i] = max(widths[i], cell.count) }
        }
        func line(_ cells: [String]) -> String {
            var parts: [String] = []
            for (i, width) in widths.enumerated() {
                let cell = i < cells.count ? cells[i] : ""
                let pad = String(repeating: " ", count: width - cell.count)
                let last = i == widths.count - 1
                parts.append(rightAligned.contains(i) ? pad + cell : (last ? cell : cell + pad))
            }
            return parts.joined(separator: "  ")
        }
        var out = line(headers) + "\n"
        for row in rows { out += line(row) + "\n" }
        return out
    }
}
