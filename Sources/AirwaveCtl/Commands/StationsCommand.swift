import AirwaveAPI
import AirwaveCore
import ArgumentParser
import Foundation

/// `airwavectl stations list|show|add|remove`.
struct StationsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stations", abstract: "List, show, add and remove stations.",
        subcommands: [List.self, Show.self, Add.self, Remove.self])

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List stations.")
        @OptionGroup var global: GlobalOptions

        func run() throws {
            let session = global.session()
            let list = try session.client.get(StationList.self, "/stations")
            try session.emit(list) { Self.render(list) }
        }

        static func render(_ list: StationList) -> String {
            var table = Table(["ID", "NAME", "TIMEZONE", "TRACKS", "LISTENERS", "SOURCE"], rightAligned: [3, 4])
            for station in list.stations {
                table.add([station.settings.id, station.settings.name, station.settings.timezone,
                           "\(station.trackCount)", "\(station.listenerCount)", station.source])
            }
            return table.render()
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show one station's settings.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "Station id.") var station: String

        func run() throws {
            let session = global.session()
            let view = try session.client.get(StationView.self, "/stations/\(station.pathSegment)")
            try session.emit(view) { Self.render(view) }
        }

        static func render(_ view: StationView) -> String {
            let s = view.settings
            var text = """
                id:             \(s.id)
                name:           \(s.name)
                source:         \(view.source)
                timezone:       \(s.timezone)
                tracks:         \(view.trackCount)
                listeners:      \(view.listenerCount)
                queue size:     \(s.queueSize)
                context weight: \(Format.number(s.contextWeight))
                weights:        genre \(Format.number(s.weights.genre)) · artist \(Format.number(s.weights.artist)) · energy \(Format.number(s.weights.energy)) · tempo \(Format.number(s.weights.tempo)) · mood \(Format.number(s.weights.mood))

                """
            var table = Table(["DAYPART", "FROM", "TO", "ENERGY", "MOODS"], rightAligned: [3])
            for part in s.dayparts {
                table.add([part.name, "\(part.start)", "\(part.end)", Format.number(part.energy), Format.weights(part.moods)])
            }
            text += "\n" + table.render()
            return text
        }
    }

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create a station from a station file (and the catalog CSV it names).")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "Station JSON file, as in stations/*.json.") var file: String
        @Flag(help: "Upload the good rows even when the catalog has bad ones.") var skipBadRows = false
        @Option(help: "Tracks per upload request.") var batchSize = TrackUploader.defaultBatchSize

        func validate() throws {
            guard batchSize >= 1 else { throw ArgumentParser.ValidationError("--batch-size must be at least 1") }
        }

        func run() throws {
            let session = global.session()
            let bytes = try LocalFiles.read(file)
            var settings: StationSettings
            do {
                settings = try StationSettings.decode(json: bytes)
            } catch {
                throw CtlError.failed("\(file): \(error)")
            }
            var tracks: [Track] = []
            if let catalog = settings.catalog {
                let csvPath = URL(fileURLWithPath: file).deletingLastPathComponent().appendingPathComponent(catalog).path
                tracks = try LocalFiles.catalog(csvPath, skipBadRows: skipBadRows, err: session.err)
            }
            // The catalog file is local to this machine; the daemon gets the tracks themselves.
            settings.catalog = nil
            let first = Array(tracks.prefix(batchSize))
            let created = try session.client.send("POST", "/stations", json: CreateStationRequest(settings: settings, tracks: first),
                                                  as: StationView.self)
            var final = created
            if tracks.count > first.count {
                let uploader = TrackUploader(session: session, station: settings.id, batchSize: batchSize)
                _ = try uploader.upload(Array(tracks[first.count...]), alreadySent: first.count, total: tracks.count)
                final = try session.client.get(StationView.self, "/stations/\(settings.id.pathSegment)")
            }
            try session.emit(final) {
                "created station \(final.settings.id) (\(final.settings.name)) with \(final.trackCount) tracks\n"
            }
        }
    }

    struct Remove: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Remove a station created over HTTP.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "Station id.") var station: String

        func run() throws {
            let session = global.session()
            _ = try session.client.send("DELETE", "/stations/\(station.pathSegment)")
            if !session.json { session.out.line("removed station \(station)") }
        }
    }
}
