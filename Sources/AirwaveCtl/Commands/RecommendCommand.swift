import AirwaveAPI
import ArgumentParser

/// `airwavectl recommend STATION USER [--size --at --discovery]`: the DJ's transparent ranking.
struct RecommendCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "recommend", abstract: "Show recommendations for a listener.")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "Station id.") var station: String
    @Argument(help: "User id.") var user: String
    @Option(help: "How many tracks (1-200, default 10).") var size: Int?
    @Option(help: "Rank as of this ISO 8601 time with an offset or Z (default now).") var at: String?
    @Option(help: "Discovery share 0-1 (default the listener's).") var discovery: Double?

    func validate() throws {
        if let at, APIJSON.parseTimestamp(at) == nil {
            throw ArgumentParser.ValidationError("--at must be an ISO 8601 time with an offset or Z, e.g. 2026-11-23T18:30:00Z")
        }
    }

    func run() throws {
        let session = global.session()
        let list = try session.client.get(TrackList.self,
                                          "/stations/\(station.pathSegment)/listeners/\(user.pathSegment)/recommendations",
                                          query: [("size", size.map(String.init)), ("at", at), ("discovery", discovery.map { "\($0)" })])
        try session.emit(list) {
            (list.daypart.map { "daypart: \($0)\n" } ?? "") + RankedTable.render(list.tracks)
        }
    }
}
