import AirwaveCore
import Foundation
import Testing
@testable import AirwaveRuntime

@Suite("Several scheduler threads")
struct SchedulerThreadsTests {
    @Test("two dispatch threads advance every listener in order: plays back to back, never twice")
    func twoThreadsKeepOrder() throws {
        let book = ProfileBook()
        let journal = MemoryJournal(book: book)
        // 3,600× makes a 3-minute track last 50 ms of wall time, so a short run changes tracks many times.
        let clock = SystemClock(speed: 3600)
        let runtime = RadioRuntime(clock: clock, journal: journal,
                                   options: RuntimeOptions(idleTimeout: 1e9, schedulerThreads: 2), profiles: book)
        var stations: [StationRuntime] = []
        for s in 0..<4 {
            stations.append(try runtime.addStation(Fixtures.settings(id: "st-\(s)"), catalog: Fixtures.catalog(count: 120)))
        }
        for i in 0..<40 {
            book.update("u\(i)", to: VersionedProfile(profile: try Profile(discoveryFactor: .fixed(0.2)), version: 1))
            try stations[i % 4].join(userID: "u\(i)", now: clock.now())
        }
        runtime.startScheduler()
        Thread.sleep(forTimeInterval: 0.6)
        runtime.stopScheduler()
        Thread.sleep(forTimeInterval: 0.1)

        let plays = journal.allPlays
        #expect(plays.count > 40, "tracks changed while the threads ran (\(plays.count) plays)")
        var byListener: [String: [PlayEvent]] = [:]
        for play in plays { byListener[play.stationID + "/" + play.userID, default: []].append(play) }
        for (listener, list) in byListener {
            for (earlier, later) in zip(list, list.dropFirst()) {
                #expect(later.startedAt == earlier.endedAt, "\(listener): \(later.track.trackID) starts when the previous ends")
                #expect(later.startedAt > earlier.startedAt, "\(listener): no track change is dispatched twice")
            }
        }
    }
}
