import AirwaveAPI
import AirwaveCore
import AirwaveDaemonTestSupport
import Foundation
import Testing
@testable import AirwaveDaemon

@Suite("Text-query recommendations: …/recommendations?q=")
struct QueryRoutesTests {
    let daemon: TestDaemon

    init() throws { daemon = try TestDaemon() }

    func query(_ station: String, _ user: String, _ text: String, size: Int = 10) throws -> TestDaemon.Reply {
        var components = URLComponents()
        components.queryItems = [URLQueryItem(name: "q", value: text), URLQueryItem(name: "size", value: "\(size)")]
        return try daemon.request("GET", "/stations/\(station)/listeners/\(user)/recommendations?\(components.percentEncodedQuery!)")
    }

    @Test("a catalog query: 'songs by Miles Davis' puts Miles Davis first, α low, reasons name the artist")
    func catalogQuery() throws {
        try daemon.join("jazz-lounge", "ana", preferences: ["genres": ["soul": 1.0], "energy_level": 0.8])
        let reply = try query("jazz-lounge", "ana", "songs by Miles Davis")
        #expect(reply.status == 200, "\(reply.text)")
        let list = try reply.json(QueryTrackList.self)
        #expect(list.query.alpha < 0.5)
        #expect(!list.query.personalized)
        #expect(list.query.understood.contains("title/artist/album words: miles davis"))
        let artists = list.tracks.map(\.track.artist)
        let miles = artists.filter { $0 == "Miles Davis" }.count
        #expect(miles >= 2, "\(artists)")
        #expect(artists.prefix(miles).allSatisfy { $0 == "Miles Davis" }, "Miles Davis before anyone else: \(artists)")
        #expect(list.tracks[0].reasons?.first == "artist Miles Davis")
        #expect(list.tracks.allSatisfy { ($0.score ?? 0) > 0 && ($0.score ?? 2) <= 1 && $0.discovery == false })
    }

    @Test("a personal query: 'calm music for studying' gives calm, low-energy tracks, α high, the listener's taste shown")
    func personalQuery() throws {
        try daemon.join("jazz-lounge", "ben", preferences: ["genres": ["jazz": 1.0], "moods": ["calm": 0.9], "energy_level": 0.3])
        let reply = try query("jazz-lounge", "ben", "calm music for studying")
        #expect(reply.status == 200, "\(reply.text)")
        let list = try reply.json(QueryTrackList.self)
        #expect(list.query.alpha > 0.5)
        #expect(list.query.personalized)
        #expect(list.query.category == "work_study")
        let top = list.tracks.prefix(5)
        #expect(top.allSatisfy { ["calm", "mellow", "dreamy"].contains($0.track.mood) }, "\(top.map(\.track.mood))")
        #expect(top.map(\.track.energy).reduce(0, +) / Double(top.count) < 0.35)
        #expect(top.allSatisfy { $0.reasons?.contains { $0.hasPrefix("for you: ") } == true }, "\(top.map { $0.reasons ?? [] })")
    }

    @Test("the listener's profile reorders a personal query, but not which tracks answer a catalog one")
    func profileMattersOnlyWhenPersonal() throws {
        try daemon.join("jazz-lounge", "soulful", preferences: ["genres": ["soul": 1.0], "moods": ["mellow": 1.0], "energy_level": 0.4])
        try daemon.join("jazz-lounge", "jazzy", preferences: ["genres": ["jazz": 1.0], "moods": ["calm": 1.0], "energy_level": 0.2])
        func top(_ user: String, _ text: String, _ n: Int) throws -> [String] {
            try query("jazz-lounge", user, text, size: 30).json(QueryTrackList.self).tracks.prefix(n).map(\.track.trackID)
        }
        // Personal (α high): the two listeners get different leading tracks.
        let a = try top("soulful", "relaxing music for a cozy evening at home", 5)
        let b = try top("jazzy", "relaxing music for a cozy evening at home", 5)
        #expect(a != b)
        #expect(Set(a).intersection(b).count < 5, "\(a) vs \(b)")
        // Catalog (α low): the same Miles Davis tracks lead for both (now playing aside).
        let catalog = try daemon.services.runtime.station("jazz-lounge").dj.catalog
        func milesFirst(_ user: String) throws -> Set<String> {
            Set(try top(user, "songs by Miles Davis", 30).prefix { catalog.track(at: catalog.index(of: $0)!)?.artist == "Miles Davis" })
        }
        let playing = Set(["soulful", "jazzy"].compactMap { try? daemon.services.runtime.station("jazz-lounge").queue(of: $0).nowPlaying?.queued.track.trackID })
        #expect(try milesFirst("soulful").union(playing) == milesFirst("jazzy").union(playing))
    }

    @Test("noise is a 422 query_not_understood, not a random playlist")
    func noise() throws {
        try daemon.join("jazz-lounge", "cy")
        for text in ["asdf qwerty", "", "???", "zxcvbnm"] {
            let reply = try query("jazz-lounge", "cy", text)
            #expect(reply.status == 422, "\(text): \(reply.text)")
            #expect(reply.errorCode == "query_not_understood", "\(text)")
        }
    }

    @Test("an over-long query is a 400 naming q; an unknown listener is still a 404")
    func badRequests() throws {
        try daemon.join("jazz-lounge", "dee")
        let long = try query("jazz-lounge", "dee", String(repeating: "jazz ", count: 100))
        #expect(long.status == 400)
        #expect(long.errorCode == "invalid_parameter")
        #expect(long.errorMessage.hasPrefix("q "))
        #expect(try query("jazz-lounge", "nobody", "jazz").status == 404)
    }

    @Test("the index follows catalog changes: a new track is found by its title at once")
    func indexFollowsCatalog() throws {
        try daemon.join("jazz-lounge", "eve")
        #expect(try query("jazz-lounge", "eve", "Zanzibarian").status == 422)
        let track = try Track(trackID: "new-1", title: "Zanzibarian Nights", artist: "Nobody Yet", genre: "jazz",
                              mood: "mellow", energy: 0.4, tempo: .medium, duration: 200)
        _ = try daemon.services.runtime.station("jazz-lounge").upsert([track])
        let list = try query("jazz-lounge", "eve", "Zanzibarian").json(QueryTrackList.self)
        #expect(list.tracks.map(\.track.trackID) == ["new-1"])
    }
}

@Suite("Query data loading and configuration")
struct QueryDataLoadingTests {
    func tempDir(lexicon: String?, labels: String?) throws -> String {
        let dir = NSTemporaryDirectory() + "airwave-query-\(UInt32.random(in: 0...UInt32.max))"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        if let lexicon { try lexicon.write(toFile: dir + "/" + QueryService.lexiconFile, atomically: true, encoding: .utf8) }
        if let labels { try labels.write(toFile: dir + "/" + QueryService.labelsFile, atomically: true, encoding: .utf8) }
        return dir
    }

    @Test("the shipped files load and answer")
    func shipped() throws {
        var config = DaemonConfig()
        config.stationsDir = TestDaemon.stationsDir
        let service = try QueryService.load(directory: config.effectiveQueryDataDir)
        #expect(service.labels.count >= 300)
        #expect(service.classifier.predict("calm music for studying").alpha > 0.5)
    }

    @Test("a bad lexicon names the file and the field; missing labels name their file")
    func badFiles() throws {
        let bad = try tempDir(lexicon: #"{"version": 1, "stopwords": [], "entries": [{"phrases": ["x"], "energy": 2}]}"#, labels: "sport\tgym\n")
        defer { try? FileManager.default.removeItem(atPath: bad) }
        do {
            _ = try QueryService.load(directory: bad)
            Issue.record("accepted energy 2")
        } catch {
            #expect("\(error)".contains(QueryService.lexiconFile))
            #expect("\(error)".contains("entries[0].energy"))
        }
        let missing = try tempDir(lexicon: #"{"version": 1, "stopwords": [], "entries": []}"#, labels: nil)
        defer { try? FileManager.default.removeItem(atPath: missing) }
        do {
            _ = try QueryService.load(directory: missing)
            Issue.record("loaded without labels")
        } catch {
            #expect("\(error)".contains(QueryService.labelsFile))
        }
    }

    @Test("query_data_dir is an option; by default data/ sits next to the stations directory")
    func config() throws {
        var config = DaemonConfig()
        config.stationsDir = "/etc/airwave/stations"
        #expect(config.effectiveQueryDataDir == "/etc/airwave/data")
        try config.set("query_data_dir", "/srv/airwave/query")
        #expect(config.effectiveQueryDataDir == "/srv/airwave/query")
        #expect(DaemonConfig.optionNames.contains("query_data_dir"))
        let example = try String(contentsOfFile: URL(fileURLWithPath: TestDaemon.stationsDir).deletingLastPathComponent()
            .appendingPathComponent("etc/airwaved.conf.example").path, encoding: .utf8)
        #expect(example.contains("#query_data_dir ="))
    }
}
