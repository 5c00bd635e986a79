import AirwaveAPI
import AirwaveCore
import ArgumentParser
import Foundation

/// `airwavectl listeners list|add|remove`.
struct ListenersCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "listeners", abstract: "List, add and remove a station's listeners.",
        subcommands: [List.self, Add.self, Remove.self])

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List listeners, ordered by user id.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "Station id.") var station: String
        @Option(help: "Listeners per page (1-1000, default 100).") var limit: Int?
        @Option(help: "Start after this user id (the cursor printed with the previous page).") var after: String?

        func run() throws {
            let session = global.session()
            let page = try session.client.get(ListenerPage.self, "/stations/\(station.pathSegment)/listeners",
                                              query: [("limit", limit.map(String.init)), ("after", after)])
            try session.emit(page) { Self.render(page, zone: session.context.timeZone) }
        }

        static func render(_ page: ListenerPage, zone: TimeZone) -> String {
            var table = Table(["USER", "JOINED", "STATE", "NOW PLAYING"])
            for listener in page.listeners {
                let playing = listener.nowPlaying.map { "\($0.track.track.artist) – \($0.track.track.title)" } ?? "-"
                table.add([listener.userID, Format.dateTime(listener.joinedAt, in: zone),
                           listener.paused ? "paused" : "listening", playing])
            }
            var text = table.render()
            if let next = page.nextAfter { text += "more: --after \(next)\n" }
            return text
        }
    }

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Join a user to a station; preferences apply only when the user has no profile yet.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "Station id.") var station: String
        @Argument(help: "User id.") var user: String
        @Option(help: "Genre weights, e.g. jazz=0.9,soul=0.6.") var genres: String?
        @Option(help: "Artist weights, e.g. 'Miles Davis=0.8'.") var artists: String?
        @Option(help: "Mood weights, e.g. mellow=0.7.") var moods: String?
        @Option(help: "Preferred energy, 0-1.") var energy: Double?
        @Option(help: "Tempo: slow, medium, fast or varied.") var tempo: String?
        @Option(help: "Discovery share 0-1, or auto.") var discovery: String?

        /// The starting profile, or nil when no preference option was given.
        func preferences() throws -> Profile? {
            guard genres != nil || artists != nil || moods != nil || energy != nil || tempo != nil || discovery != nil else {
                return nil
            }
            var tempoPreference = TempoPreference.varied
            if let tempo {
                guard let value = TempoPreference(rawValue: tempo) else {
                    throw ArgumentParser.ValidationError("--tempo must be slow, medium, fast or varied (got \(tempo))")
                }
                tempoPreference = value
            }
            var factor = DiscoveryFactor.auto
            if let discovery, discovery != "auto" {
                guard let value = Double(discovery), value >= 0, value <= 1 else {
                    throw ArgumentParser.ValidationError("--discovery must be a number between 0 and 1 or auto (got \(discovery))")
                }
                factor = .fixed(value)
            }
            do {
                return try Profile(genres: try WeightList.parse(genres, option: "--genres"),
                                   artists: try WeightList.parse(artists, option: "--artists"),
                                   moods: try WeightList.parse(moods, option: "--moods"),
                                   energyLevel: energy ?? 0.5, tempoPreference: tempoPreference, discoveryFactor: factor)
            } catch let error as AirwaveCore.ValidationError {
                throw ArgumentParser.ValidationError("invalid preferences: \(error)")
            }
        }

        func validate() throws { _ = try preferences() }

        func run() throws {
            let session = global.session()
            let view = try session.client.send("POST", "/stations/\(station.pathSegment)/listeners",
                                               json: JoinRequest(userID: user, preferences: try preferences()),
                                               as: ListenerView.self)
            try session.emit(view) {
                var text = "\(view.userID) is listening to \(view.stationID)"
                if view.profileCreated == false { text += " (existing profile kept; preferences ignored)" }
                text += "\n"
                if let playing = view.nowPlaying {
                    text += "now playing: \(playing.track.track.artist) – \(playing.track.track.title)\n"
                }
                return text
            }
        }
    }

    struct Remove: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Remove a listener from a station.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "Station id.") var station: String
        @Argument(help: "User id.") var user: String

        func run() throws {
            let session = global.session()
            _ = try session.client.send("DELETE", "/stations/\(station.pathSegment)/listeners/\(user.pathSegment)")
            if !session.json { session.out.line("removed \(user) from \(station)") }
        }
    }
}

/// `name=weight,name=weight` lists for the preference options.
enum WeightList {
    /// The weights in `text`, or empty when nil; a bad entry names the option.
    static func parse(_ text: String?, option: String, range: ClosedRange<Double> = 0...1) throws -> [String: Double] {
        guard let text, !text.isEmpty else { return [:] }
        var weights: [String: Double] = [:]
        for entry in text.split(separator: ",") {
            guard let eq = entry.lastIndex(of: "=") else {
                throw ArgumentParser.ValidationError("\(option): expected name=weight, got '\(entry)'")
            }
            let name = entry[..<eq].trimmingCharacters(in: .whitespaces)
            let valueText = entry[entry.index(after: eq)...].trimmingCharacters(in: .whitespaces)
            guard !name.isEmpty, let value = Double(valueText), range.contains(value) else {
                throw ArgumentParser.ValidationError(
                    "\(option): '\(entry)' needs a name and a number between \(Format.number(range.lowerBound)) and \(Format.number(range.upperBound))")
            }
            weights[name] = value
        }
        return weights
    }
}
