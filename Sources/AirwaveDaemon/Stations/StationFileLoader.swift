import AirwaveCore
import Foundation
import Synchronization

/// A station defined by a file in the stations directory, parsed and ready to start.
public struct StationFile: Sendable {
    public var settings: StationSettings
    public var catalog: Catalog
    /// A hash of the CSV's bytes; tracks are re-synced to PostgreSQL only when it changes (DECISIONS 11).
    public var catalogHash: String
    /// Rows of the CSV that were rejected (the good rows still load).
    public var issues: [CatalogIssue]
}

/// What loading a stations directory produced: good stations, and every problem with file:line.
public struct StationDirectoryLoad: Sendable {
    public var stations: [StationFile] = []
    /// Problems as `file:line: reason` lines; a station whose JSON is unusable is skipped entirely.
    public var problems: [String] = []
}

/// Reads `<id>.json` station files and the CSV catalogs they name.
public enum StationFileLoader {
    /// Loads every `*.json` file in `directory` (sorted by name). Never throws: problems are reported.
    public static func load(directory: String) -> StationDirectoryLoad {
        var result = StationDirectoryLoad()
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: directory).filter { $0.hasSuffix(".json") }.sorted()
        } catch {
            result.problems.append("\(directory): cannot read the stations directory (\(error.localizedDescription))")
            return result
        }
        // Station files are parsed in parallel (start-up time is the largest catalog, not the sum); results
        // are then taken in name order, so which duplicate wins stays deterministic.
        let paths = names.map { (directory as NSString).appendingPathComponent($0) }
        let loaded = Mutex<[Int: Result<StationFile, Problem>]>([:])
        DispatchQueue.concurrentPerform(iterations: paths.count) { i in
            let outcome = loadStation(path: paths[i])
            loaded.withLock { $0[i] = outcome }
        }
        let outcomes = loaded.withLock { $0 }
        var seen = Set<String>()
        for (i, path) in paths.enumerated() {
            switch outcomes[i]! {
            case .success(let station):
                guard seen.insert(station.settings.id).inserted else {
                    result.problems.append("\(path):1: station id \(station.settings.id) is defined twice; this file is skipped")
                    continue
                }
                result.problems += station.issues.map(\.description)
                result.stations.append(station)
            case .failure(let problem):
                result.problems.append(problem.message)
            }
        }
        return result
    }

    /// Why a station file could not be used at all.
    public struct Problem: Error, Sendable {
        public var message: String
    }

    /// Loads one station file and its catalog.
    public static func loadStation(path: String) -> Result<StationFile, Problem> {
        guard let json = FileManager.default.contents(atPath: path) else {
            return .failure(Problem(message: "\(path):1: cannot read the file"))
        }
        let settings: StationSettings
        do {
            settings = try StationSettings.decode(json: Array(json))
        } catch {
            return .failure(Problem(message: "\(path):1: \(error.description)"))
        }
        guard let catalogName = settings.catalog else {
            return .failure(Problem(message: "\(path):1: catalog: must name the station's CSV file"))
        }
        let csvPath = catalogName.hasPrefix("/") ? catalogName
            : ((path as NSString).deletingLastPathComponent as NSString).appendingPathComponent(catalogName)
        guard let csv = FileManager.default.contents(atPath: csvPath) else {
            return .failure(Problem(message: "\(path):1: catalog: cannot read \(csvPath)"))
        }
        let bytes = Array(csv)
        // The content hash (a serial pass over every byte) runs beside the parse instead of after it.
        let hash = Mutex<String?>(nil)
        let hashed = DispatchSemaphore(value: 0)
        DispatchQueue.global().async {
            let value = contentHash(bytes)
            hash.withLock { $0 = value }
            hashed.signal()
        }
        let parsed = CatalogCSV.parse(bytes: bytes, file: csvPath)
        do {
            let catalog = try Catalog(tracks: parsed.tracks)
            hashed.wait()
            return .success(StationFile(settings: settings, catalog: catalog, catalogHash: hash.withLock { $0! },
                                        issues: parsed.issues))
        } catch {
            hashed.wait()
            return .failure(Problem(message: "\(csvPath):1: \(error.description)"))
        }
    }

    /// A 64-bit FNV-1a hash of `bytes` in hex: enough to notice that a catalog file changed.
    static func contentHash(_ bytes: [UInt8]) -> String {
        var value: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in bytes { value = (value ^ UInt64(byte)) &* 0x0000_0100_0000_01B3 }
        return String(value, radix: 16) + "-\(bytes.count)"
    }
}
