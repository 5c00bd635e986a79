import AirwaveAPI
import AirwaveCore
import Foundation

/// Uploads tracks with `POST /stations/{id}/tracks` in batches (the daemon's body limit is 16 MiB by
/// default; 5,000 tracks are about 1 MiB), reporting progress on stderr.
struct TrackUploader {
    /// Tracks per request unless `--batch-size` says otherwise.
    static let defaultBatchSize = 5000

    let session: Session
    let station: String
    let batchSize: Int

    /// Sends `tracks`; `alreadySent` of `total` went earlier (for the progress display). Returns the
    /// summed counts and the station's final total.
    func upload(_ tracks: [Track], alreadySent: Int = 0, total: Int? = nil) throws(CtlError) -> TrackUpsertResult {
        let total = total ?? tracks.count
        var progress = Progress(console: session.context.console, total: total, sent: alreadySent, batchSize: batchSize)
        var summary = TrackUpsertResult(added: 0, replaced: 0, total: 0)
        var start = 0
        while start < tracks.count {
            let batch = Array(tracks[start..<min(start + batchSize, tracks.count)])
            let result = try session.client.send("POST", "/stations/\(station.pathSegment)/tracks",
                                                 json: TrackBatch(tracks: batch), as: TrackUpsertResult.self)
            summary.added += result.added
            summary.replaced += result.replaced
            summary.total = result.total
            start += batch.count
            progress.advance(by: batch.count)
        }
        progress.finish()
        return summary
    }
}

/// Upload progress on stderr: a redrawn bar on a terminal, one line per batch otherwise; only for
/// uploads of more than one batch, so small runs stay quiet.
struct Progress {
    let console: Console
    let total: Int
    let batchSize: Int
    private(set) var sent: Int
    private let startSent: Int

    init(console: Console, total: Int, sent: Int, batchSize: Int) {
        self.console = console
        self.total = total
        self.sent = sent
        self.batchSize = batchSize
        startSent = sent
    }

    mutating func advance(by count: Int) {
        sent += count
        guard total > batchSize else { return }
        if console.errIsTerminal {
            console.err.write("\r" + Self.bar(sent: sent, total: total))
        } else {
            console.err.line("uploaded \(sent)/\(total) tracks")
        }
    }

    func finish() {
        if console.errIsTerminal, total > batchSize, sent > startSent { console.err.write("\n") }
    }

    /// `[#########-----------]  45% 4500/10000 tracks`.
    static func bar(sent: Int, total: Int, width: Int = 30) -> String {
        let fraction = total == 0 ? 1 : min(1, Double(sent) / Double(total))
        let filled = Int((fraction * Double(width)).rounded(.down))
        return "[" + String(repeating: "#", count: filled) + String(repeating: "-", count: width - filled) + "] "
            + String(format: "%3d%%", Int((fraction * 100).rounded(.down))) + " \(sent)/\(total) tracks"
    }
}
