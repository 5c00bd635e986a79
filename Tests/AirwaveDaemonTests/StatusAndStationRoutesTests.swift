import AirwaveDaemonTestSupport
import AirwaveAPI
import AirwaveCore
import Foundation
import Testing
@testable import AirwaveDaemon

@Suite("Status and station routes")
struct StatusAndStationRoutesTests {
    let daemon: TestDaemon

    init() throws { daemon = try TestDaemon() }

    nonisolated(unsafe) static let newStation: [String: Any] = [
        "id": "night-owl", "name": "Night Owl", "timezone": "Asia/Tokyo", "queue_size": 4,
        "tracks": (0..<12).map { i in
            ["track_id": "no-\(i)", "title": "Nocturne \(i)", "artist": "Artist \(i % 4)", "genre": i % 2 == 0 ? "jazz" : "ambient",
             "mood": "calm", "energy": 0.2 + Double(i) / 100, "tempo": "slow", "duration": 200] as [String: Any]
        },
    ]

    @Test("health, status and metrics answer")
    func statusRoutes() throws {
        let health = try daemon.request("GET", "/health")
        #expect(health.status == 200)
        #expect(try health.json(HealthView.self) == HealthView(status: "ok", database: "ok"))

        let status = try daemon.request("GET", "/status").json(StatusView.self)
        #expect(status.version == AirwaveVersion.current)
        #expect(status.stations.map(\.id) == ["classical-electronic", "eclectic", "indie-rock", "jazz-lounge"])
        #expect(status.stations.first { $0.id == "eclectic" }?.tracks == 250)
        #expect(status.listeners == 0)

        try daemon.join("eclectic", "ana")
        let metrics = try daemon.request("GET", "/metrics")
        #expect(metrics.status == 200)
        #expect(metrics.headers["content-type"]?.hasPrefix("text/plain") == true)
        #expect(metrics.text.contains("airwave_listeners{station=\"eclectic\"} 1"))
        #expect(metrics.text.contains("airwave_http_requests_total{route=\"/stations/{id}/listeners\",method=\"POST\",status=\"201\"} 1"))
    }

    @Test("stations are listed and shown; unknown ones are 404")
    func listAndShow() throws {
        let list = try daemon.request("GET", "/stations").json(StationList.self)
        #expect(list.stations.count == 4)
        let eclectic = try daemon.request("GET", "/stations/eclectic").json(StationView.self)
        #expect(eclectic.settings.timezone == "Europe/Berlin")
        #expect(eclectic.source == "file")
        #expect(eclectic.trackCount == 250)
        let missing = try daemon.request("GET", "/stations/nope")
        #expect(missing.status == 404)
        #expect(missing.errorCode == "station_not_found")
        #expect(try daemon.request("GET", "/stations/bad%20id").status == 400)
    }

    @Test("a station created over HTTP is committed, listed, and refuses duplicates")
    func createStation() throws {
        let created = try daemon.send("POST", "/stations", json: Self.newStation)
        #expect(created.status == 201, "\(created.text)")
        let view = try created.json(StationView.self)
        #expect(view.trackCount == 12)
        #expect(view.source == "api")
        // Committed before the reply.
        #expect(try daemon.store.loadTracks(stationID: "night-owl").count == 12)
        #expect(try daemon.store.loadStations().contains { $0.id == "night-owl" })

        let again = try daemon.send("POST", "/stations", json: Self.newStation)
        #expect(again.status == 409)
        var fileStation = Self.newStation
        fileStation["id"] = "eclectic"
        #expect(try daemon.send("POST", "/stations", json: fileStation).status == 409)

        #expect(try daemon.request("DELETE", "/stations/night-owl").status == 204)
        #expect(try daemon.request("GET", "/stations/night-owl").status == 404)
        #expect(try daemon.request("DELETE", "/stations/eclectic").status == 409, "file stations are removed by removing the file")
    }

    @Test("bad station bodies get a 400 that names the field")
    func badStationBodies() throws {
        var body = Self.newStation
        body["context_weight"] = 1.5
        let outOfRange = try daemon.send("POST", "/stations", json: body)
        #expect(outOfRange.status == 400)
        #expect(outOfRange.errorMessage.contains("context_weight"))

        body = Self.newStation
        body["colour"] = "blue"
        let unknown = try daemon.send("POST", "/stations", json: body)
        #expect(unknown.status == 400)
        #expect(unknown.errorCode == "unknown_field")
        #expect(unknown.errorMessage.contains("colour"))

        body = Self.newStation
        body["timezone"] = "Mars/Olympus"
        let zone = try daemon.send("POST", "/stations", json: body)
        #expect(zone.status == 400)
        #expect(zone.errorMessage.contains("timezone"))

        body = Self.newStation
        var tracks = body["tracks"] as! [[String: Any]]
        tracks[3]["energy"] = 7
        body["tracks"] = tracks
        let energy = try daemon.send("POST", "/stations", json: body)
        #expect(energy.status == 400)
        #expect(energy.errorMessage.contains("energy"))

        let notJSON = try daemon.request("POST", "/stations", body: Data("{not json".utf8))
        #expect(notJSON.status == 400)
        #expect(notJSON.errorCode == "invalid_json")
        #expect(try daemon.request("PUT", "/stations").status == 405)
        #expect(try daemon.request("GET", "/no/such/route").status == 404)
    }

    @Test("tracks are added and replaced by id, and removed")
    func tracks() throws {
        let batch: [String: Any] = ["tracks": [
            ["track_id": "ec-0001", "title": "Replaced", "artist": "Someone", "genre": "jazz", "mood": "calm",
             "energy": 0.3, "tempo": "slow", "duration": 100],
            ["track_id": "ec-new-1", "title": "Brand New", "artist": "Someone", "genre": "jazz", "mood": "calm",
             "energy": 0.3, "tempo": "slow", "duration": 100],
        ]]
        let reply = try daemon.send("POST", "/stations/eclectic/tracks", json: batch)
        #expect(reply.status == 200, "\(reply.text)")
        #expect(try reply.json(TrackUpsertResult.self) == TrackUpsertResult(added: 1, replaced: 1, total: 251))
        #expect(try daemon.store.loadTracks(stationID: "eclectic").contains { $0.trackID == "ec-new-1" })

        #expect(try daemon.request("DELETE", "/stations/eclectic/tracks/ec-new-1").status == 204)
        #expect(try daemon.request("DELETE", "/stations/eclectic/tracks/ec-new-1").status == 404)
        #expect(try daemon.request("GET", "/stations/eclectic").json(StationView.self).trackCount == 250)
        #expect(try daemon.send("POST", "/stations/eclectic/tracks", json: ["tracks": []]).status == 400)
    }
}
