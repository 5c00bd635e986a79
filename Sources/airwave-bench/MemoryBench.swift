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

        // The columns the scoring loop reads, per slot, at their actual element sizes, and the pruning index
        // (one Int32 slot number per track in its genre's list).
        let genre = MemoryLayout.stride(ofValue: catalog.genreIDs.first ?? 0)
        let artist = MemoryLayout.stride(ofValue: catalog.artistIDs.first ?? 0)
        let mood = MemoryLayout.stride(ofValue: catalog.moodIDs.first ?? 0)
        let energy = MemoryLayout.stride(ofValue: catalog.energies.first ?? 0)
        let tempo = MemoryLayout.stride(ofValue: catalog.tempos.first ?? 0)
        let alive = MemoryLayout.stride(ofValue: catalog.alive.first ?? false)
        let scored = genre + artist + mood + energy + tempo + alive
        let index = MemoryLayout.stride(ofValue: catalog.slotsByGenre.first?.first ?? 0)
        print("| figure (\(n) tracks) | value |")
        print("|---|---:|")
        print("| hot scoring columns per track: genre id \(genre) B, artist id \(artist) B, mood id \(mood) B, energy \(energy) B, tempo \(tempo) B, alive \(alive) B | \(scored) B |")
        print("| + genre index for pruning (slot lists, \(index) B per track) | \(index) B → \(scored + index) B |")
        // Pruning's per-artist stray lists (8 B per entry, capped at one entry per 8 tracks).
        let strays = Double(catalog.pruningStrayEntries * 8) / Double(n)
        print("| + artist strays for pruning (\(catalog.pruningStrayEntries) entries of 8 B; cap 1 B per track) | \(fixed(strays, 2)) B → \(fixed(Double(scored + index) + strays, 2)) B |")
        print("| RSS before | \(rss0 / 1024) MiB |")
        print("| RSS with the [Track] array | \(rssTracks / 1024) MiB (+\(fixed(Double(rssTracks - rss0) * 1024 / Double(n), 0)) B/track) |")
        print("| RSS with the catalog only (tracks, columns, index by id) | \(rssCatalog / 1024) MiB (+\(fixed(Double(rssCatalog - rss0) * 1024 / Double(n), 0)) B/track) |")
        print("| RSS serving (DJ built, one playlist of \(playlist.picks.count)) | \(rssServing / 1024) MiB |")
    }
}
