import Foundation
import Testing
@testable import AirwaveCore

/// The artist part of pruning's bounds: each artist's few tracks in a genre ("strays") are listed apart from the
/// genre's bound, and ranking scores a listener's strays one by one.
@Suite("Exact pruning with artist strays")
struct PruningStrayTests {
    /// Every live slot's current (artist, genre) is covered: by the genre's bound, or by a stray entry.
    static func expectCovered(_ catalog: Catalog, _ note: Comment) {
        let b = catalog.bounds
        var listed = 0
        for a in b.artistStrays.indices {
            listed += b.artistStrays[a].count
            // No entry twice, and none in a genre the bound already covers for that artist.
            #expect(Set(b.artistStrays[a].map { "\($0.slot)/\($0.genre)" }).count == b.artistStrays[a].count, note)
            #expect(b.artistStrays[a].allSatisfy { !b.artistGenres[a].contains(Int32($0.genre)) }, note)
        }
        #expect(listed == b.strayCount, note)
        // The cap: at most an eighth of the slots (8 B each), so under 1 B per track.
        #expect(b.strayCount <= catalog.count / 8, note)
        #expect(MemoryLayout<PruningBounds.Stray>.stride == 8)
        var uncovered = 0
        for i in 0..<catalog.count where catalog.alive[i] {
            let a = Int(catalog.artistIDs[i]), g = catalog.genreIDs[i]
            let byBound = b.artistGenres[a].contains(Int32(g))
            let asStray = b.artistStrays[a].contains(PruningBounds.Stray(slot: Int32(i), genre: g))
            if !byBound && !asStray { uncovered += 1 }
        }
        #expect(uncovered == 0, note)
    }

    /// Random edits that move tracks between artists and genres (making stray entries stale), write a track
    /// back to what it was, add tracks and remove some.
    static func edit(_ dj: inout DJ, _ random: inout SeededRandom, artists: [String], rounds: Int) {
        let genres = SyntheticCatalog.styles.map(\.name)
        for round in 0..<rounds {
            var batch: [Track] = []
            for _ in 0..<40 {
                let slot = Int(random.next() % UInt64(dj.catalog.count))
                guard var track = dj.catalog.track(at: slot) else { continue }
                switch random.next() % 4 {
                case 0: track.artist = artists[Int(random.next() % UInt64(artists.count))]
                case 1: track.genre = genres[Int(random.next() % UInt64(genres.count))]
                case 2:
                    track.artist = artists[Int(random.next() % UInt64(artists.count))]
                    track.genre = genres[Int(random.next() % UInt64(genres.count))]
                default: break  // written back unchanged
                }
                track.energy = (random.nextUnit() * 100).rounded() / 100
                batch.append(track)
            }
            batch.append(Fixture.track("extra-\(round)", genre: genres[round % genres.count],
                                       artist: artists[round % artists.count], energy: 0.45))
            dj.catalog.upsert(batch)
            _ = dj.catalog.remove(trackID: dj.catalog.tracks[Int(random.next() % UInt64(dj.catalog.count))].trackID)
        }
    }

    @Test("every track stays covered by its genre's bound or a stray entry through edits")
    func coverageSurvivesEdits() {
        var dj = Fixture.synthetic(12_000, seed: 31)
        Self.expectCovered(dj.catalog, "fresh")
        #expect(dj.catalog.bounds.strayCount > 0, "the synthetic catalog's artists do stray")
        let artists = Array(Set(dj.catalog.liveTracks.map(\.artist))).sorted()
        var random = SeededRandom(seed: 8)
        Self.edit(&dj, &random, artists: artists, rounds: 30)
        Self.expectCovered(dj.catalog, "after edits")
    }

    @Test("an artist with enough tracks in a genre moves into its bound, and its strays there go")
    func promotion() {
        // Home genre jazz first, then strays in rock up to the limit.
        var tracks = (0..<40).map { Fixture.track("j\($0)", genre: "jazz", artist: "Ann") }
        tracks += (0..<20).map { Fixture.track("other\($0)", genre: "rock", artist: "Bob") }
        let limit = PruningBounds.strayLimit
        tracks += (0..<(limit - 1)).map { Fixture.track("r\($0)", genre: "rock", artist: "Ann") }
        var catalog = try! Catalog(tracks: tracks)
        let ann = Int(catalog.artists.id(of: "Ann")!), rock = Int32(catalog.genres.id(of: "rock")!)
        #expect(catalog.bounds.artistStrays[ann].count == limit - 1)
        #expect(!catalog.bounds.artistGenres[ann].contains(rock))
        catalog.upsert([Fixture.track("r-last", genre: "rock", artist: "Ann")])
        #expect(catalog.bounds.artistStrays[ann].isEmpty)
        #expect(catalog.bounds.artistGenres[ann].contains(rock))
        Self.expectCovered(catalog, "promoted")
    }

    /// Listeners made of the catalog's prolific artists (whose strays are everywhere) and a few tail ones, on a
    /// catalog with stale stray entries, excluded stray tracks and removals: pruned must equal the full scan.
    @Test("pruned ranking equals the full scan for listeners of stray-heavy artists, after edits")
    func equalsFullScanWithStrays() {
        var dj = Fixture.synthetic(10_000, seed: 2026)
        let counts = Dictionary(grouping: dj.catalog.liveTracks, by: \.artist).mapValues(\.count)
        let prolific = counts.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.map(\.key)
        var random = SeededRandom(seed: 77)
        Self.edit(&dj, &random, artists: Array(prolific.prefix(60)), rounds: 10)
        var full = dj
        full.pruning = false
        let styles = SyntheticCatalog.styles
        for round in 0..<60 {
            var artists: [String: Double] = [:]
            // Coarse weights: some round to 0 (a listed artist whose term adds nothing), and ties are common.
            for _ in 0..<(5 + Int(random.next() % 25)) {
                artists[prolific[Int(random.next() % 80)]] = (random.nextUnit() * 10).rounded() / 10
            }
            artists[prolific[prolific.count - 1 - Int(random.next() % 50)]] = 1
            var genres: [String: Double] = [:]
            for _ in 0..<Int(random.next() % 6) { genres[styles[Int(random.next() % 42)].name] = random.nextUnit() }
            let profile = Fixture.profile(genres: genres, artists: artists, moods: ["mellow": 0.5],
                                          energy: (random.nextUnit() * 10).rounded() / 10,
                                          tempo: TempoPreference.allCases[round % 4])
            // Exclude some of the listener's own tracks, strays among them.
            let own = dj.catalog.tracks.indices.filter { artists[dj.catalog.tracks[$0].artist] != nil }
            let excluded = Set((0..<15).map { _ in own[Int(random.next() % UInt64(own.count))] })
            for f in [0.0, 0.2] {
                let request = PlaylistRequest(profile: profile, at: Fixture.noon, size: [5, 50, 200][round % 3],
                                              excluded: excluded, discoveryOverride: f, seed: UInt64(round))
                let pruned = dj.recommend(request), scanned = full.recommend(request)
                #expect(pruned.picks.map(\.index) == scanned.picks.map(\.index), "round \(round) f \(f)")
                #expect(pruned.picks.map(\.score) == scanned.picks.map(\.score), "round \(round) f \(f)")
            }
        }
    }
}
