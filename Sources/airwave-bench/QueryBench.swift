import AirwaveCore
import Foundation

/// `airwave-bench query --tracks 100000`: index build and per-query times on a synthetic catalog.
enum QueryBench {
    static func run(_ options: Options) throws {
        let sizes = try options.ints("tracks", default: [10_000, 100_000])
        let runs = try options.int("runs", default: 50)
        let lexiconPath = options.values["lexicon"] ?? "data/query-lexicon.json"
        let lexicon = try JSONDecoder().decode(QueryLexicon.self, from: Data(contentsOf: URL(fileURLWithPath: lexiconPath)))
        let settings = try StationSettings(id: "bench", timezone: "Europe/Berlin")
        let profile = try Profile(genres: ["jazz": 0.9, "rock": 0.4], moods: ["mellow": 0.8], energyLevel: 0.4)
        let at = Date(timeIntervalSince1970: 1_773_000_000)
        let queries = ["calm music for studying", "songs by Artist 42", "80s rock", "energetic workout", "jazz"]
        print("| tracks | index build s | query median ms | query p99 ms | runs |")
        print("|---:|---:|---:|---:|---:|")
        for n in sizes {
            let dj = DJ(catalog: try Catalog(tracks: SyntheticCatalog.tracks(count: n, seed: 2026)), settings: settings)
            var start = ContinuousClock.now
            let index = QueryIndex(catalog: dj.catalog, lexicon: lexicon)
            let built = seconds(since: start)
            var times: [Double] = []
            var byQuery: [String: [Double]] = [:]
            for r in 0..<runs {
                let text = queries[r % queries.count]
                start = ContinuousClock.now
                let facets = index.understand(text)
                _ = dj.recommend(query: facets, index: index, alpha: 0.5,
                                 request: PlaylistRequest(profile: profile, at: at, size: 20))
                let ms = seconds(since: start) * 1000
                times.append(ms)
                byQuery[text, default: []].append(ms)
            }
            times.sort()
            let detail = queries.map { q in
                let t = (byQuery[q] ?? [0]).sorted()
                return "\(q): \(String(format: "%.2f", t[t.count / 2])) ms"
            }
            FileHandle.standardError.write(Data("\(n) tracks, median per query: \(detail.joined(separator: "; "))\n".utf8))
            print("| \(n) | \(String(format: "%.3f", built)) | \(String(format: "%.2f", times[times.count / 2])) | \(String(format: "%.2f", times[min(times.count - 1, times.count * 99 / 100)])) | \(runs) |")
        }
    }
}
