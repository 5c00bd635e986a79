import AirwaveAPI
import AirwaveCore
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
            // POST /login checks the token in its form itself: no security scheme, but a 401 for a wrong token.
            let checksItself = parts[1] == "/login"
            #expect(statuses.contains("401") != open, "\(operation): 401 documented exactly on token-checked routes")
            #expect(statuses.contains { $0.hasPrefix("2") || $0.hasPrefix("3") }, "\(operation): no success response")
            let security = document.operation(parts[0], parts[1])?["security"]
            #expect((security == .array([])) == (open || checksItself),
                    "\(operation): only /health, /metrics and /login override security to none")
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

    @Test("docs/api.md's error-code table lists every code the server can answer")
    func errorCodeTableIsComplete() throws {
        let root = OpenAPIDocument.url.deletingLastPathComponent().deletingLastPathComponent()
        let table = try String(contentsOf: root.appendingPathComponent("docs/api.md"), encoding: .utf8)
            .components(separatedBy: "## Error codes").last ?? ""
        let documented = Set(table.split(separator: "\n").compactMap { line -> String? in
            guard line.hasPrefix("| `") else { return nil }
            return line.dropFirst(3).split(separator: "`").first.map(String.init)
        })
        // `code: "x"` and defaults `code: String = "x"` outside comments; HTTPServerError codes are start-up failures, never answers.
        let pattern = try NSRegularExpression(pattern: #"code: (?:String = )?"([a-z_]+)""#)
        var answered = Set<String>()
        let files = FileManager.default.enumerator(at: root.appendingPathComponent("Sources"), includingPropertiesForKeys: nil)
        while let file = files?.nextObject() as? URL {
            guard file.pathExtension == "swift" else { continue }
            for line in try String(contentsOf: file, encoding: .utf8).split(separator: "\n") where !line.contains("HTTPServerError")
                && !line.trimmingCharacters(in: .whitespaces).hasPrefix("//") {
                let text = String(line)
                for match in pattern.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
                    answered.insert((text as NSString).substring(with: match.range(at: 1)))
                }
            }
        }
        #expect(answered.count >= 20, "the scan found the codes: \(answered.sorted())")
        #expect(answered.subtracting(documented).sorted() == [], "codes missing from the table in docs/api.md")
    }

    @Test("docs/api.md's routes-at-a-glance table lists exactly the documented operations")
    func routeTableMatches() throws {
        let root = OpenAPIDocument.url.deletingLastPathComponent().deletingLastPathComponent()
        let text = try String(contentsOf: root.appendingPathComponent("docs/api.md"), encoding: .utf8)
        let section = text.components(separatedBy: "## Routes at a glance").last?.components(separatedBy: "\n## ").first ?? ""
        // Rows look like "| GET | `/stations/{id}` | 200 | Show a station |".
        let listed = Set(section.split(separator: "\n").compactMap { line -> String? in
            let cells = line.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
            guard cells.count >= 2, OpenAPIDocument.methods.contains(cells[0].lowercased()), cells[1].hasPrefix("`") else { return nil }
            return "\(cells[0]) \(cells[1].trimmingCharacters(in: CharacterSet(charactersIn: "`")))"
        })
        #expect(document.operations.subtracting(listed).sorted() == [], "operations missing from the table in docs/api.md")
        #expect(listed.subtracting(document.operations).sorted() == [], "rows in docs/api.md that docs/openapi.json does not have")
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

    @Test("overrides, redactions, reset, PATCH, export and erasure fit the documented schemas, both ways")
    func profileMaintenanceConforms() throws {
        let daemon = try TestDaemon()
        #expect(try daemon.join("eclectic", "ana", preferences: ["genres": ["jazz": 0.9], "energy_level": 0.4]).status == 201)
        try daemon.playThrough(station: "eclectic", user: "ana", count: 2)
        let playing = try #require(try daemon.request("GET", "/stations/eclectic/listeners/ana/queue").json(QueueView.self).nowPlaying).track.track
        let liked = try daemon.send("POST", "/stations/eclectic/listeners/ana/interactions", json: ["track_id": playing.trackID, "type": "like"])
            .json(InteractionResponse.self)
        #expect(try daemon.send("POST", "/stations/eclectic/listeners/ana/interactions",
                                json: ["track_id": playing.trackID, "type": "rate", "rating": 0.25]).status == 201)

        // Overrides: list (empty), set, list, remove one by a percent-encoded name.
        let overrides = "/profiles/ana/overrides"
        try expectConforms(try daemon.request("GET", overrides), "GET", "/profiles/{user_id}/overrides", expectedStatus: 200)
        try expectConforms(try sendChecked(daemon, "POST", overrides, "/profiles/{user_id}/overrides",
                                           ["genres": ["jazz": 0.8, "metal": -0.5], "artists": ["AC/DC": -1], "moods": NSNull()]),
                           "POST", "/profiles/{user_id}/overrides", expectedStatus: 200)
        let listed = try daemon.request("GET", overrides)
        try expectConforms(listed, "GET", "/profiles/{user_id}/overrides", expectedStatus: 200)
        #expect(try listed.json(ProfileOverrides.self).artists == ["AC/DC": -1])
        try expectEmpty(try daemon.request("DELETE", "\(overrides)/artists/AC%2FDC"), "DELETE", "/profiles/{user_id}/overrides/{kind}/{name}")
        try expectConforms(try daemon.request("DELETE", "\(overrides)/artists/AC%2FDC"), "DELETE",
                           "/profiles/{user_id}/overrides/{kind}/{name}", expectedStatus: 404)
        try expectConforms(try daemon.request("DELETE", "\(overrides)/colours/red"), "DELETE",
                           "/profiles/{user_id}/overrides/{kind}/{name}", expectedStatus: 400)
        try expectConforms(try sendRejected(daemon, "POST", overrides, "/profiles/{user_id}/overrides", ["genres": ["jazz": 1.5]]),
                           "POST", "/profiles/{user_id}/overrides", expectedStatus: 400)

        // Redactions: by ids (then undone), by range, by station; each selector the server takes fits the schema and vice versa.
        let redactions = "/profiles/ana/redactions"
        let byIDs = try sendChecked(daemon, "POST", redactions, "/profiles/{user_id}/redactions", ["interaction_ids": [liked.interactionID]])
        try expectConforms(byIDs, "POST", "/profiles/{user_id}/redactions", expectedStatus: 201)
        let first = try byIDs.json(RedactionView.self)
        #expect(first.events == 1)
        try expectConforms(try daemon.request("DELETE", "\(redactions)/\(first.redactionID)"), "DELETE",
                           "/profiles/{user_id}/redactions/{redaction_id}", expectedStatus: 200)
        try expectConforms(try daemon.request("DELETE", "\(redactions)/\(first.redactionID)"), "DELETE",
                           "/profiles/{user_id}/redactions/{redaction_id}", expectedStatus: 404)
        try expectConforms(try daemon.request("DELETE", "\(redactions)/first"), "DELETE",
                           "/profiles/{user_id}/redactions/{redaction_id}", expectedStatus: 400)
        try expectConforms(try sendChecked(daemon, "POST", redactions, "/profiles/{user_id}/redactions",
                                           ["from": "2000-01-01T00:00:00Z", "to": "2000-01-02T00:00:00+01:00", "station_id": NSNull()]),
                           "POST", "/profiles/{user_id}/redactions", expectedStatus: 201)
        try expectConforms(try sendChecked(daemon, "POST", redactions, "/profiles/{user_id}/redactions", ["station_id": "eclectic"]),
                           "POST", "/profiles/{user_id}/redactions", expectedStatus: 201)
        for rejected: [String: Any] in [[:], ["interaction_ids": [1], "station_id": "eclectic"], ["from": "2026-11-23T10:00:00Z"],
                                        ["interaction_ids": [Int]()], ["station_id": "bad id"], ["when": "now"],
                                        ["from": "2000-01-01T00:00:00Z", "to": "2000-01-02T00:00:00Z", "station_id": "eclectic"]] {
            try expectConforms(try sendRejected(daemon, "POST", redactions, "/profiles/{user_id}/redactions", rejected),
                               "POST", "/profiles/{user_id}/redactions", expectedStatus: 400)
        }

        // The export shows the redacted events, the rating, the overrides and the initial preferences.
        let exported = try daemon.request("GET", "/profiles/ana/export")
        try expectConforms(exported, "GET", "/profiles/{user_id}/export", expectedStatus: 200)
        let export = try exported.json(UserExportView.self)
        #expect(export.interactions.contains { $0.redacted } && export.interactions.contains { $0.rating != nil })
        #expect(!export.plays.isEmpty && export.stations == ["eclectic"])

        // PATCH and reset.
        let profile = "/profiles/ana"
        try expectConforms(try sendChecked(daemon, "PATCH", profile, "/profiles/{user_id}",
                                           ["energy_level": 0.3, "tempo_preference": "slow", "discovery_factor": "auto", "moods": NSNull()]),
                           "PATCH", "/profiles/{user_id}", expectedStatus: 200)
        try expectConforms(try sendChecked(daemon, "PATCH", profile, "/profiles/{user_id}", ["genres": ["soul": 0.6], "discovery_factor": 0.1]),
                           "PATCH", "/profiles/{user_id}", expectedStatus: 200)
        for rejected: [String: Any] in [["total_interactions": 3], ["energy_level": 2], ["tempo_preference": "brisk"], ["genres": ["jazz": -0.1]]] {
            try expectConforms(try sendRejected(daemon, "PATCH", profile, "/profiles/{user_id}", rejected),
                               "PATCH", "/profiles/{user_id}", expectedStatus: 400)
        }
        try expectConforms(try daemon.request("POST", "\(profile)/reset"), "POST", "/profiles/{user_id}/reset", expectedStatus: 200)
        try expectConforms(try sendChecked(daemon, "POST", "\(profile)/reset", "/profiles/{user_id}/reset", ["clear_overrides": true]),
                           "POST", "/profiles/{user_id}/reset", expectedStatus: 200)
        try expectConforms(try sendRejected(daemon, "POST", "\(profile)/reset", "/profiles/{user_id}/reset", ["clear": true]),
                           "POST", "/profiles/{user_id}/reset", expectedStatus: 400)
        #expect(try daemon.request("GET", overrides).json(ProfileOverrides.self).isEmpty)

        // Erase; afterwards every profile route is a documented 404.
        try expectEmpty(try daemon.request("DELETE", profile), "DELETE", "/profiles/{user_id}")
        try expectConforms(try daemon.request("DELETE", profile), "DELETE", "/profiles/{user_id}", expectedStatus: 404)
        try expectConforms(try daemon.request("GET", "\(profile)/export"), "GET", "/profiles/{user_id}/export", expectedStatus: 404)
        try expectConforms(try daemon.send("PATCH", profile, json: ["energy_level": 0.5]), "PATCH", "/profiles/{user_id}", expectedStatus: 404)
        try expectConforms(try daemon.request("GET", overrides), "GET", "/profiles/{user_id}/overrides", expectedStatus: 404)
        try expectConforms(try daemon.send("POST", overrides, json: ["genres": ["jazz": 1]]), "POST", "/profiles/{user_id}/overrides",
                           expectedStatus: 404)
        try expectConforms(try daemon.request("DELETE", "\(overrides)/genres/jazz"), "DELETE",
                           "/profiles/{user_id}/overrides/{kind}/{name}", expectedStatus: 404)
        try expectConforms(try daemon.send("POST", redactions, json: ["station_id": "eclectic"]), "POST", "/profiles/{user_id}/redactions",
                           expectedStatus: 404)
        try expectConforms(try daemon.request("POST", "\(profile)/reset"), "POST", "/profiles/{user_id}/reset", expectedStatus: 404)
        try expectConforms(try daemon.request("GET", "/profiles/bad%20id/export"), "GET", "/profiles/{user_id}/export", expectedStatus: 400)
    }

    @Test("every request example in the document fits its request schema")
    func requestExamplesConform() throws {
        var checked = 0
        for operation in document.operations.sorted() {
            let parts = operation.split(separator: " ", maxSplits: 1).map(String.init)
            guard let content = document.operation(parts[0], parts[1])?["requestBody"]?["content"]?["application/json"],
                  let schema = content["schema"], let example = content["example"] else { continue }
            #expect(document.checker.violations(of: example, against: schema) == [], "\(operation) request example")
            checked += 1
        }
        #expect(checked >= 8)
    }

    @Test("text-query recommendations (q=) fit the documented schemas, and only the query variant carries query")
    func textQueriesConform() throws {
        let daemon = try TestDaemon()
        try daemon.join("jazz-lounge", "ana", preferences: ["genres": ["jazz": 1.0], "moods": ["calm": 0.9], "energy_level": 0.3])
        let template = "/stations/{id}/listeners/{user_id}/recommendations"
        func ask(_ query: String) throws -> TestDaemon.Reply {
            var components = URLComponents()
            components.queryItems = [URLQueryItem(name: "q", value: query), URLQueryItem(name: "size", value: "5")]
            return try daemon.request("GET", "/stations/jazz-lounge/listeners/ana/recommendations?\(components.percentEncodedQuery!)")
        }
        for text in ["songs by Miles Davis", "calm music for studying"] {
            let reply = try ask(text)
            try expectConforms(reply, "GET", template, expectedStatus: 200)
            let schemas = document.root["components"]?["schemas"]
            let body = try JSONValue.parse(reply.body)
            #expect(document.checker.violations(of: body, against: try #require(schemas?["QueryTrackList"])) == [], "\(text)")
            #expect(document.checker.violations(of: body, against: try #require(schemas?["TrackList"])) != [],
                    "a query answer is not a plain TrackList: \(text)")
            #expect(!(try reply.json(QueryTrackList.self).tracks.isEmpty), "\(text)")
        }
        try expectConforms(try ask("asdf qwerty"), "GET", template, expectedStatus: 422)
        try expectConforms(try ask(String(repeating: "jazz ", count: 61)), "GET", template, expectedStatus: 400)
    }

    @Test("station analytics fit the documented schema, with the default window and an explicit one")
    func stationAnalyticsConform() throws {
        let daemon = try TestDaemon()
        try daemon.join("eclectic", "ana", preferences: ["genres": ["jazz": 0.9]])
        try daemon.join("eclectic", "ben")
        try daemon.playThrough(station: "eclectic", user: "ana", count: 4)
        try daemon.playThrough(station: "eclectic", user: "ben", count: 2)
        let playing = try #require(try daemon.request("GET", "/stations/eclectic/listeners/ana/queue").json(QueueView.self).nowPlaying).track.track
        #expect(try daemon.send("POST", "/stations/eclectic/listeners/ana/interactions", json: ["track_id": playing.trackID, "type": "skip"]).status == 201)
        try daemon.advance(by: 5)

        let template = "/stations/{id}/analytics"
        let recent = try daemon.request("GET", "/stations/eclectic/analytics")
        try expectConforms(recent, "GET", template, expectedStatus: 200)
        let figures = try recent.json(StationAnalytics.self)
        #expect(figures.plays >= 6 && figures.uniqueListeners == 2 && !figures.topTracks.isEmpty && !figures.playsPerHour.isEmpty,
                "the live check saw real figures: \(recent.text.prefix(300))")

        let now = daemon.services.runtime.clock.now()
        let from = APIJSON.formatTimestamp(now.addingTimeInterval(-3 * 86_400)), to = APIJSON.formatTimestamp(now.addingTimeInterval(60))
        try expectConforms(try daemon.request("GET", "/stations/jazz-lounge/analytics?from=\(from)&to=\(to)"), "GET", template, expectedStatus: 200)
        try expectConforms(try daemon.request("GET", "/stations/eclectic/analytics?from=\(to)&to=\(from)"), "GET", template, expectedStatus: 400)
        try expectConforms(try daemon.request("GET", "/stations/eclectic/analytics?from=2024-01-01T00:00:00Z&to=2026-01-01T00:00:00Z"),
                           "GET", template, expectedStatus: 400)
        try expectConforms(try daemon.request("GET", "/stations/eclectic/analytics?to=2026-11-23T10:00:00"), "GET", template, expectedStatus: 400)
        try expectConforms(try daemon.request("GET", "/stations/nope/analytics"), "GET", template, expectedStatus: 404)
    }

    @Test("weights and a background fit (insufficient data, then done with a report) fit the documented schemas")
    func weightsFitConforms() throws {
        let daemon = try TestDaemon()
        try expectConforms(try daemon.request("GET", "/stations/eclectic/weights"), "GET", "/stations/{id}/weights", expectedStatus: 200)
        try expectConforms(try daemon.request("POST", "/stations/eclectic/weights/fit"), "POST", "/stations/{id}/weights/fit", expectedStatus: 202)
        let scarce = try finishedFit(daemon, "eclectic")
        #expect(scarce.fit?.status == "insufficient_data", "a station without plays has nothing to fit")

        try daemon.join("eclectic", "ana", preferences: ["genres": ["jazz": 0.9]])
        try daemon.join("eclectic", "ben", preferences: ["genres": ["metal": 0.9], "energy_level": 0.9])
        try daemon.playThrough(station: "eclectic", user: "ana", count: 20)
        try daemon.playThrough(station: "eclectic", user: "ben", count: 20)
        try expectConforms(try daemon.send("POST", "/stations/eclectic/weights/fit", json: [String: Any]()),
                           "POST", "/stations/{id}/weights/fit", expectedStatus: 202)
        let done = try finishedFit(daemon, "eclectic")
        #expect(done.fit?.status == "done" && done.fit?.report != nil, "the live check saw a report: \(String(describing: done.fit))")

        try expectConforms(try daemon.send("POST", "/stations/eclectic/weights/fit", json: ["plays": 10]),
                           "POST", "/stations/{id}/weights/fit", expectedStatus: 400)
        try expectConforms(try daemon.request("POST", "/stations/nope/weights/fit"), "POST", "/stations/{id}/weights/fit", expectedStatus: 404)
        try expectConforms(try daemon.request("GET", "/stations/nope/weights"), "GET", "/stations/{id}/weights", expectedStatus: 404)
    }

    /// Waits for the station's background fit to leave `running` (no time is asserted), checking every answer on the way.
    private func finishedFit(_ daemon: TestDaemon, _ station: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> WeightsView {
        for _ in 0..<600 {
            let reply = try daemon.request("GET", "/stations/\(station)/weights")
            try expectConforms(reply, "GET", "/stations/{id}/weights", expectedStatus: 200, sourceLocation: sourceLocation)
            let view = try reply.json(WeightsView.self)
            if view.fit?.status != "running" { return view }
            Thread.sleep(forTimeInterval: 0.05)
        }
        Issue.record("the fit of \(station) never finished", sourceLocation: sourceLocation)
        return try daemon.request("GET", "/stations/\(station)/weights").json(WeightsView.self)
    }

    @Test("the status page and its login answer the documented statuses and content types")
    func statusPageConforms() throws {
        let open = try TestDaemon()
        try open.join("eclectic", "ana")
        try expectHTML(try open.request("GET", "/"), "GET", "/", status: 200)
        let openClient = PlainClient(base: open.baseURL)
        let straight = try openClient.send("POST", "/login", form: "")
        expectRedirect(straight, "POST", "/login", to: "/")
        #expect(straight.headers["set-cookie"] == nil, "no token configured, no cookie")

        let token = "conformance-token-0123456789"
        let daemon = try TestDaemon(token: token)
        let client = PlainClient(base: daemon.baseURL)
        try expectHTML(try client.send("GET", "/"), "GET", "/", status: 401)
        try expectHTML(try client.send("POST", "/login", form: "token=wrong"), "POST", "/login", status: 401)
        let login = try client.send("POST", "/login", form: "token=" + PlainClient.formEncode(token))
        expectRedirect(login, "POST", "/login", to: "/")
        let cookie = try #require(login.headers["set-cookie"]?.split(separator: ";").first.map(String.init))
        try expectHTML(try client.send("GET", "/", headers: ["Cookie": cookie]), "GET", "/", status: 200)
        try expectHTML(try client.send("GET", "/", headers: ["Authorization": "Bearer \(token)"]), "GET", "/", status: 200)
        try expectConforms(try client.send("GET", "/status", headers: ["Cookie": cookie]), "GET", "/status", expectedStatus: 401)
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

    /// The documented application/json request schema of an operation.
    private func requestSchema(_ method: String, _ template: String) -> JSONValue? {
        document.operation(method, template)?["requestBody"]?["content"]?["application/json"]?["schema"]
    }

    /// Sends `json` after checking that the documented request schema accepts it.
    private func sendChecked(_ daemon: TestDaemon, _ method: String, _ path: String, _ template: String, _ json: [String: Any],
                             sourceLocation: SourceLocation = #_sourceLocation) throws -> TestDaemon.Reply {
        let body = try JSONSerialization.data(withJSONObject: json)
        let schema = try #require(requestSchema(method, template), "\(method) \(template): no request schema", sourceLocation: sourceLocation)
        #expect(document.checker.violations(of: try JSONValue.parse(body), against: schema) == [],
                "\(method) \(template): the schema rejects a body the server takes", sourceLocation: sourceLocation)
        return try daemon.request(method, path, body: body)
    }

    /// Sends `json`, which the server must reject, after checking that the documented request schema rejects it too.
    private func sendRejected(_ daemon: TestDaemon, _ method: String, _ path: String, _ template: String, _ json: [String: Any],
                              sourceLocation: SourceLocation = #_sourceLocation) throws -> TestDaemon.Reply {
        let body = try JSONSerialization.data(withJSONObject: json)
        let schema = try #require(requestSchema(method, template), "\(method) \(template): no request schema", sourceLocation: sourceLocation)
        #expect(document.checker.violations(of: try JSONValue.parse(body), against: schema) != [],
                "\(method) \(template): the schema accepts \(json), which the server rejects", sourceLocation: sourceLocation)
        return try daemon.request(method, path, body: body)
    }

    /// Checks that `reply` has `status`, documented for the operation with text/html content, and is HTML.
    private func expectHTML(_ reply: TestDaemon.Reply, _ method: String, _ template: String, status: Int,
                            sourceLocation: SourceLocation = #_sourceLocation) throws {
        #expect(reply.status == status, "\(method) \(template): \(reply.text.prefix(200))", sourceLocation: sourceLocation)
        let documented = document.operation(method, template)?["responses"]?["\(status)"]?["content"]?["text/html"]
        #expect(documented != nil, "\(method) \(template) → \(status) is not documented as text/html", sourceLocation: sourceLocation)
        let mediaType = reply.headers["content-type"]?.split(separator: ";").first.map { $0.trimmingCharacters(in: .whitespaces) }
        #expect(mediaType == "text/html", "\(method) \(template) → \(status)", sourceLocation: sourceLocation)
        #expect(reply.text.lowercased().hasPrefix("<!doctype html"), "\(method) \(template) → \(status) is a page", sourceLocation: sourceLocation)
    }

    /// Checks that `reply` is a documented 303 to `location`.
    private func expectRedirect(_ reply: TestDaemon.Reply, _ method: String, _ template: String, to location: String,
                                sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(reply.status == 303, "\(method) \(template): \(reply.text.prefix(200))", sourceLocation: sourceLocation)
        #expect(document.statuses(method, template).contains("303"), "\(method) \(template) → 303 is not documented",
                sourceLocation: sourceLocation)
        #expect(reply.headers["location"] == location, sourceLocation: sourceLocation)
    }

    /// Checks that `reply` is a documented bodiless answer (204 No Content).
    private func expectEmpty(_ reply: TestDaemon.Reply, _ method: String, _ template: String, status: Int = 204,
                             sourceLocation: SourceLocation = #_sourceLocation) throws {
        #expect(reply.status == status, "\(method) \(template): \(reply.text)", sourceLocation: sourceLocation)
        #expect(document.statuses(method, template).contains("\(status)"), "\(method) \(template) → \(status) is not documented",
                sourceLocation: sourceLocation)
        #expect(document.operation(method, template)?["responses"]?["\(status)"]?["content"] == nil,
                "\(method) \(template) → \(status) is documented with a body", sourceLocation: sourceLocation)
        #expect(reply.body.isEmpty, "\(method) \(template) → \(status) has a body", sourceLocation: sourceLocation)
    }

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
