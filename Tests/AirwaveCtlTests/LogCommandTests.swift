import AirwaveDaemonTestSupport
import AirwaveAPI
@testable import AirwaveCtl
import Foundation
import Synchronization
import Testing

@Suite("log and log -f against a real daemon", .serialized)
struct LogCommandTests {
    @Test func logListsPlaysAndJSONLinesMatchTheDaemon() throws {
        let daemon = try TestDaemon()
        let ctl = CtlRunner(url: daemon.baseURL)
        #expect(ctl.run(["listeners", "add", "eclectic", "frank"]).code == 0)
        try daemon.playThrough(station: "eclectic", user: "frank", count: 3)

        let human = ctl.run(["log", "eclectic"])
        #expect(human.code == 0, "\(human.err)")
        #expect(human.out.hasPrefix("SEQ"))
        #expect(human.out.split(separator: "\n").count == 4, "a header and three plays")

        let json = ctl.run(["log", "eclectic", "--json", "--limit", "2"])
        let entries = try json.out.split(separator: "\n").map {
            try APIJSON.decoder().decode(PlayLogEntry.self, from: Data($0.utf8))
        }
        #expect(entries.count == 2)
        let direct = try daemon.request("GET", "/stations/eclectic/log?limit=2").text.split(separator: "\n").map {
            try APIJSON.decoder().decode(PlayLogEntry.self, from: Data($0.utf8))
        }
        #expect(entries == direct)

        let after = ctl.run(["log", "eclectic", "--json", "--after", "\(entries[1].seq)"])
        #expect(after.out.split(separator: "\n").count == 1)
        #expect(ctl.run(["log", "eclectic", "--user", "nobody"]).out.split(separator: "\n").count == 1, "only the header")
        #expect(ctl.run(["log", "eclectic", "--since", "yesterday"]).code == 2)
    }

    @Test func followLineIsReadable() {
        let entry = PlayLogEntry(seq: 7, stationID: "eclectic", userID: "alice", trackID: "ec-0003", title: "So What",
                                 artist: "Miles Davis", genre: "jazz", startedAt: Date(timeIntervalSince1970: 1_795_442_400),
                                 endedAt: Date(timeIntervalSince1970: 1_795_442_900), outcome: "played", discovery: true,
                                 score: 0.8, reasons: ["you like jazz", "matches your energy"], daypart: "afternoon")
        let line = LogCommand.followLine(entry, zone: TimeZone(identifier: "Europe/Berlin")!)
        #expect(line == "15:00:00  eclectic  alice  played   Miles Davis – So What  [discovery]  (you like jazz)")
    }

    @Test func followDeliversNewPlaysAndResumesAcrossARestartWithoutGapsOrDuplicates() throws {
        var daemon = try TestDaemon()
        let port = daemon.server.port
        let connection = daemon.connection
        let clock = daemon.clock
        let ctl = CtlRunner(url: daemon.baseURL)
        #expect(ctl.run(["listeners", "add", "eclectic", "gina"]).code == 0)
        try daemon.playThrough(station: "eclectic", user: "gina", count: 2)

        let console = Console.capturing()
        let stop = StopSignal()
        let context = CtlContext(environment: [:], console: console, timeZone: TimeZone(identifier: "UTC")!, timeout: 10, stop: stop)
        let exitCode = Mutex<Int32?>(nil)
        let url = daemon.baseURL
        let thread = Thread {
            let code = Airwavectl.main(arguments: ["log", "eclectic", "-f", "--json", "--url", url], context: context)
            exitCode.withLock { $0 = code }
        }
        thread.start()
        func seqs() -> [Int64] {
            console.out.text.split(separator: "\n").compactMap {
                try? APIJSON.decoder().decode(PlayLogEntry.self, from: Data($0.utf8)).seq
            }
        }
        #expect(eventually { seqs().count == 2 }, "the backlog arrives first")

        try daemon.playThrough(station: "eclectic", user: "gina", count: 2)
        #expect(eventually { seqs().count == 4 }, "plays written after the follow started arrive")

        // Restart: stop the HTTP server (the stream ends), play while it is down, start a new daemon on the
        // same database and port; the follower reconnects with after=<last seq>.
        daemon.server.stop()
        #expect(eventually { console.err.text.contains("reconnecting") })
        try daemon.playThrough(station: "eclectic", user: "gina", count: 1)
        daemon = try TestDaemon(connection: connection, clock: clock, port: port)
        try daemon.playThrough(station: "eclectic", user: "gina", count: 2)
        let expected = try daemon.request("GET", "/stations/eclectic/log").text.split(separator: "\n").map {
            try APIJSON.decoder().decode(PlayLogEntry.self, from: Data($0.utf8)).seq
        }
        #expect(expected.count >= 6)
        #expect(eventually(30) { seqs().count >= expected.count }, "got \(seqs()) of \(expected)")

        stop.set()
        #expect(eventually { exitCode.withLock { $0 } != nil })
        #expect(exitCode.withLock { $0 } == 0)
        #expect(seqs() == expected, "every entry exactly once, in order")
    }

    @Test func followOfAnUnknownStationFailsWithoutRetrying() throws {
        let daemon = try TestDaemon()
        let result = CtlRunner(url: daemon.baseURL).run(["log", "nope", "-f"])
        #expect(result.code == 1)
        #expect(result.err.contains("station_not_found"))
    }

    @Test func followOfAnUnreachableDaemonIsExitThree() {
        let result = CtlRunner(url: "http://127.0.0.1:9").run(["log", "eclectic", "-f"])
        #expect(result.code == 3)
        #expect(result.err.contains("http://127.0.0.1:9"))
    }
}

@Suite("log -f idle timeout", .serialized)
struct LogIdleTests {
    @Test func heartbeatsKeepAQuietStreamOpen() throws {
        let daemon = try TestDaemon() // heartbeats every 200 ms
        let console = Console.capturing()
        let stop = StopSignal()
        let context = CtlContext(environment: [:], console: console, timeout: 10, stop: stop, streamIdleTimeout: 1)
        let done = Mutex<Int32?>(nil)
        let url = daemon.baseURL
        let thread = Thread {
            let code = Airwavectl.main(arguments: ["log", "eclectic", "-f", "--url", url], context: context)
            done.withLock { $0 = code }
        }
        thread.start()
        #expect(eventually { daemon.server.openStreams == 1 })
        Thread.sleep(forTimeInterval: 3)
        stop.set()
        #expect(eventually { done.withLock { $0 } != nil })
        #expect(!console.err.text.contains("reconnecting"), "\(console.err.text)")
    }
}
