import AirwaveDaemonTestSupport
import AirwaveAPI
import Foundation
import Testing
@testable import AirwaveDaemon

@Suite("The playlist log: JSON Lines, resume by seq, following")
struct LogRoutesTests {
    let daemon: TestDaemon

    init() throws { daemon = try TestDaemon() }

    func entries(_ text: String) throws -> [PlayLogEntry] {
        try text.split(separator: "\n").filter { !$0.isEmpty && $0 != " " }.map {
            try APIJSON.decoder().decode(PlayLogEntry.self, from: Data($0.utf8))
        }
    }

    @Test("plays are logged in order with gap-free seqs, filtered by user and resumed with after=")
    func logAndResume() throws {
        try daemon.join("eclectic", "ana")
        try daemon.join("eclectic", "ben")
        try daemon.playThrough(station: "eclectic", user: "ana", count: 4)
        try daemon.playThrough(station: "eclectic", user: "ben", count: 2)

        let reply = try daemon.request("GET", "/stations/eclectic/log")
        #expect(reply.status == 200)
        #expect(reply.headers["content-type"] == "application/x-ndjson")
        let all = try entries(reply.text)
        #expect(all.count >= 6)
        #expect(all.map(\.seq) == Array(1...Int64(all.count)), "seqs start at 1 and have no gaps")
        #expect(all.allSatisfy { $0.outcome == "played" && !$0.reasons.isEmpty && !$0.daypart.isEmpty })

        let ana = try entries(try daemon.request("GET", "/stations/eclectic/log?user=ana").text)
        #expect(ana.allSatisfy { $0.userID == "ana" })
        #expect(ana.count == all.filter { $0.userID == "ana" }.count)

        let tail = try entries(try daemon.request("GET", "/stations/eclectic/log?after=\(all[2].seq)&limit=2").text)
        #expect(tail.map(\.seq) == [all[3].seq, all[4].seq])

        // The same entries went to the station's JSON Lines file, for tail -f.
        let file = try String(contentsOfFile: daemon.logDir + "/eclectic.jsonl", encoding: .utf8)
        #expect(try entries(file).map(\.seq) == all.map(\.seq))

        for bad in ["after=-1", "limit=0", "limit=1001", "since=noon", "user=a%20b", "follow=maybe"] {
            #expect(try daemon.request("GET", "/stations/eclectic/log?\(bad)").status == 400, "\(bad)")
        }
        #expect(try daemon.request("GET", "/stations/nope/log").status == 404)
    }

    @Test("following delivers the backlog after a seq and then entries written after the client connected")
    func follow() throws {
        try daemon.join("eclectic", "ana")
        try daemon.playThrough(station: "eclectic", user: "ana", count: 2)
        let client = try RawHTTPClient(port: daemon.server.port)
        client.send("GET /stations/eclectic/log?follow=true&after=1 HTTP/1.1\r\nHost: x\r\n\r\n")
        #expect(client.read(timeout: 10) { $0.contains("\"seq\":2") })
        #expect(!client.text.contains("\"seq\":1,"), "after=1 skips seq 1")
        try daemon.playThrough(station: "eclectic", user: "ana", count: 2)
        #expect(client.read(timeout: 10) { $0.contains("\"seq\":4") }, "\(client.text)")
        let body = client.text
        #expect(body.range(of: "\"seq\":3")!.lowerBound < body.range(of: "\"seq\":4")!.lowerBound)
        #expect(body.components(separatedBy: "\"seq\":3").count == 2, "each entry once")
    }

    @Test("Server-Sent Events carry the seq as the event id and resume from Last-Event-ID")
    func serverSentEvents() throws {
        try daemon.join("eclectic", "ana")
        try daemon.playThrough(station: "eclectic", user: "ana", count: 3)
        let client = try RawHTTPClient(port: daemon.server.port)
        client.send("GET /stations/eclectic/log?follow=true HTTP/1.1\r\nHost: x\r\nAccept: text/event-stream\r\nLast-Event-ID: 2\r\n\r\n")
        #expect(client.read(timeout: 10) { $0.contains("id: 3\n") })
        #expect(client.text.contains("text/event-stream"))
        #expect(!client.text.contains("id: 2\n"))
        #expect(client.text.contains("event: play\ndata: {"))
    }
}
