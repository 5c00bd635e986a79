import AirwaveAPI
import AirwaveCore
import ArgumentParser
import Foundation

extension ProfileCommand {
    /// `airwavectl profile set USER [--genres …] [--energy …] …`: new initial preferences (PATCH).
    struct Set: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Change a user's initial preferences; learned feedback is re-applied on top.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "User id.") var user: String
        @Option(help: "Genre weights, e.g. jazz=0.9,soul=0.6 (replaces the initial genres).") var genres: String?
        @Option(help: "Artist weights (replaces the initial artists).") var artists: String?
        @Option(help: "Mood weights (replaces the initial moods).") var moods: String?
        @Option(help: "Energy level, 0 to 1.") var energy: Double?
        @Option(help: "slow, medium, fast or varied.") var tempo: TempoPreference?
        @Option(help: "Discovery share, 0 to 1, or auto.") var discovery: String?

        func run() throws {
            var patch = ProfilePatch.empty
            if let genres { patch.genres = try WeightList.parse(genres, option: "--genres") }
            if let artists { patch.artists = try WeightList.parse(artists, option: "--artists") }
            if let moods { patch.moods = try WeightList.parse(moods, option: "--moods") }
            patch.energyLevel = energy
            patch.tempoPreference = tempo
            if let discovery {
                if discovery == "auto" {
                    patch.discoveryFactor = DiscoveryFactor.auto
                } else if let value = Double(discovery), (0...1).contains(value) {
                    patch.discoveryFactor = DiscoveryFactor.fixed(value)
                } else {
                    throw ArgumentParser.ValidationError("--discovery must be a number between 0 and 1 or auto")
                }
            }
            guard patch != ProfilePatch.empty else { throw ArgumentParser.ValidationError("give at least one preference to change") }
            let session = global.session()
            let view = try session.client.send("PATCH", "/profiles/\(user.pathSegment)", json: patch, as: ProfileView.self)
            try session.emit(view) { Show.render(view) }
        }
    }

    /// `airwavectl profile overrides USER [--genres jazz=1,metal=-1] [--remove genres/jazz]`.
    struct Overrides: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List or change a user's overrides (\"more of this, less of that\", offsets from -1 to 1).",
            discussion: "Without options it lists them. An offset of 0 removes that override.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "User id.") var user: String
        @Option(help: "Genre offsets, e.g. jazz=1,hair-metal=-1.") var genres: String?
        @Option(help: "Artist offsets.") var artists: String?
        @Option(help: "Mood offsets.") var moods: String?
        @Option(name: .customLong("remove"), help: "Remove one override: KIND/NAME, e.g. genres/jazz (repeatable).")
        var removals: [String] = []

        func run() throws {
            let session = global.session()
            let path = "/profiles/\(user.pathSegment)/overrides"
            for removal in removals {
                let parts = removal.split(separator: "/", maxSplits: 1).map(String.init)
                guard parts.count == 2, ProfileOverrides.Kind(rawValue: parts[0]) != nil else {
                    throw ArgumentParser.ValidationError("--remove takes KIND/NAME with KIND genres, artists or moods")
                }
                _ = try session.client.send("DELETE", "\(path)/\(parts[0])/\(parts[1].pathSegment)")
            }
            let changes = try ProfileOverrides(genres: try WeightList.parse(genres, option: "--genres", range: -1...1),
                                               artists: try WeightList.parse(artists, option: "--artists", range: -1...1),
                                               moods: try WeightList.parse(moods, option: "--moods", range: -1...1))
            let current = changes.isEmpty ? try session.client.get(ProfileOverrides.self, path)
                : try session.client.send("POST", path, json: changes, as: ProfileOverrides.self)
            try session.emit(current) { Self.render(current) }
        }

        static func render(_ overrides: ProfileOverrides) -> String {
            guard !overrides.isEmpty else { return "no overrides\n" }
            var table = Table(["KIND", "NAME", "OFFSET"], rightAligned: [2])
            for kind in ProfileOverrides.Kind.allCases {
                for (name, offset) in overrides[kind].sorted(by: { $0.key < $1.key }) {
                    table.add([kind.rawValue, name, (offset > 0 ? "+" : "") + Format.number(offset)])
                }
            }
            return table.render()
        }
    }

    /// `airwavectl profile redact USER (--ids 1,2 | --from T --to T | --station ID)`.
    struct Redact: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Redact interactions: the profile is rebuilt as if they never happened (undo with unredact).")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "User id.") var user: String
        @Option(help: "Interaction ids, comma-separated.") var ids: String?
        @Option(help: "Start of a time range (ISO 8601 with offset).") var from: String?
        @Option(help: "End of the time range (exclusive).") var to: String?
        @Option(help: "Every interaction at this station.") var station: String?

        func run() throws {
            var body: [String: Any] = [:]
            if let ids {
                let parsed = ids.split(separator: ",").compactMap { Int64($0.trimmingCharacters(in: .whitespaces)) }
                guard !parsed.isEmpty, parsed.count == ids.split(separator: ",").count else {
                    throw ArgumentParser.ValidationError("--ids takes comma-separated interaction ids")
                }
                body["interaction_ids"] = parsed
            }
            if let from { body["from"] = from }
            if let to { body["to"] = to }
            if let station { body["station_id"] = station }
            let session = global.session()
            let reply = try session.client.send("POST", "/profiles/\(user.pathSegment)/redactions",
                                                body: try JSONSerialization.data(withJSONObject: body))
            let view = try session.client.decode(RedactionView.self, reply)
            try session.emit(view) {
                "redaction \(view.redactionID): \(view.events) interactions redacted; profile rebuilt (version \(view.profile.version))\n"
            }
        }
    }

    /// `airwavectl profile unredact USER REDACTION_ID`.
    struct Unredact: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Undo a redaction.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "User id.") var user: String
        @Argument(help: "The redaction id printed by redact.") var redaction: Int64

        func run() throws {
            let session = global.session()
            let reply = try session.client.send("DELETE", "/profiles/\(user.pathSegment)/redactions/\(redaction)")
            let view = try session.client.decode(RedactionView.self, reply)
            try session.emit(view) { "redaction \(view.redactionID) undone: \(view.events) interactions count again\n" }
        }
    }

    /// `airwavectl profile reset USER [--clear-overrides]`.
    struct Reset: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Return the learned profile to the initial preferences (history is kept).")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "User id.") var user: String
        @Flag(help: "Remove the user's overrides too.") var clearOverrides = false

        func run() throws {
            let session = global.session()
            let view = try session.client.send("POST", "/profiles/\(user.pathSegment)/reset",
                                               json: ResetRequest(clearOverrides: clearOverrides), as: ProfileView.self)
            try session.emit(view) { Show.render(view) }
        }
    }

    /// `airwavectl profile export USER`: everything stored about the user, as JSON.
    struct Export: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Print everything stored about a user (JSON).")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "User id.") var user: String

        func run() throws {
            let session = global.session()
            let export = try session.client.get(UserExportView.self, "/profiles/\(user.pathSegment)/export")
            session.out.line(try Session.prettyJSON(export))
        }
    }

    /// `airwavectl profile erase USER --yes`.
    struct Erase: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Erase a user's profile and interactions; their plays are anonymized.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "User id.") var user: String
        @Flag(help: "Confirm the erasure (it cannot be undone).") var yes = false

        func run() throws {
            guard yes else { throw ArgumentParser.ValidationError("erasing cannot be undone: add --yes to confirm") }
            let session = global.session()
            _ = try session.client.send("DELETE", "/profiles/\(user.pathSegment)")
            if !session.json { session.out.line("erased \(user)") }
        }
    }
}

extension TempoPreference: ExpressibleByArgument {}
