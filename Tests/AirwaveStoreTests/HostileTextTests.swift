import AirwaveCore
import AirwaveStore
import Foundation
import Testing

@Suite("Unicode and hostile strings")
struct HostileTextTests {
    static let hostile = [
        "O'Brien", "say \"hi\"", #"back\slash\\"#, "🎸🥁 Emoji Band 👩🏽‍🎤", "مرحبا بالعالم", "עברית RTL \u{202E}mixed",
        "Robert'); DROP TABLE tracks;--", "$1 $2 ::jsonb", "%s %d {}[]", "tab\tnew\nline", "{\"json\": [1]}",
        "Ünïcödé ß ñ 漢字", "AC/DC",
    ]

    @Test("every text field round-trips unchanged")
    func roundTrip() throws {
        let store = try Fixtures.store()
        for (i, text) in Self.hostile.enumerated() {
            let stationID = "st\(i)"
            let settings = try JSONSerialization.data(withJSONObject: ["name": text])
            try store.saveStation(StationRecord(id: stationID, name: text, settings: settings, source: .file, catalogHash: text))
            let track = try Track(trackID: "t\(i)", title: text, artist: text, genre: String(text.prefix(100)),
                                  mood: String(text.prefix(100)), energy: 0.5, tempo: .fast, duration: 100,
                                  album: text, year: 1999, key: String(text.prefix(16)), bpm: 120, uri: text)
            try store.upsertTracks(stationID: stationID, [track])
            #expect(try store.loadTracks(stationID: stationID) == [track])
            let loaded = try #require(try store.loadStations().first { $0.id == stationID })
            #expect(loaded.name == text)
            #expect(loaded.catalogHash == text)
            let decoded = try JSONSerialization.jsonObject(with: loaded.settings) as? [String: String]
            #expect(decoded?["name"] == text)

            let initial = try Profile(genres: [text: 0.5], artists: [text: 0.25], moods: [text: 1])
            let (created, _) = try store.createProfile(userID: "u\(i)", initial: initial)
            #expect(created.profile == initial)
            let (_, snapshot) = try store.recordInteraction(InteractionInput(userID: "u\(i)", stationID: stationID,
                                                                             track: track, feedback: try Feedback(.like), at: Date()))
            #expect(snapshot.profile.artists[text] == 0.35)
            #expect(try store.profile(userID: "u\(i)") == snapshot)
            let event = try #require(try store.interactions(userID: "u\(i)", limit: 1).first)
            #expect(event.artist == text)

            let logged = try store.recordPlays([PlayInput(stationID: stationID, userID: "u\(i)", track: track,
                                                          startedAt: Date(), endedAt: Date(), outcome: .skipped,
                                                          reasons: [text, "plain"], daypart: text)])
            let read = try store.plays(stationID: stationID, afterSeq: nil, since: nil, userID: nil, limit: 10)
            #expect(read.map(\.title) == [text])
            #expect(read.first?.reasons == [text, "plain"])
            #expect(read.first?.daypart == text)
            #expect(read.map(\.seq) == logged.map(\.seq))
        }
        // The injection-looking strings did nothing: every station is still there.
        #expect(try store.loadStations().count == Self.hostile.count)
    }

    @Test("NUL characters are rejected naming the field, not silently truncated")
    func nulRejected() throws {
        let store = try Fixtures.store()
        try store.saveStation(Fixtures.station("s"))
        // Tracks and profiles cannot even be built with NUL (the core refuses); station names reach the
        // store as plain strings, and the store refuses them before PostgreSQL would.
        #expect(throws: ValidationError(field: "title", "must not contain NUL characters")) {
            try Track(trackID: "t1", title: "before\u{0}after", artist: "a", genre: "g", mood: "m", energy: 0.5, tempo: .slow, duration: 10)
        }
        #expect(throws: ValidationError.self) { try Profile(genres: ["a\u{0}b": 0.5]) }
        do {
            try store.saveStation(StationRecord(id: "s2", name: "before\u{0}after", settings: Data("{}".utf8), source: .api))
            Issue.record("NUL must be rejected")
        } catch {
            #expect(error.code == .invalidValue)
            #expect(!error.description.contains("before"))
        }
        #expect(try store.loadTracks(stationID: "s").isEmpty)
    }

    @Test("error descriptions never contain parameter values")
    func descriptionsHideValues() throws {
        let store = try Fixtures.store()
        do {
            try store.saveStation(StationRecord(id: "s", name: "secret-name", settings: Data("not json secret".utf8), source: .api))
            Issue.record("invalid JSON must fail")
        } catch {
            #expect(error.sqlState != nil)
            #expect(!error.description.contains("secret"))
            #expect(error.isBadRequest)
            #expect(!error.isUnavailable)
        }
    }
}
