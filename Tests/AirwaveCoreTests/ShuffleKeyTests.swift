import Foundation
import Testing
@testable import AirwaveCore

@Suite("Musical keys on the Camelot wheel")
struct ShuffleKeyTests {
    @Test("standard notation maps to the Camelot wheel", arguments: [
        ("C", "8B"), ("Am", "8A"), ("G", "9B"), ("Em", "9A"), ("F#m", "11A"), ("Gbm", "11A"), ("Bb", "6B"),
        ("Ebm", "2A"), ("Db", "3B"), ("C#", "3B"), ("E", "12B"), ("C#m", "12A"), ("B", "1B"), ("G#m", "1A"),
        ("Abm", "1A"), ("F", "7B"), ("Dm", "7A"), ("Bm", "10A"), ("C minor", "5A"), ("Dbmaj", "3B"), (" a ", "11B"),
    ])
    func standard(text: String, camelot: String) throws {
        #expect(try #require(MusicalKey(text)).camelot == camelot)
    }

    @Test("Camelot notation parses both letters and every number")
    func camelot() throws {
        #expect(try #require(MusicalKey("8A")) == MusicalKey(pitchClass: 9, minor: true))
        #expect(try #require(MusicalKey("12b")).camelot == "12B")
        #expect(try #require(MusicalKey("1A")).isMinor)
        for n in 1...12 { #expect(MusicalKey("\(n)B")?.camelotNumber == n) }
    }

    @Test("nonsense does not parse", arguments: ["", "H", "13A", "0B", "8C", "C##", "Cx", "A", "m", "8"])
    func rejects(text: String) {
        // "A" alone is A major, so it parses; everything else here must not.
        if text == "A" { #expect(MusicalKey(text)?.camelot == "11B") } else { #expect(MusicalKey(text) == nil) }
    }

    @Test("distance: wheel steps the short way round plus one for a change of mode")
    func distances() throws {
        let c = try #require(MusicalKey("C")), g = try #require(MusicalKey("G")), am = try #require(MusicalKey("Am"))
        let e = try #require(MusicalKey("E")), b = try #require(MusicalKey("B")), fsharp = try #require(MusicalKey("F#"))
        #expect(c.distance(to: c) == 0)
        #expect(c.distance(to: g) == 1)
        #expect(c.distance(to: am) == 1, "relative minor")
        #expect(e.distance(to: b) == 1, "12B and 1B are neighbours across the top of the wheel")
        #expect(c.distance(to: fsharp) == 6, "the tritone is opposite")
        #expect(g.distance(to: am) == 2)
        #expect(c.isCompatible(with: am) && c.isCompatible(with: g) && !c.isCompatible(with: fsharp))
        #expect(!g.isCompatible(with: am))
    }
}

@Suite("Keys in the demo catalogs")
struct ShuffleDemoKeyTests {
    @Test("every key in the demo catalogs parses and the transition demo station loads")
    func demoKeys() throws {
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../../stations").standardizedFileURL
        var keys = 0
        for name in ["eclectic", "jazz-lounge", "indie-rock", "classical-electronic"] {
            let settings = try StationSettings.decode(json: [UInt8](try Data(contentsOf: folder.appendingPathComponent("\(name).json"))))
            let csv = try Data(contentsOf: folder.appendingPathComponent(settings.catalog ?? "\(name).csv"))
            for track in CatalogCSV.parse(bytes: [UInt8](csv), file: "\(name).csv").tracks {
                guard let key = track.key else { continue }
                keys += 1
                #expect(MusicalKey(key) != nil, "\(name): \(track.trackID) key \(key)")
            }
        }
        #expect(keys > 100)
        let demo = try StationSettings.decode(json: [UInt8](try Data(contentsOf: folder.appendingPathComponent("classical-electronic.json"))))
        #expect(demo.activeTransition.enabled)
    }
}
