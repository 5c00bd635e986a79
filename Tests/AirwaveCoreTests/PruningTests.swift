import Foundation
import Testing
@testable import AirwaveCore

@Suite("Exact pruning")
struct PruningTests {
    /// A random listener: a few genres, artists from the catalog's head and tail, moods, energy, tempo.
    static func randomProfile(_ random: inout SeededRandom, artists: [String]) -> Profile {
        let styles = SyntheticCatalog.styles
        var genres: [String: Double] = [:]
        for _ in 0..<(1 + Int(random.next() % 8)) { genres[styles[Int(random.next() % UInt64(styles.count))].name] = random.nextUnit() }
        var liked: [String: Double] = [:]
        for _ in 0..<Int(random.next() % 30) { liked[artists[Int(random.next() % UInt64(artists.count))]] = random.nextUnit() }
        var moods: [String: Double] = [:]
        for _ in 0..<Int(random.next() % 4) { moods[styles[Int(random.next() % 42)].moods[0]] = random.nextUnit() }
        // Coarse values make exact score ties common, which is what the tie rule must survive.
        let energy = (random.nextUnit() * 10).rounded() / 10
        return try! Profile(genres: genres, artists: liked, moods: moods, energyLevel: energy,
                            tempoPreference: TempoPreference.allCases[Int(random.next() % 4)], discoveryFactor: .fixed(0.2))
    }

    @Test("pruned ranking equals the full scan for many random listeners, sizes, exclusions and edits")
    func equalsFullScan() throws {
        var dj = Fixture.synthetic(20_000, seed: 99)
        dj.settings = Fixture.settings(timezone: "Asia/Tokyo", contextWeight: 0.3)
        // Edits: genre changes in place, removals, appends; bounds must stay valid.
        var edited = dj.catalog.track(at: 10)!
        edited.genre = "jazz"; edited.energy = 0.99
        dj.catalog.upsert([edited, Fixture.track("new-1", genre: "polka", energy: 0.01)])
        for id in ["syn-0000005", "syn-0000500", "syn-0005000"] { _ = dj.catalog.remove(trackID: id) }
        let artists = Array(Set(dj.catalog.liveTracks.map(\.artist))).sorted()
        var random = SeededRandom(seed: 2024)
        for round in 0..<60 {
            let profile = Self.randomProfile(&random, artists: artists)
            let size = [1, 10, 50, 200][round % 4]
            let excluded = Set((0..<20).map { _ in Int(random.next() % 20_000) })
            let at = Date(timeIntervalSince1970: 1_770_000_000 + Double(round) * 3_700)
            var full = dj
            full.pruning = false
            for f in [0.0, 0.2] {
                let request = PlaylistRequest(profile: profile, at: at, size: size, excluded: excluded,
                                              discoveryOverride: f, seed: UInt64(round))
                let pruned = dj.recommend(request), scanned = full.recommend(request)
                #expect(pruned.picks.map(\.index) == scanned.picks.map(\.index), "round \(round) f \(f)")
                #expect(pruned.picks.map(\.score) == scanned.picks.map(\.score))
            }
        }
    }

    @Test("ties across genres still follow catalog order when pruning")
    func tiesAcrossGenres() {
        // Identical scores in two genres; the later genre's bucket is visited first (higher id order irrelevant).
        var tracks = (0..<3000).map { Fixture.track("a\($0)", genre: "polka", energy: 0.5) }
        tracks += (0..<3000).map { Fixture.track("b\($0)", genre: "zydeco", energy: 0.5) }
        tracks.swapAt(0, 5999)  // slot 0 is now a zydeco track
        let dj = Fixture.dj(tracks)
        let picks = dj.recommend(PlaylistRequest(profile: Fixture.profile(), at: Fixture.noon, size: 5, discoveryOverride: 0)).picks
        #expect(picks.map(\.index) == [0, 1, 2, 3, 4])
    }
}
