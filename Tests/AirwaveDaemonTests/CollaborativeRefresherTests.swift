import AirwaveCore
import AirwaveDaemon
import AirwaveRuntime
import AirwaveStore
import AirwaveTestSupport
import Foundation
import Synchronization
import Testing

@Suite("Collaborative refresher: interaction log → installed neighbour lists")
struct CollaborativeRefresherTests {
    final class Lines: Sendable {
        let lines = Mutex<[String]>([])
        func log(_ line: String) { lines.withLock { $0.append(line) } }
    }

    static func setUp() throws -> (Store, RadioRuntime, StationRuntime, [Track]) {
        let store = try Store(connectionString: try TestPostgres.shared.freshDatabase(), poolSize: 2)
        _ = try store.migrate()
        let tracks = (0..<6).map { i in
            try! Track(trackID: "t\(i)", title: "Song \(i)", artist: "A\(i)", genre: "rock", mood: "calm",
                       energy: 0.5, tempo: .medium, duration: 200)
        }
        let runtime = RadioRuntime(clock: ManualClock(start: Date()), journal: NoJournal())
        let station = try runtime.addStation(try StationSettings(id: "s1"), catalog: try Catalog(tracks: tracks))
        for user in ["a", "b", "c"] {
            _ = try store.createProfile(userID: user, initial: .neutral)
            for t in [0, 1] {
                _ = try store.recordInteraction(InteractionInput(userID: user, stationID: "s1", track: tracks[t],
                                                                 feedback: try Feedback(.like), at: Date() - 60))
            }
        }
        return (store, runtime, station, tracks)
    }

    @Test("refreshAll builds each station's lists from its co-likes and installs them")
    func refreshAllInstalls() throws {
        let (store, runtime, station, _) = try Self.setUp()
        let lines = Lines()
        let refresher = CollaborativeRefresher(store: store, runtime: runtime, log: lines.log)
        #expect(station.neighbours.isEmpty)
        let reports = refresher.refreshAll()
        #expect(reports.map(\.stationID) == ["s1"])
        #expect(reports.first?.events == 6)
        #expect(station.neighbours.neighbours(of: "t0") == [Neighbour(trackID: "t1", similarity: 1)])
        #expect(lines.lines.withLock { $0.isEmpty })
    }

    @Test("the background thread refreshes at start and on request, and stops")
    func backgroundThread() throws {
        let (store, runtime, station, _) = try Self.setUp()
        let refresher = CollaborativeRefresher(store: store, runtime: runtime, settings: .init(interval: 3600), log: { _ in })
        refresher.start()
        defer { refresher.stop() }
        // Polls for the outcome (no timing assertion): the first refresh runs as soon as the thread starts.
        for _ in 0..<200 where station.neighbours.isEmpty { Thread.sleep(forTimeInterval: 0.05) }
        #expect(station.neighbours.neighbours(of: "t1").map(\.trackID) == ["t0"])
        station.installNeighbours(.empty)
        refresher.requestRefresh()
        for _ in 0..<200 where station.neighbours.isEmpty { Thread.sleep(forTimeInterval: 0.05) }
        #expect(!station.neighbours.isEmpty)
    }
}

/// A journal that drops everything (the refresher never touches listeners).
private final class NoJournal: RuntimeJournal {
    func trackEnded(_ play: PlayEvent) {}
    func listenerChanged(_ state: ListenerState) {}
    func listenerLeft(stationID: String, userID: String, at: Date) {}
}
