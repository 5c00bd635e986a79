import AirwaveAPI
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// `log -f`: follows `GET /stations/{id}/log?follow=true` and survives daemon restarts.
///
/// When the stream ends or the connection fails it reconnects with backoff (0.5 s doubling to 5 s) and
/// resumes with `after=<last seq printed>`; entries at or below that seq are dropped, so nothing is
/// printed twice and, because the daemon replays everything after the cursor, nothing is missed.
struct LogFollower {
    let session: Session
    let station: String
    let user: String?
    let since: String?
    /// Resume point: the last seq already seen (nil: from the start of the log or `since`).
    var lastSeq: Int64?
    /// Shows one entry (a readable line or a JSON line).
    let show: (PlayLogEntry) -> Void

    /// First and largest reconnect delays.
    static let initialBackoff: TimeInterval = 0.5
    static let maxBackoff: TimeInterval = 5

    /// Follows until the context's stop signal is set. Throws when the very first connection cannot be
    /// made (exit 3) or when the daemon rejects the request (exit 1, e.g. an unknown station).
    mutating func run() throws(CtlError) {
        let stop = session.context.stop
        var backoff = Self.initialBackoff
        var everConnected = false
        while !stop.isSet {
            let query: [(String, String?)] = [("follow", "true"), ("user", user),
                                               ("since", lastSeq == nil ? since : nil), ("after", lastSeq.map(String.init))]
            let request = session.client.request("GET", try session.client.url("/stations/\(station.pathSegment)/log", query: query))
            let stream = LineStream()
            stream.start(request, idleTimeout: session.context.streamIdleTimeout)
            var reason: String?
            var httpStatus = 0
            reading: while true {
                guard let event = stream.next(timeout: 0.25) else {
                    if stop.isSet { break reading }
                    continue
                }
                switch event {
                case .status(let status):
                    httpStatus = status
                    if (200..<300).contains(status) {
                        everConnected = true
                        backoff = Self.initialBackoff
                    }
                case .line(let line):
                    guard !line.trimmingCharacters(in: .whitespaces).isEmpty else { continue } // heartbeat
                    guard let entry = try? APIJSON.decoder().decode(PlayLogEntry.self, from: Data(line.utf8)) else {
                        session.err.line("warning: skipped an unreadable log line")
                        continue
                    }
                    if let last = lastSeq, entry.seq <= last { continue }
                    show(entry)
                    lastSeq = entry.seq
                case .end(let error):
                    // 4xx: the request itself is wrong (unknown station, bad filter); retrying cannot help.
                    if (400..<500).contains(httpStatus) {
                        stream.cancel()
                        throw APIClient.daemonError(APIClient.Reply(status: httpStatus, body: stream.errorBody))
                    }
                    if httpStatus >= 500 { everConnected = true }
                    reason = error ?? (httpStatus >= 500 ? "HTTP \(httpStatus)" : "stream ended")
                    break reading
                }
            }
            stream.cancel()
            if stop.isSet { break }
            if !everConnected {
                throw .unreachable(url: session.client.baseURL, reason: reason ?? "no response")
            }
            session.err.line("log: \(reason ?? "disconnected"); reconnecting in \(Format.number(backoff, digits: 1)) s")
            if stop.wait(seconds: backoff) { break }
            backoff = min(backoff * 2, Self.maxBackoff)
        }
    }
}
