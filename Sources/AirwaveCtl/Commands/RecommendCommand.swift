import AirwaveAPI
import ArgumentParser

/// `airwavectl recommend STATION USER [--size --at --discovery --query TEXT]`: the DJ's transparent ranking, or
/// with `--query` a playlist for a text query fused with the listener's taste.
struct RecommendCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "recommend", abstract: "Show recommendations for a listener.")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "Station id.") var station: String
    @Argument(help: "User id.") var user: String
    @Option(help: "How many tracks (1-200, default 10).") var size: Int?
    @Option(help: "Rank as of this ISO 8601 time with an offset or Z (default now).") var at: String?
    @Option(help: "Discovery share 0-1 (default the listener's).") var discovery: Double?
    @Option(help: "A text query, e.g. \"calm music for studying\" or \"songs by Miles Davis\" (no discovery picks).") var query: String?

    func validate() throws {
        if query != nil, discovery != nil {
            throw ArgumentParser.ValidationError("--discovery does not apply to --query (query playlists have no discovery picks)")
        }
        if let at, APIJSON.parseTimestamp(at) == nil {
            throw ArgumentParser.ValidationError("--at must be an ISO 8601 time with an offset or Z, e.g. 2026-11-23T18:30:00Z")
        }
    }

    func run() throws {
        let session = global.session()
        if let query {
            let list = try session.client.get(QueryTrackList.self,
                                              "/stations/\(station.pathSegment)/listeners/\(user.pathSegment)/recommendations",
                                              query: [("q", query), ("size", size.map(String.init)), ("at", at)])
            try session.emit(list) {
                let q = list.query
                var head = "query: \"\(q.text)\"  alpha \(q.alpha) (\(q.category), \(q.personalized ? "personalized" : "catalog"))  matches: \(q.candidates)\n"
                for line in q.understood { head += "  understood: \(line)\n" }
                if !q.ignored.isEmpty { head += "  ignored: \(q.ignored.joined(separator: ", "))\n" }
                return head + (list.daypart.map { "daypart: \($0)\n" } ?? "") + RankedTable.render(list.tracks)
            }
            return
        }
        let list = try session.client.get(TrackList.self,
                                          "/stations/\(station.pathSegment)/listeners/\(user.pathSegment)/recommendations",
                                          query: [("size", size.map(String.init)), ("at", at), ("discovery", discovery.map { "\($0)" })])
        try session.emit(list) {
            (list.daypart.map { "daypart: \($0)\n" } ?? "") + RankedTable.render(list.tracks)
        }
    }
}
