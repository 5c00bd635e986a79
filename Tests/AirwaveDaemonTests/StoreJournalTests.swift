import AirwaveCore
import AirwaveDaemon
@testable import AirwaveRuntime
import AirwaveStore
import AirwaveTestSupport
import Foundation
import Testing

@Suite("Store journal: an interaction waits for its own user's plays only")
struct StoreJournalTests {
    @Test("flush(ifPlaysPendingFor:) writes when that user has queued plays and leaves other users' plays queued")
    func ownPlaysOnly() throws {
        let store = try Store(connectionString: try TestPostgres.shared.freshDatabase(), poolSize: 2)
        _ = try store.migrate()
        try store.saveStation(StationRecord(id: "s", name: "S", settings: Data(#"{"id":"s"}"#.utf8), source: .api, catalogHash: nil))
        let track = try Track(trackID: "t1", title: "Song", artist: "A", genre: "rock", mood: "calm",
                              energy: 0.5, tempo: .medium, duration: 200)
        try store.upsertTracks(stationID: "s", [track])
        let journal = StoreJournal(store: store, profiles: ProfileBook(), log: { _ in }, committed: { _ in })
        func play(_ user: String) -> PlayEvent {
            PlayEvent(stationID: "s", userID: user, track: track, startedAt: Date() - 200, endedAt: Date(), outcome: .played,
                      discovery: false, score: 0.5, reasons: [], daypart: "day")
        }
        journal.trackEnded(play("a"))
        journal.trackEnded(play("b"))
        journal.trackEnded(play("a"))

        try journal.flush(ifPlaysPendingFor: "c")
        #expect(journal.backlog == 3)
        #expect(try store.profile(userID: "a") == nil)

        try journal.flush(ifPlaysPendingFor: "a")
        #expect(journal.backlog == 0)
        #expect(try store.profile(userID: "a")?.profile.totalInteractions == 2)
        #expect(try store.profile(userID: "b")?.profile.totalInteractions == 1)

        journal.trackEnded(play("b"))
        try journal.flush(ifPlaysPendingFor: "a")
        #expect(journal.backlog == 1)
        try journal.flush()
        #expect(journal.backlog == 0)
        #expect(try store.profile(userID: "b")?.profile.totalInteractions == 2)
    }
}
