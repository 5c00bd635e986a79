import AirwaveCore
import Foundation

/// Times playlists of 50 (discovery 0.2, reasons included) on synthetic catalogs, against ``NaiveDJ``.
enum ScoringBench {
    static func run(_ options: Options) throws {
        let sizes = try options.ints("tracks", default: [10_000, 100_000, 1_000_000])
        let runs = try options.int("runs", default: 100)
        let naiveBudget = Double(try options.int("naive-seconds", default: 15))
        let settings = try StationSettings(id: "bench", timezone: "Europe/Berlin")
        let profile = try Profile(
            genres: ["jazz": 0.9, "blues": 0.7, "soul": 0.6, "rock": 0.4, "ambient": 0.5, "house": 0.3, "folk": 0.6],
            artists: Dictionary(uniqueKeysWithValues: (1...20).map { ("Artist \($0 * 3)", 0.5 + Double($0 % 5) / 10) }),
            moods: ["mellow": 0.8, "relaxed": 0.6, "melancholic": 0.4],
            energyLevel: 0.45, tempoPreference: .medium, discoveryFactor: .fixed(0.2), totalInteractions: 120)
        let at = Date(timeIntervalSince1970: 1_773_000_000)
        let clock = ContinuousClock()

        print("| tracks | DJ median ms | DJ p99 ms | full-scan median ms | full-scan p99 ms | runs | naive median ms | naive p99 ms | naive runs | speed-up vs naive (median) |")
        print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
        for n in sizes {
            var start = clock.now
            let tracks = SyntheticCatalog.tracks(count: n, seed: 2026)
            let generated = seconds(since: start)
            start = clock.now
            let dj = DJ(catalog: try Catalog(tracks: tracks), settings: settings)
            let built = seconds(since: start)
            let naive = NaiveDJ(tracks: tracks, settings: settings)

            // Same answer check: with discovery 0 both must give the same top 50.
            let fastTop = dj.recommend(PlaylistRequest(profile: profile, at: at, size: 50, discoveryOverride: 0)).picks.map(\.index)
            let naiveTop = naive.recommend(profile, at: at, size: 50, discovery: 0, seed: 0).map(\.0)
            guard fastTop == naiveTop else {
                throw Options.Problem(description: "fast and naive top-50 differ for \(n) tracks")
            }

            var scanDJ = dj
            scanDJ.pruning = false
            var fast: [Duration] = [], scan: [Duration] = []
            var reasonCount = 0
            for run in 0..<runs {
                let request = PlaylistRequest(profile: profile, at: at, size: 50, excluded: [1, 2, 3],
                                              discoveryOverride: 0.2, seed: UInt64(run))
                var pruned: [Int] = [], scanned: [Int] = []
                fast.append(clock.measure {
                    let playlist = dj.recommend(request)
                    reasonCount &+= playlist.picks.count
                    pruned = playlist.picks.map(\.index)
                })
                scan.append(clock.measure { scanned = scanDJ.recommend(request).picks.map(\.index) })
                guard pruned == scanned else { throw Options.Problem(description: "pruned and full scan differ for \(n) tracks") }
            }
            var slow: [Duration] = []
            let naiveStart = clock.now
            while slow.count < runs, slow.count < 3 || seconds(since: naiveStart) < naiveBudget {
                let seed = UInt64(slow.count)
                slow.append(clock.measure { _ = naive.recommend(profile, at: at, size: 50, discovery: 0.2, seed: seed) })
            }
            let f = Timing(fast), full = Timing(scan), s = Timing(slow)
            print("| \(n) | \(ms(f.median)) | \(ms(f.p99)) | \(ms(full.median)) | \(ms(full.p99)) | \(fast.count) | \(ms(s.median)) | \(ms(s.p99)) | \(slow.count) | \(String(format: "%.0f", s.median / f.median))× |")
            FileHandle.standardError.write(Data("  \(n) tracks: generated in \(String(format: "%.2f", generated)) s, catalog built in \(String(format: "%.2f", built)) s, picks \(reasonCount)\n".utf8))
        }
    }
}

/// `generate --tracks N --seed S --out FILE.csv`: writes a synthetic catalog.
enum GenerateCommand {
    static func run(_ options: Options) throws {
        let n = try options.int("tracks", default: 1000)
        let seed = UInt64(try options.int("seed", default: 1))
        guard let out = options.values["out"] else { throw Options.Problem(description: "--out FILE.csv is required") }
        let clock = ContinuousClock()
        var start = clock.now
        let tracks = SyntheticCatalog.tracks(count: n, seed: seed)
        let generated = seconds(since: start)
        start = clock.now
        let bytes = CatalogCSV.encode(tracks)
        try Data(bytes).write(to: URL(fileURLWithPath: out))
        print("wrote \(n) tracks (\(bytes.count) bytes) to \(out): generated in \(String(format: "%.2f", generated)) s, written in \(String(format: "%.2f", seconds(since: start))) s")
    }
}

/// `parse FILE.csv`: times parsing a catalog file.
enum ParseCommand {
    static func run(_ options: Options) throws {
        guard let path = options.positional.first else { throw Options.Problem(description: "parse needs a FILE.csv") }
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        let bytes = [UInt8](data)
        let clock = ContinuousClock()
        let start = clock.now
        let result = CatalogCSV.parse(bytes: bytes, file: (path as NSString).lastPathComponent)
        let parsed = seconds(since: start)
        let startCatalog = clock.now
        let catalog = try Catalog(tracks: result.tracks)
        print("parsed \(result.tracks.count) tracks (\(result.issues.count) issues, \(bytes.count) bytes) in \(String(format: "%.3f", parsed)) s; catalog of \(catalog.liveCount) built in \(String(format: "%.3f", seconds(since: startCatalog))) s")
        for issue in result.issues.prefix(10) { print("  \(issue)") }
    }
}
