import AirwaveAPI
import AirwaveHTTP
import AirwaveStore
import Foundation
import Synchronization

extension ControlAPI {
    func addLogRoutes(_ router: inout Router) {
        let services = self.services

        router.get("/stations/{id}/log") { request in
            let station = try services.runtime.station(try RequestParsing.pathID(request, "id"))
            let limit = try RequestParsing.int(request, "limit", default: 100, range: 1...1000)
            let since = try RequestParsing.time(request, "since")
            let user = try request.queryValue("user").map { try RequestParsing.identifier($0, field: "user") }
            let follow = try RequestParsing.flag(request, "follow")
            var after = try request.queryValue("after").map { text -> Int64 in
                guard let seq = Int64(text), seq >= 0 else {
                    throw HTTPError.badRequest("after must be a sequence number >= 0", code: "invalid_parameter")
                }
                return seq
            }
            let sse = (request.headers["Accept"] ?? "").contains("text/event-stream")
            if sse, after == nil, let lastID = request.headers["Last-Event-ID"], let seq = Int64(lastID) { after = seq }

            guard follow else {
                let plays = try services.store.plays(stationID: station.id, afterSeq: after, since: since, userID: user, limit: limit)
                let lines = try plays.map { try LogLines.jsonLine(PlayLogHub.entry($0)) }.joined()
                return HTTPResponse(status: .ok, headers: ["Content-Type": "application/x-ndjson"], bytes: Array(lines.utf8))
            }

            let stream = HTTPStream(bufferLimit: 1 << 20, heartbeat: Array((sse ? ": heartbeat\n\n" : "\n").utf8))
            let follower = LogFollower(stream: stream, sse: sse)
            // Subscribe before reading the backlog so nothing committed in between is missed; the
            // follower drops anything at or below the last seq it sent, so nothing is sent twice.
            let subscription = services.logHub.subscribe(station: station.id, user: user) { entry in follower.deliver(entry) }
            stream.onClose { services.logHub.unsubscribe(subscription) }
            var cursor = after
            var sinceFilter = since
            while true {
                let backlog = try services.store.plays(stationID: station.id, afterSeq: cursor, since: sinceFilter, userID: user, limit: 1000)
                follower.deliverBacklog(backlog.map(PlayLogHub.entry))
                guard backlog.count == 1000, let last = backlog.last else { break }
                cursor = last.seq
                sinceFilter = nil
            }
            follower.finishBacklog()
            return sse ? .eventStream(stream) : .jsonLines(stream)
        }
    }
}

/// Formatting of playlist-log entries for the wire.
enum LogLines {
    /// One JSON document and a newline.
    static func jsonLine(_ entry: PlayLogEntry) throws -> String {
        String(decoding: try APIJSON.encoder().encode(entry), as: UTF8.self) + "\n"
    }

    /// One Server-Sent Event whose id is the entry's seq.
    static func event(_ entry: PlayLogEntry) throws -> String {
        "id: \(entry.seq)\nevent: play\ndata: " + String(decoding: try APIJSON.encoder().encode(entry), as: UTF8.self) + "\n\n"
    }
}

/// One open log-follow stream: sends the backlog, then live entries, each seq at most once and in order.
final class LogFollower: Sendable {
    private struct State {
        var lastSent: Int64 = -1
        var backlogDone = false
        /// Live entries that arrived while the backlog was being sent.
        var held: [PlayLogEntry] = []
    }

    private let stream: HTTPStream
    private let sse: Bool
    private let state = Mutex(State())

    init(stream: HTTPStream, sse: Bool) {
        self.stream = stream
        self.sse = sse
    }

    func deliverBacklog(_ entries: [PlayLogEntry]) {
        state.withLock { s in
            for entry in entries where entry.seq > s.lastSent { send(entry, &s) }
        }
    }

    func finishBacklog() {
        state.withLock { s in
            s.backlogDone = true
            let held = s.held.sorted { $0.seq < $1.seq }
            s.held.removeAll()
            for entry in held where entry.seq > s.lastSent { send(entry, &s) }
        }
    }

    func deliver(_ entry: PlayLogEntry) {
        state.withLock { s in
            guard s.backlogDone else {
                s.held.append(entry)
                return
            }
            if entry.seq > s.lastSent { send(entry, &s) }
        }
    }

    private func send(_ entry: PlayLogEntry, _ s: inout State) {
        guard let text = try? (sse ? LogLines.event(entry) : LogLines.jsonLine(entry)) else { return }
        if stream.send(text) { s.lastSent = entry.seq } else { stream.close() }
    }
}
