import AirwaveCore
import Foundation

/// `memory --tracks N`: bytes of hot scoring data per track, and the RSS of an N-track station.
enum MemoryBench {
    static func run(_ options: Options) throws {
        let n = try options.int("tracks", default: 1_000_000)
        ProcessStats.trim()
        let rss0 = ProcessStats.rssKB()
        var tracks: [Track]? = SyntheticCatalog.tracks(count: n, seed: 2026)
        ProcessStats.trim()
        let rssTracks = ProcessStats.rssKB()
        let catalog = try Catalog(tracks: tracks!)
        tracks = nil
        ProcessStats.trim()
        let rssCatalog = ProcessStats.rssKB()
        let dj = DJ(catalog: catalog, settings: try StationSettings(id: "memory", timezone: "Europe/Berlin"))
        let playlist = dj.recommend(PlaylistRequest(profile: .neutral, at: Date(timeIntervalSince1970: 1_773_000_000), size: 50))
        ProcessStats.trim()
        let rssServing = ProcessStats.rssKB()
        // Keep the catalog and the DJ alive up to here (the optimizer may end their lifetimes early).
        withExtendedLifetime((catalog, dj)) {}

        // The columns the scoring loop reads, per slot, and the pruning index (one Int32 slot per track).
        let scored = MemoryLayout<Int32>.stride * 3 + MemoryLayout<Double>.stride + MemoryLayout<UInt8>.stride
            + MemoryLayout<Bool>.stride
        let index = MemoryLayout<Int32>.stride
        print("| figure (\(n) tracks) | value |")
        print("|---|---:|")
        print("| hot scoring columns per track (genre, artist, mood ids; energy; tempo; alive) | \(scored) B |")
        print("| + genre index for pruning (slot lists) | \(index) B → \(scored + index) B |")
        print("| RSS before | \(rss0 / 1024) MiB |")
        print("| RSS with the [Track] array | \(rssTracks / 1024) MiB (+\(fixed(Double(rssTracks - rss0) * 1024 / Double(n), 0)) B/track) |")
        print("| RSS with the catalog only (tracks, columns, index by id) | \(rssCatalog / 1024) MiB (+\(fixed(Double(rssCatalog - rss0) * 1024 / Double(n), 0)) B/track) |")
        print("| RSS serving (DJ built, one playlist of \(playlist.picks.count)) | \(rssServing / 1024) MiB |")
    }
}
