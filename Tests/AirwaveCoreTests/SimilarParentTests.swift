import Foundation
import Testing
@testable import AirwaveCore

@Suite("The listener genre named for similar credit")
struct SimilarParentTests {
    @Test("the scoring table's parent equals the per-reason lookup for every genre, ties included")
    func tableMatchesLookup() {
        let dj = Fixture.synthetic(2000)
        let names = dj.catalog.genres.names
        var random = SeededRandom(seed: 11)
        var scratch = RequestScratch()
        scratch.fit(dj.catalog)
        var credited = 0
        for _ in 0..<200 {
            // Few distinct weights, so ties (broken by name) are common; some names are not in the catalog.
            var genres: [String: Double] = [:]
            for _ in 0..<Int(random.next() % 8) {
                let name = random.next() % 5 == 0 ? "unknown \(random.next() % 3)" : names[Int(random.next() % UInt64(names.count))]
                genres[name] = Double(random.next() % 4) / 4
            }
            let effective = dj.effectiveProfile(Fixture.profile(genres: genres), at: Fixture.noon)
            let table = dj.table(for: effective, scratch: &scratch)
            for (id, name) in names.enumerated() {
                let expected = table.genreIsSimilar[id] ? dj.similarGenre(name, in: effective) : nil
                #expect(table.similarParent(id) == expected, "genre \(name) for \(genres)")
                if expected != nil { credited += 1 }
            }
            // Reused scratch: a stale parent from the previous profile would show up in the next round.
            table.reset(into: &scratch)
        }
        #expect(credited > 100)
    }

    @Test("reasons name the highest-weighted similar genre, and the first name on a tie")
    func reasonNamesParent() {
        // In the default map punk's neighbours are its parent rock and its siblings alternative, indie, metal.
        let dj = Fixture.dj([Fixture.track("p", genre: "punk"), Fixture.track("x", genre: "polka")])
        let higher = Fixture.profile(genres: ["rock": 0.3, "metal": 0.8])
        #expect(dj.reasons(forIndex: 0, discovery: false, profile: higher, at: Fixture.noon, likes: []).contains("similar to metal"))
        let tied = Fixture.profile(genres: ["rock": 0.5, "indie": 0.5])
        #expect(dj.reasons(forIndex: 0, discovery: false, profile: tied, at: Fixture.noon, likes: []).contains("similar to indie"))
    }
}
