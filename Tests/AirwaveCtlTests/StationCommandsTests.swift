import AirwaveDaemonTestSupport
import AirwaveAPI
import AirwaveCore
import Foundation
import Testing

@Suite("status, stations and tracks against a real daemon", .serialized)
struct StationCommandsTests {
    @Test func statusPrintsStationsAndExitsZero() throws {
        let daemon = try TestDaemon()
        let ctl = CtlRunner(url: daemon.baseURL)
        let result = ctl.run(["status"])
        #expect(result.code == 0)
        #expect(result.err.isEmpty)
        #expect(result.out.contains("airwaved \(AirwaveVersion.current)"))
        for id in ["eclectic", "jazz-lounge", "indie-rock", "classical-electronic"] {
            #expect(result.out.contains(id), "status lists \(id)")
        }
    }

    @Test func statusJSONRoundTrips() throws {
        let daemon = try TestDaemon()
        let result = CtlRunner(url: daemon.baseURL).run(["--json", "status"])
        #expect(result.code == 0)
        let decoded = try APIJSON.decoder().decode(StatusView.self, from: Data(result.out.utf8))
        let direct = try daemon.request("GET", "/status").json(StatusView.self)
        #expect(decoded.stations == direct.stations)
        #expect(decoded.version == direct.version)
        // Decoding and encoding again gives the same text: nothing is lost or reformatted.
        let again = String(decoding: try APIJSON.encoder(pretty: true).encode(decoded), as: UTF8.self)
        #expect(again + "\n" == result.out)
    }

    @Test func stationsListAndShow() throws {
        let daemon = try TestDaemon()
        let ctl = CtlRunner(url: daemon.baseURL)
        let list = ctl.run(["stations", "list"])
        #expect(list.code == 0)
        let lines = list.out.split(separator: "\n")
        #expect(lines.first?.hasPrefix("ID") == true)
        #expect(lines.count == 5, "a header and four demo stations")
        // Columns line up: every row has TRACKS right-aligned under its header's end.
        let header = String(lines[0])
        let tracksEnd = header.range(of: "TRACKS")!.upperBound.utf16Offset(in: header)
        for row in lines.dropFirst() {
            let text = String(row)
            let index = text.index(text.startIndex, offsetBy: tracksEnd - 1)
            #expect(text[index].isNumber, "row '\(text)' has a digit at the end of the TRACKS column")
        }

        let show = ctl.run(["stations", "show", "eclectic"])
        #expect(show.code == 0)
        #expect(show.out.contains("Europe/Berlin"))
        #expect(show.out.contains("DAYPART"))

        let json = ctl.run(["stations", "show", "eclectic", "--json"])
        let view = try APIJSON.decoder().decode(StationView.self, from: Data(json.out.utf8))
        let direct = try daemon.request("GET", "/stations/eclectic").json(StationView.self)
        #expect(view.settings == direct.settings)
        #expect(view.trackCount == direct.trackCount)
    }

    @Test func unknownStationIsExitOneWithTheDaemonsMessage() throws {
        let daemon = try TestDaemon()
        let result = CtlRunner(url: daemon.baseURL).run(["stations", "show", "nope"])
        #expect(result.code == 1)
        #expect(result.out.isEmpty)
        #expect(result.err.contains("station_not_found"))
        #expect(result.err.contains("nope"))
    }

    @Test func unreachableDaemonIsExitThreeNamingTheURL() {
        let result = CtlRunner(url: "http://127.0.0.1:9").run(["stations", "list"])
        #expect(result.code == 3)
        #expect(result.err.contains("http://127.0.0.1:9"))
    }

    @Test func usageErrorsAreExitTwo() {
        let ctl = CtlRunner(url: "http://127.0.0.1:9")
        #expect(ctl.run(["stations", "frobnicate"]).code == 2)
        #expect(ctl.run(["feedback", "s", "u", "t", "rate"]).code == 2, "rate without --rating")
        #expect(ctl.run(["listeners", "add", "s", "u", "--genres", "jazz"]).code == 2, "a weight without a value")
        #expect(ctl.run(["recommend", "s", "u", "--at", "2026-11-23T18:30:00"]).code == 2, "a bare local time")
    }

    @Test func stationsAddRefusesBadRowsThenUploadsGoodOnesWhenAsked() throws {
        let daemon = try TestDaemon()
        let ctl = CtlRunner(url: daemon.baseURL)
        let dir = NSTemporaryDirectory() + "ctl-test-\(UInt32.random(in: 0...UInt32.max))"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let csv = """
            track_id,title,artist,genre,mood,energy,tempo,duration
            t1,One,Ann,jazz,mellow,0.4,slow,200
            t2,Two,Bob,jazz,mellow,1.7,slow,200
            t3,Three,Cy,soul,upbeat,0.6,medium,180
            t4,Four,Di,funk,groovy,0.7,fast,240
            t5,Five,Ed,blues,mellow,0.3,slow,300

            """
        try csv.write(toFile: dir + "/late.csv", atomically: true, encoding: .utf8)
        try #"{"id": "late-night", "name": "Late Night", "timezone": "UTC", "catalog": "late.csv"}"#
            .write(toFile: dir + "/late.json", atomically: true, encoding: .utf8)

        let refused = ctl.run(["stations", "add", dir + "/late.json"])
        #expect(refused.code == 1)
        #expect(refused.err.contains("late.csv:3:"), "the bad row is reported as file:line")
        #expect(try daemon.request("GET", "/stations/late-night").status == 404, "nothing was created")

        let added = ctl.run(["stations", "add", dir + "/late.json", "--skip-bad-rows", "--batch-size", "2"])
        #expect(added.code == 0, "\(added.err)")
        #expect(added.out.contains("with 4 tracks"))
        #expect(added.err.contains("uploaded 4/4 tracks"), "progress lines on a non-terminal stderr")
        let view = try daemon.request("GET", "/stations/late-night").json(StationView.self)
        #expect(view.trackCount == 4)
        #expect(view.source == "api")

        let removed = ctl.run(["stations", "remove", "late-night"])
        #expect(removed.code == 0)
        #expect(try daemon.request("GET", "/stations/late-night").status == 404)
        #expect(ctl.run(["stations", "remove", "eclectic"]).code == 1, "file stations cannot be removed over HTTP")
    }

    @Test func tracksAddUploadsInBatches() throws {
        let daemon = try TestDaemon()
        let ctl = CtlRunner(url: daemon.baseURL)
        let before = try daemon.request("GET", "/stations/jazz-lounge").json(StationView.self).trackCount
        let path = NSTemporaryDirectory() + "ctl-tracks-\(UInt32.random(in: 0...UInt32.max)).csv"
        defer { try? FileManager.default.removeItem(atPath: path) }
        var csv = "track_id,title,artist,genre,mood,energy,tempo,duration\n"
        for i in 0..<7 { csv += "new-\(i),Song \(i),Artist \(i % 3),jazz,mellow,0.5,medium,200\n" }
        try csv.write(toFile: path, atomically: true, encoding: .utf8)

        let result = ctl.run(["tracks", "add", "jazz-lounge", path, "--batch-size", "3", "--json"])
        #expect(result.code == 0, "\(result.err)")
        let summary = try APIJSON.decoder().decode(TrackUpsertResult.self, from: Data(result.out.utf8))
        #expect(summary == TrackUpsertResult(added: 7, replaced: 0, total: before + 7))
        #expect(result.err.split(separator: "\n").filter { $0.hasPrefix("uploaded") }.count == 3, "one line per batch")

        var terminal = ctl
        terminal.terminal = true
        let again = terminal.run(["tracks", "add", "jazz-lounge", path, "--batch-size", "5"])
        #expect(again.code == 0)
        #expect(again.out.contains("0 added, 7 replaced"))
        #expect(again.err.hasPrefix("\r[#####"), "a redrawn bar on a terminal")
        #expect(again.err.hasSuffix("100% 7/7 tracks\n"))

        let single = ctl.run(["tracks", "add", "jazz-lounge", path])
        #expect(single.err.isEmpty, "one batch: no progress output")
    }
}
