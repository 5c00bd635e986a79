import AirwaveAPI
import AirwaveDaemonTestSupport
import Foundation
import Testing
@testable import AirwaveDaemon

/// Keeps docs/openapi.json honest: the routes it lists are exactly the router's, and live answers of the
/// real daemon fit the schemas it documents.
@Suite("OpenAPI document conformance")
struct OpenAPIConformanceTests {
    let document: OpenAPIDocument

    init() throws { document = try OpenAPIDocument.load() }

    // MARK: The document itself

    @Test("the documented operations are exactly the router's routes")
    func routesMatch() throws {
        let daemon = try TestDaemon()
        let routed = Set(ControlAPI(services: daemon.services).makeRouter().registeredRoutes.map { "\($0.method.rawValue) \($0.pattern)" })
        let documented = document.operations
        #expect(routed.subtracting(documented).sorted() == [], "routes missing from docs/openapi.json")
        #expect(documented.subtracting(routed).sorted() == [], "documented operations the router does not have")
    }

    @Test("every $ref resolves and every operation documents its auth answer")
    func documentIsConsistent() throws {
        let unresolved = Set(document.references.filter { document.checker.resolve($0) == nil })
        #expect(unresolved.sorted() == [])
        #expect(document.root["openapi"]?.stringValue?.hasPrefix("3.1") == true)
        for operation in document.operations.sorted() {
            let parts = operation.split(separator: " ", maxSplits: 1).map(String.init)
            let statuses = document.statuses(parts[0], parts[1])
            let open = parts[1] == "/health" || parts[1] == "/metrics"
            #expect(statuses.contains("401") != open, "\(operation): 401 documented exactly on token-protected routes")
            #expect(statuses.contains { $0.hasPrefix("2") }, "\(operation): no success response")
            let security = document.operation(parts[0], parts[1])?["security"]
            #expect((security == .array([])) == open, "\(operation): only /health and /metrics override security to none")
        }
    }

    @Test("the checker catches a renamed, a missing and a mistyped field")
    func checkerCatchesDrift() throws {
        let checker = document.checker
        let schema = JSONValue.object(["$ref": .string("#/components/schemas/StatusView")])
        let good = try JSONValue.parse(try APIJSON.encoder().encode(
            StatusView(version: "0.1.0", uptimeSeconds: 1.5, listeners: 2, stations: [.init(id: "a", name: "A", listeners: 2, tracks: 9)])))
        #expect(checker.violations(of: good, against: schema) == [])

        guard case .object(var renamed) = good else { Issue.record("not an object"); return }
        renamed["uptime"] = renamed.removeValue(forKey: "uptime_seconds")
        let problems = checker.violations(of: .object(renamed), against: schema)
        #expect(problems.contains { $0.contains("missing required property 'uptime_seconds'") }, "\(problems)")
        #expect(problems.contains { $0.contains("unexpected property 'uptime'") }, "\(problems)")

        let mistyped = try JSONValue.parse(Data(#"{"version":"0.1.0","uptime_seconds":1,"listeners":true,"stations":[{"id":"a b","name":"A","listeners":1.5,"tracks":0}]}"#.utf8))
        let typeProblems = checker.violations(of: mistyped, against: schema)
        #expect(typeProblems.contains { $0.hasPrefix("$.listeners:") }, "\(typeProblems)")
        #expect(typeProblems.contains { $0.hasPrefix("$.stations[0].listeners:") }, "\(typeProblems)")
        #expect(typeProblems.contains { $0.hasPrefix("$.stations[0].id:") }, "a pattern violation: \(typeProblems)")

        let nullable = JSONValue.object(["type": .array([.string("string"), .string("null")])])
        #expect(checker.violations(of: .null, against: nullable) == [])
        #expect(checker.violations(of: .number(1), against: nullable).count == 1)
    }

    // MARK: Live answers

    @Test("live answers of the real daemon fit the documented schemas")
    func liveResponsesConform() throws {
        let daemon = try TestDaemon()
        try expectConforms(try daemon.request("GET", "/health"), "GET", "/health")
        try expectConforms(try daemon.request("GET", "/status"), "GET", "/status")
        try expectConforms(try daemon.request("GET", "/stations"), "GET", "/stations")
        try expectConforms(try daemon.request("GET", "/stations/eclectic"), "GET", "/stations/{id}")

        let join = try daemon.join("eclectic", "ana", preferences: ["genres": ["jazz": 0.9], "discovery_factor": 0.2])
        #expect(join.status == 201)
        try expectConforms(join, "POST", "/stations/{id}/listeners")
        try expectConforms(try daemon.join("eclectic", "ana"), "POST", "/stations/{id}/listeners")
        try expectConforms(try daemon.join("jazz-lounge", "bob"), "POST", "/stations/{id}/listeners")
        try daemon.advance(by: 30)
        try expectConforms(try daemon.request("GET", "/stations/eclectic/listeners"), "GET", "/stations/{id}/listeners")

        let queue = try daemon.request("GET", "/stations/eclectic/listeners/ana/queue")
        try expectConforms(queue, "GET", "/stations/{id}/listeners/{user_id}/queue")
        try expectConforms(try daemon.request("POST", "/stations/eclectic/listeners/ana/queue/refresh"),
                           "POST", "/stations/{id}/listeners/{user_id}/queue/refresh")
        try expectConforms(try daemon.request("GET", "/stations/eclectic/listeners/ana/recommendations?size=12&discovery=0.5&at=2026-11-23T21:00:00Z"),
                           "GET", "/stations/{id}/listeners/{user_id}/recommendations")

        let playing = try #require(try queue.json(QueueView.self).nowPlaying).track.track
        let like = try daemon.send("POST", "/stations/eclectic/listeners/ana/interactions", json: ["track_id": playing.trackID, "type": "like"])
        #expect(like.status == 201)
        try expectConforms(like, "POST", "/stations/{id}/listeners/{user_id}/interactions")
        try expectConforms(try daemon.send("POST", "/stations/eclectic/listeners/ana/interactions",
                                           json: ["track_id": playing.trackID, "type": "rate", "rating": 0.75]),
                           "POST", "/stations/{id}/listeners/{user_id}/interactions")
        try expectConforms(try daemon.request("GET", "/profiles/ana"), "GET", "/profiles/{user_id}")
        try expectConforms(try daemon.request("GET", "/profiles/ana/analytics"), "GET", "/profiles/{user_id}/analytics")

        // A paused listener's queue has no now_playing; resume brings it back.
        #expect(try daemon.request("POST", "/stations/jazz-lounge/listeners/bob/pause").status == 204)
        try expectConforms(try daemon.request("GET", "/stations/jazz-lounge/listeners"), "GET", "/stations/{id}/listeners")
        try expectConforms(try daemon.request("POST", "/stations/jazz-lounge/listeners/bob/resume"),
                           "POST", "/stations/{id}/listeners/{user_id}/resume")
    }

    @Test("created stations, track batches and the playlist log fit the documented schemas")
    func writesAndLogConform() throws {
        let daemon = try TestDaemon()
        let tracks: [[String: Any]] = (0..<6).map { i in
            ["track_id": "ow-\(i)", "title": "Nocturne \(i)", "artist": "Artist \(i % 3)", "genre": "jazz", "mood": "calm",
             "energy": 0.3, "tempo": "slow", "duration": 180, "album": "Night", "year": 1999, "key": "8A", "bpm": 70.5, "uri": "file:///n\(i).flac"]
        }
        let created = try daemon.send("POST", "/stations", json: ["id": "owl", "name": "Owl", "timezone": "Asia/Tokyo",
                                                                  "weights": ["genre": 0.5, "artist": 0.05], "tracks": tracks])
        #expect(created.status == 201, "\(created.text)")
        try expectConforms(created, "POST", "/stations")
        let batch = try daemon.send("POST", "/stations/owl/tracks", json: ["tracks": [tracks[0]]])
        try expectConforms(batch, "POST", "/stations/{id}/tracks")
        try expectConforms(try daemon.join("owl", "ana"), "POST", "/stations/{id}/listeners")
        try expectConforms(try daemon.request("GET", "/stations/owl/listeners/ana/queue"), "GET", "/stations/{id}/listeners/{user_id}/queue")

        try daemon.playThrough(station: "owl", user: "ana", count: 3)
        let log = try daemon.request("GET", "/stations/owl/log")
        #expect(log.status == 200)
        #expect(log.headers["content-type"] == "application/x-ndjson")
        let schema = try #require(document.responseSchema("GET", "/stations/{id}/log", status: 200, contentType: "application/x-ndjson"))
        let lines = log.text.split(separator: "\n")
        #expect(lines.count == 3)
        for line in lines {
            let problems = document.checker.violations(of: try JSONValue.parse(Data(line.utf8)), against: schema)
            #expect(problems == [], "log line: \(problems)")
        }
    }

    @Test("error answers fit the documented error schema and statuses")
    func errorsConform() throws {
        let daemon = try TestDaemon(token: "s3cret")
        let auth = ["Authorization": "Bearer s3cret"]
        let unauthorized = try daemon.request("GET", "/status")
        #expect(unauthorized.status == 401)
        try expectConforms(unauthorized, "GET", "/status")
        try expectConforms(try daemon.request("GET", "/health"), "GET", "/health")

        try expectConforms(try daemon.request("GET", "/stations/nope", headers: auth), "GET", "/stations/{id}", expectedStatus: 404)
        try expectConforms(try daemon.request("GET", "/stations/bad%20id", headers: auth), "GET", "/stations/{id}", expectedStatus: 400)
        try expectConforms(try daemon.request("DELETE", "/stations/eclectic", headers: auth), "DELETE", "/stations/{id}", expectedStatus: 409)
        try expectConforms(try daemon.send("POST", "/stations/eclectic/listeners", json: ["user_id": "ana", "extra": 1], headers: auth),
                           "POST", "/stations/{id}/listeners", expectedStatus: 400)
        try expectConforms(try daemon.request("GET", "/stations/eclectic/listeners/ghost/queue", headers: auth),
                           "GET", "/stations/{id}/listeners/{user_id}/queue", expectedStatus: 404)
        try expectConforms(try daemon.request("GET", "/stations/eclectic/log?after=-1", headers: auth),
                           "GET", "/stations/{id}/log", expectedStatus: 400)
        try expectConforms(try daemon.request("GET", "/profiles/nobody", headers: auth), "GET", "/profiles/{user_id}", expectedStatus: 404)
        try expectConforms(try daemon.send("POST", "/stations", json: ["id": "eclectic"], headers: auth), "POST", "/stations", expectedStatus: 409)

        // 405 and 404 happen outside any operation: check them against the shared components.
        let wrongMethod = try daemon.request("PUT", "/stations", headers: auth)
        #expect(wrongMethod.status == 405)
        #expect(wrongMethod.headers["allow"] == "GET, HEAD, POST")
        let errorSchema = JSONValue.object(["$ref": .string("#/components/schemas/Error")])
        #expect(document.checker.violations(of: try JSONValue.parse(wrongMethod.body), against: errorSchema) == [])
        #expect(document.root["components"]?["responses"]?["MethodNotAllowed"] != nil)
        let unknown = try daemon.request("GET", "/nowhere", headers: auth)
        #expect(unknown.status == 404)
        #expect(document.checker.violations(of: try JSONValue.parse(unknown.body), against: errorSchema) == [])
    }

    // MARK: Helpers

    /// Checks that `reply`'s status is documented for the operation and its JSON body fits the documented schema.
    private func expectConforms(_ reply: TestDaemon.Reply, _ method: String, _ template: String, expectedStatus: Int? = nil,
                                sourceLocation: SourceLocation = #_sourceLocation) throws {
        if let expectedStatus {
            #expect(reply.status == expectedStatus, "\(method) \(template): \(reply.text)", sourceLocation: sourceLocation)
        }
        let operation = "\(method) \(template) → \(reply.status)"
        #expect(document.statuses(method, template).contains("\(reply.status)"), "\(operation) is not documented",
                sourceLocation: sourceLocation)
        guard let schema = document.responseSchema(method, template, status: reply.status) else {
            Issue.record("\(operation): no application/json schema documented", sourceLocation: sourceLocation)
            return
        }
        #expect(reply.headers["content-type"] == "application/json", "\(operation)", sourceLocation: sourceLocation)
        let problems = document.checker.violations(of: try JSONValue.parse(reply.body), against: schema)
        #expect(problems == [], "\(operation): \(reply.text.prefix(400))", sourceLocation: sourceLocation)
    }
}
