import AirwaveCore
import AirwaveStore
import Foundation
import Testing

@Suite("Stations, catalogs and listeners")
struct CatalogAndListenerTests {
    @Test("stations upsert, soft-delete and revive")
    func stations() throws {
        let store = try Fixtures.store()
        try store.saveStation(Fixtures.station("a", name: "A"))
        try store.saveStation(Fixtures.station("b", name: "B"))
        var renamed = Fixtures.station("a", name: "A2")
        renamed.catalogHash = "abc"
        try store.saveStation(renamed)
        let loaded = try store.loadStations()
        #expect(loaded.map(\.id) == ["a", "b"])
        #expect(loaded[0].name == "A2")
        #expect(loaded[0].catalogHash == "abc")
        #expect(loaded[0].createdAt != nil)
        try store.deleteStation(id: "b")
        #expect(try store.loadStations().map(\.id) == ["a"])
        #expect(throws: StoreError.self) { try store.deleteStation(id: "b") }
    }

    @Test("a large catalog upserts in one call and loads back in catalog order")
    func tracks() throws {
        let store = try Fixtures.store()
        try store.saveStation(Fixtures.station("s"))
        let catalog = Fixtures.tracks(12_000)
        try store.upsertTracks(stationID: "s", catalog)
        #expect(try store.loadTracks(stationID: "s") == catalog)
        var changed = catalog[5]
        changed.title = "New title"
        changed.bpm = 99.5
        try store.upsertTracks(stationID: "s", [changed])
        let reloaded = try store.loadTracks(stationID: "s")
        #expect(reloaded.count == catalog.count)
        #expect(reloaded[5] == changed)
        #expect(try store.removeTrack(stationID: "s", trackID: "t7"))
        #expect(try !store.removeTrack(stationID: "s", trackID: "t7"))
        #expect(try store.loadTracks(stationID: "s").count == catalog.count - 1)
    }

    @Test("listener state round-trips; removed listeners do not load")
    func listeners() throws {
        let store = try Fixtures.store()
        try store.saveStation(Fixtures.station("s"))
        let now = Date(timeIntervalSince1970: 1_763_900_000.123456)
        let l = ListenerRecord(stationID: "s", userID: "u1", joinedAt: now, paused: true, nowPlayingTrackID: "t1",
                               nowPlayingStartedAt: now, nowPlayingEndsAt: now.addingTimeInterval(200),
                               upNext: ["t2", "t3", "t1"], discoveryCarry: 0.35)
        try store.saveListener(l)
        try store.saveListener(ListenerRecord(stationID: "s", userID: "u2", joinedAt: now))
        let loaded = try store.loadListeners(stationID: "s")
        #expect(loaded.map(\.userID) == ["u1", "u2"])
        let first = loaded[0]
        #expect(first.upNext == l.upNext)
        #expect(first.paused && first.discoveryCarry == 0.35 && first.nowPlayingTrackID == "t1")
        #expect(Fixtures.micro(first.nowPlayingEndsAt!) == Fixtures.micro(l.nowPlayingEndsAt!))
        #expect(loaded[1].upNext.isEmpty && loaded[1].nowPlayingTrackID == nil)
        try store.removeListener(stationID: "s", userID: "u1", at: now)
        #expect(try store.loadListeners(stationID: "s").map(\.userID) == ["u2"])
    }

    @Test("a batch of listener states and departures saves in one call; a bad record saves none of it")
    func listenerBatch() throws {
        let store = try Fixtures.store()
        try store.saveStation(Fixtures.station("s"))
        let now = Date(timeIntervalSince1970: 1_763_900_000)
        try store.saveListener(ListenerRecord(stationID: "s", userID: "gone", joinedAt: now))
        try store.saveListeners([ListenerRecord(stationID: "s", userID: "a", joinedAt: now, nowPlayingTrackID: "t1"),
                                 ListenerRecord(stationID: "s", userID: "b", joinedAt: now, upNext: ["t2"])],
                                departures: [("s", "gone", now)])
        let loaded = try store.loadListeners(stationID: "s")
        #expect(loaded.map(\.userID) == ["a", "b"])
        #expect(loaded[0].nowPlayingTrackID == "t1" && loaded[1].upNext == ["t2"])
        #expect(throws: StoreError.self) {
            try store.saveListeners([ListenerRecord(stationID: "s", userID: "c", joinedAt: now),
                                     ListenerRecord(stationID: "s", userID: "bad id", joinedAt: now)], departures: [])
        }
        #expect(try store.loadListeners(stationID: "s").map(\.userID) == ["a", "b"])
    }
}
