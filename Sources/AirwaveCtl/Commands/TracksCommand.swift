import AirwaveAPI
import ArgumentParser

/// `airwavectl tracks add STATION FILE.csv`.
struct TracksCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "tracks", abstract: "Manage a station's tracks.",
                                                    subcommands: [Add.self])

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Add or replace tracks from a catalog CSV, in batches.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "Station id.") var station: String
        @Argument(help: "Catalog CSV (see docs/catalog-format.md).") var file: String
        @Flag(help: "Upload the good rows even when some are bad.") var skipBadRows = false
        @Option(help: "Tracks per upload request.") var batchSize = TrackUploader.defaultBatchSize

        func validate() throws {
            guard batchSize >= 1 else { throw ArgumentParser.ValidationError("--batch-size must be at least 1") }
        }

        func run() throws {
            let session = global.session()
            let tracks = try LocalFiles.catalog(file, skipBadRows: skipBadRows, err: session.err)
            guard !tracks.isEmpty else { throw CtlError.failed("\(file) holds no tracks") }
            let result = try TrackUploader(session: session, station: station, batchSize: batchSize).upload(tracks)
            try session.emit(result) {
                "\(station): \(result.added) added, \(result.replaced) replaced, \(result.total) tracks in total\n"
            }
        }
    }
}
