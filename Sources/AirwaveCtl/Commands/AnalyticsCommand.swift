import AirwaveAPI
import ArgumentParser
import Foundation

/// `airwavectl analytics STATION [--from --to]`: a station's plays and behaviour over a window.
struct AnalyticsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "analytics", abstract: "Show a station's analytics.")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "Station id.") var station: String
    @Option(help: "Window start, ISO 8601 with an offset or Z (default 24 hours before --to).") var from: String?
    @Option(help: "Window end (exclusive), ISO 8601 with an offset or Z (default now).") var to: String?

    func validate() throws {
        for (name, value) in [("--from", from), ("--to", to)] {
            if let value, APIJSON.parseTimestamp(value) == nil {
                throw ArgumentParser.ValidationError("\(name) must be an ISO 8601 time with an offset or Z, e.g. 2026-11-23T00:00:00Z")
            }
        }
    }

    func run() throws {
        let session = global.session()
        let analytics = try session.client.get(StationAnalytics.self, "/stations/\(station.pathSegment)/analytics",
                                               query: [("from", from), ("to", to)])
        try session.emit(analytics) { Self.render(analytics, zone: session.context.timeZone) }
    }

    static func render(_ a: StationAnalytics, zone: TimeZone) -> String {
        var text = """
            station:              \(a.stationID)
            window:               \(Format.dateTime(a.from, in: zone)) – \(Format.dateTime(a.to, in: zone))
            plays:                \(a.plays)
            unique listeners:     \(a.uniqueListeners)
            skip rate:            \(Format.percent(a.skipRate))
            like rate:            \(Format.percent(a.likeRate))
            discovery acceptance: \(Format.percent(a.discoveryAcceptance))
            catalog coverage:     \(Format.percent(a.catalogCoverage))

            """
        if !a.topTracks.isEmpty {
            var table = Table(["PLAYS", "TRACK", "ARTIST", "TITLE"], rightAligned: [0])
            for t in a.topTracks { table.add(["\(t.plays)", t.trackID, t.artist, t.title]) }
            text += "\n" + table.render()
        }
        if !a.topArtists.isEmpty {
            var table = Table(["PLAYS", "ARTIST"], rightAligned: [0])
            for t in a.topArtists { table.add(["\(t.plays)", t.artist]) }
            text += "\n" + table.render()
        }
        if !a.genreMix.isEmpty {
            var table = Table(["GENRE", "SHARE"], rightAligned: [1])
            for g in a.genreMix { table.add([g.genre, Format.percent(g.share)]) }
            text += "\n" + table.render()
        }
        if !a.playsPerHour.isEmpty {
            let peak = max(1, a.playsPerHour.map(\.plays).max() ?? 1)
            var table = Table(["HOUR", "PLAYS", ""], rightAligned: [0, 1])
            // Hours arrive in time order as local ISO 8601 times ("2026-11-23T09:00:00+01:00"); show "11-23 09:00".
            for h in a.playsPerHour {
                table.add([String(h.hour.dropFirst(5).prefix(11)).replacingOccurrences(of: "T", with: " "), "\(h.plays)",
                           String(repeating: "▇", count: Int((Double(h.plays) / Double(peak) * 20).rounded()))])
            }
            text += "\n" + table.render()
        }
        return text
    }
}
