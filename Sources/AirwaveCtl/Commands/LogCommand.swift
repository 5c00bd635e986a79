import AirwaveAPI
import ArgumentParser
import Foundation

/// `airwavectl log STATION [--user --since --after --limit -f]`: the station's as-run log.
struct LogCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "log", abstract: "Show or follow a station's playlist log.")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "Station id.") var station: String
    @Option(help: "Only this listener's plays.") var user: String?
    @Option(help: "Only plays starting at or after this ISO 8601 time (with an offset or Z).") var since: String?
    @Option(help: "Only entries after this sequence number.") var after: Int64?
    @Option(help: "At most this many entries (1-1000, default 100; not with -f).") var limit: Int?
    @Flag(name: [.customShort("f"), .long], help: "Keep printing new plays; reconnects across daemon restarts.") var follow = false

    func validate() throws {
        if let since, APIJSON.parseTimestamp(since) == nil {
            throw ArgumentParser.ValidationError("--since must be an ISO 8601 time with an offset or Z, e.g. 2026-11-23T18:30:00Z")
        }
        if follow && limit != nil { throw ArgumentParser.ValidationError("--limit does not apply with --follow") }
        if let after, after < 0 { throw ArgumentParser.ValidationError("--after must be >= 0") }
    }

    func run() throws {
        let session = global.session()
        if follow {
            try runFollow(session)
            return
        }
        let reply = try session.client.send("GET", "/stations/\(station.pathSegment)/log",
                                            query: [("user", user), ("since", since), ("after", after.map(String.init)),
                                                    ("limit", limit.map(String.init))])
        var entries: [PlayLogEntry] = []
        for line in String(decoding: reply.body, as: UTF8.self).split(separator: "\n") where !line.isEmpty {
            entries.append(try session.client.decode(PlayLogEntry.self, APIClient.Reply(status: reply.status, body: Data(line.utf8))))
        }
        if session.json {
            for entry in entries { session.out.line(try Self.jsonLine(entry)) }
        } else {
            session.out.write(Self.render(entries, zone: session.context.timeZone))
        }
    }

    private func runFollow(_ session: Session) throws(CtlError) {
        let zone = session.context.timeZone
        let out = session.out
        let json = session.json
        var follower = LogFollower(session: session, station: station, user: user, since: since, lastSeq: after) { entry in
            if json {
                if let line = try? Self.jsonLine(entry) { out.line(line) }
            } else {
                out.line(Self.followLine(entry, zone: zone))
            }
        }
        let signals = session.context.handlesSignals ? SignalStop.install(session.context.stop) : nil
        defer { signals?.cancel() }
        try follower.run()
    }

    /// One entry as a compact JSON line (the daemon's own format), so `--json` output stays JSON Lines.
    static func jsonLine(_ entry: PlayLogEntry) throws(CtlError) -> String {
        do {
            return String(decoding: try APIJSON.encoder().encode(entry), as: UTF8.self)
        } catch {
            throw .failed("could not encode JSON: \(error)")
        }
    }

    /// `14:03:12  eclectic  alice  played   Miles Davis – So What  (genre jazz 0.90)`.
    static func followLine(_ entry: PlayLogEntry, zone: TimeZone) -> String {
        var line = "\(Format.time(entry.startedAt, in: zone))  \(entry.stationID)  \(entry.userID)  "
            + entry.outcome.padding(toLength: 7, withPad: " ", startingAt: 0)
            + "  \(entry.artist) – \(entry.title)"
        if entry.discovery { line += "  [discovery]" }
        if let reason = entry.reasons.first { line += "  (\(reason))" }
        return line
    }

    static func render(_ entries: [PlayLogEntry], zone: TimeZone) -> String {
        var table = Table(["SEQ", "STARTED", "USER", "OUTCOME", "D", "ARTIST – TITLE", "REASON"], rightAligned: [0])
        for e in entries {
            table.add(["\(e.seq)", Format.dateTime(e.startedAt, in: zone), e.userID, e.outcome, e.discovery ? "*" : "",
                       Format.clip("\(e.artist) – \(e.title)", 60), e.reasons.first ?? ""])
        }
        return table.render()
    }
}
