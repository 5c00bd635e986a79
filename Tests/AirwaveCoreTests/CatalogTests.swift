import Testing
@testable import AirwaveCore

@Suite("Catalog storage")
struct CatalogTests {
    @Test("duplicate ids are refused at creation")
    func duplicates() {
        #expect { try Catalog(tracks: [Fixture.track("a"), Fixture.track("a")]) } throws: { error in
            (error as? ValidationError)?.field == "track_id"
        }
    }

    @Test("upsert replaces in place and appends new tracks; removal tombstones the slot")
    func upsertAndRemove() throws {
        var catalog = try Catalog(tracks: [Fixture.track("a"), Fixture.track("b"), Fixture.track("c")])
        let counts = catalog.upsert([Fixture.track("b", genre: "metal"), Fixture.track("d")])
        #expect(counts.added == 1 && counts.replaced == 1)
        #expect(catalog.index(of: "b") == 1 && catalog.track(at: 1)?.genre == "metal")
        #expect(catalog.index(of: "d") == 3 && catalog.count == 4)
        let first = catalog.remove(trackID: "a")
        let second = catalog.remove(trackID: "a")
        #expect(first && !second)
        #expect(catalog.index(of: "a") == nil && catalog.track(at: 0) == nil)
        #expect(catalog.index(of: "c") == 2)  // other indices unchanged
        #expect(catalog.liveTracks.map(\.trackID) == ["b", "c", "d"] && catalog.liveCount == 3)
        // Re-adding a removed id appends a new slot; the old one stays dead.
        catalog.upsert([Fixture.track("a")])
        #expect(catalog.index(of: "a") == 4 && catalog.track(at: 0) == nil)
    }

    @Test("interned ids map back to names")
    func interning() throws {
        let catalog = try Catalog(tracks: [Fixture.track("a", genre: "jazz"), Fixture.track("b", genre: "rock"),
                                           Fixture.track("c", genre: "jazz")])
        #expect(catalog.genreIDs == [0, 1, 0] && catalog.genres.names == ["jazz", "rock"])
    }

    @Test("genre and mood ids are 16 bits: more than 65,536 distinct genres or moods is an error naming the field")
    func nameLimit() throws {
        // Distinct artists and moods too: the pruning summaries list genres per artist and per mood, and
        // one artist across 65,536 genres would make building the catalog quadratic.
        let full = (0..<Catalog.nameLimit).map { Fixture.track("t\($0)", genre: "g\($0)", artist: "a\($0)", mood: "m\($0)") }
        var catalog = try Catalog(tracks: full)
        #expect(catalog.genres.count == Catalog.nameLimit && catalog.genreIDs.last == UInt16.max)
        #expect(catalog.moods.count == Catalog.nameLimit && catalog.moodIDs.last == UInt16.max)
        #expect { try Catalog(tracks: full + [Fixture.track("extra", genre: "one too many", mood: "m1")]) } throws: { error in
            (error as? ValidationError)?.field == "genre"
        }
        // A batch that would pass the limit changes nothing; known names still fit.
        #expect { try catalog.checkedUpsert([Fixture.track("a", genre: "g1", mood: "m1"), Fixture.track("b", genre: "new", mood: "m1")]) } throws: { error in
            (error as? ValidationError)?.field == "genre"
        }
        #expect(catalog.count == Catalog.nameLimit && catalog.index(of: "a") == nil)
        #expect { try catalog.checkedUpsert([Fixture.track("c", genre: "g1", mood: "new mood")]) } throws: { error in
            (error as? ValidationError)?.field == "mood"
        }
        let counts = try catalog.checkedUpsert([Fixture.track("t0", genre: "g5", mood: "m7")])
        #expect(counts.replaced == 1 && catalog.genreIDs[0] == 5 && catalog.moodIDs[0] == 7)
    }

    @Test("the synthetic generator is seeded, covers the similarity map and skews artists")
    func synthetic() {
        let a = SyntheticCatalog.tracks(count: 5000, seed: 1)
        #expect(a == SyntheticCatalog.tracks(count: 5000, seed: 1))
        #expect(a != SyntheticCatalog.tracks(count: 5000, seed: 2))
        let genres = Set(a.map(\.genre))
        #expect(genres.count >= 40)
        for (parent, kids) in SimilarityMap.default.children { #expect(genres.isSuperset(of: [parent] + kids)) }
        var perArtist: [String: Int] = [:]
        for t in a { perArtist[t.artist, default: 0] += 1 }
        let sorted = perArtist.values.sorted(by: >)
        #expect(sorted[0] > 10 * sorted[sorted.count / 2])  // Zipf: the head dwarfs the median
        let meanEnergy = { (g: String) in a.filter { $0.genre == g }.map(\.energy).reduce(0, +) / Double(a.filter { $0.genre == g }.count) }
        #expect(meanEnergy("metal") > meanEnergy("jazz") + 0.3)
    }
}
