import AirwaveDaemonTestSupport
import AirwaveAPI
import Foundation
import Testing

@Suite("the built airwavectl binary as a subprocess", .serialized)
struct BinaryTests {
    @Test func exitCodesZeroOneTwoThree() throws {
        guard CtlBinary.path != nil else {
            Issue.record("airwavectl binary not found next to the test bundle; build it with swift build --build-tests")
            return
        }
        let daemon = try TestDaemon()
        let ok = try CtlBinary.run(["status"], environment: ["AIRWAVE_URL": daemon.baseURL])
        #expect(ok.code == 0, "\(ok.err)")
        #expect(ok.out.contains("eclectic"))

        let json = try CtlBinary.run(["--url", daemon.baseURL, "--json", "stations", "list"])
        #expect(json.code == 0)
        let list = try APIJSON.decoder().decode(StationList.self, from: Data(json.out.utf8))
        #expect(list.stations.count == 4)

        let missing = try CtlBinary.run(["stations", "show", "nope", "--url", daemon.baseURL])
        #expect(missing.code == 1)
        #expect(missing.out.isEmpty)
        #expect(missing.err.contains("station_not_found"))

        let usage = try CtlBinary.run(["queue"])
        #expect(usage.code == 2)
        #expect(usage.err.contains("Usage"))

        let down = try CtlBinary.run(["status"], environment: ["AIRWAVE_URL": "http://127.0.0.1:9"])
        #expect(down.code == 3)
        #expect(down.err.contains("cannot reach the daemon at http://127.0.0.1:9"))
    }

    @Test func followStopsCleanlyOnSIGINT() throws {
        guard let path = CtlBinary.path else {
            Issue.record("airwavectl binary not found next to the test bundle")
            return
        }
        let daemon = try TestDaemon()
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = ["log", "eclectic", "-f", "--url", daemon.baseURL]
        let err = Pipe()
        process.standardError = err
        process.standardOutput = Pipe()
        try process.run()
        // Wait until the daemon holds the stream open, then interrupt.
        #expect(eventually { daemon.server.openStreams == 1 })
        process.interrupt()
        process.waitUntilExit()
        #expect(process.terminationReason == .exit)
        #expect(process.terminationStatus == 0)
        #expect(eventually { daemon.server.openStreams == 0 }, "the connection was closed")
    }
}
