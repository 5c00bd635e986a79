import AirwaveCore
import Foundation

/// Reading the operator's local files: station JSON and catalog CSVs.
enum LocalFiles {
    /// The bytes of `path`, or a failure naming it.
    static func read(_ path: String) throws(CtlError) -> [UInt8] {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw .failed("cannot read \(path): no such file or not readable")
        }
        return [UInt8](data)
    }

    /// The tracks of the catalog CSV at `path`. Every bad row is printed to `err` as `file:line: reason`;
    /// with any bad row the run fails unless `skipBadRows`.
    static func catalog(_ path: String, skipBadRows: Bool, err: Console.Sink) throws(CtlError) -> [Track] {
        let result = CatalogCSV.parse(bytes: try read(path), file: path)
        for issue in result.issues { err.line(issue.description) }
        if !result.issues.isEmpty {
            let rows = "\(result.issues.count) bad row\(result.issues.count == 1 ? "" : "s")"
            guard skipBadRows else {
                throw .failed("\(path): \(rows); nothing uploaded (use --skip-bad-rows to upload the \(result.tracks.count) good ones)")
            }
            err.line("skipping \(rows) in \(path)")
        }
        return result.tracks
    }
}
