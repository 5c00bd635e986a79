import AirwaveCore
import AirwaveStore
import AirwaveTestSupport
import Foundation
import Testing

@Suite("Reconnect")
struct ReconnectTests {
    @Test("writes fail with isUnavailable while the server is down and succeed after it restarts")
    func restartMidTest() throws {
        let harness = TestPostgres.makePrivate(label: "reconnect")
        defer { harness.destroy() }
        let store = try Store(connectionString: try harness.freshDatabase(), poolSize: 2)
        _ = try store.migrate()
        try store.saveStation(Fixtures.station("s"))
        let track = Fixtures.tracks(1)[0]
        let input = InteractionInput(userID: "u", stationID: "s", track: track, feedback: try Feedback(.like), at: Date())
        _ = try store.recordInteraction(input)
        #expect(store.ping())

        try harness.stop()
        #expect(!store.ping())
        for _ in 0..<3 {
            do {
                try store.saveStation(Fixtures.station("down"))
                Issue.record("write while down must fail")
            } catch {
                #expect(error.isUnavailable, "\(error)")
            }
            do {
                _ = try store.recordInteraction(input)
                Issue.record("interaction while down must fail")
            } catch {
                #expect(error.isUnavailable, "\(error)")
            }
            #expect(throws: StoreError.self) { try store.loadStations() }
        }

        try harness.restart()
        // Reconnection backs off (at most 2 s between attempts): retry for a bounded while, not a fixed sleep.
        var recovered = false
        for _ in 0..<100 where !recovered {
            do {
                try store.saveStation(Fixtures.station("up"))
                recovered = true
            } catch {
                #expect(error.isUnavailable, "\(error)")
                Thread.sleep(forTimeInterval: 0.1)
            }
        }
        #expect(recovered)
        #expect(try store.loadStations().map(\.id) == ["s", "up"])
        let (_, snapshot) = try store.recordInteraction(input)
        #expect(snapshot.profile.totalInteractions == 2)
    }
}
