import AirwaveDaemonTestSupport
import AirwaveAPI
import AirwaveCore
import AirwaveRuntime
import Foundation
import Testing
@testable import AirwaveDaemon

@Suite("Recommendations: cache switch, metrics and the hand-written JSON")
struct RecommendationCacheRouteTests {
    @Test("recommendation_cache is read from files and the environment, and a bad value names the key")
    func configuration() throws {
        var config = DaemonConfig()
        #expect(config.recommendationCache, "on by default")
        try config.apply(configText: "recommendation_cache = false\n", file: "a.conf")
        #expect(!config.recommendationCache)
        try config.apply(environment: ["AIRWAVE_RECOMMENDATION_CACHE": "on"])
        #expect(config.recommendationCache)
        #expect(throws: ConfigError(key: "recommendation_cache", "must be true or false (got \"maybe\")", location: "b.conf:1")) {
            try config.apply(configText: "recommendation_cache = maybe", file: "b.conf")
        }
        #expect(DaemonConfig.optionNames.contains("recommendation_cache"))
    }

    @Test("repeated recommendations hit the cache, an interaction invalidates it, and /metrics counts both")
    func metricsCountHitsAndMisses() throws {
        let daemon = try TestDaemon()
        try daemon.join("eclectic", "ana", preferences: ["genres": ["jazz": 0.9], "discovery_factor": 0.3])
        let path = "/stations/eclectic/listeners/ana/recommendations"
        let first = try daemon.request("GET", path + "?at=2026-11-23T14:00:01Z")
        let second = try daemon.request("GET", path + "?at=2026-11-23T14:00:02Z")
        #expect(first.status == 200 && second.status == 200)
        let track = try first.json(TrackList.self).tracks[0].track.trackID
        #expect(try daemon.send("POST", "/stations/eclectic/listeners/ana/interactions",
                                json: ["track_id": track, "type": "dislike"]).status == 201)
        let third = try daemon.request("GET", path + "?at=2026-11-23T14:00:02Z")
        #expect(third.status == 200, "a new profile version ranks again")
        let metrics = try daemon.request("GET", "/metrics").text
        #expect(metrics.contains("airwave_recommendation_cache_total{outcome=\"hit\"} 1\n"), "\(metrics)")
        #expect(metrics.contains("airwave_recommendation_cache_total{outcome=\"miss\"} 2\n"), "\(metrics)")
    }

    @Test("the route's body is byte for byte what the API's JSONEncoder writes")
    func bodyMatchesJSONEncoder() throws {
        let daemon = try TestDaemon()
        try daemon.join("eclectic", "ana", preferences: ["genres": ["jazz": 0.9, "metal": 0.3], "discovery_factor": 0.5])
        let reply = try daemon.request("GET", "/stations/eclectic/listeners/ana/recommendations?size=30")
        #expect(reply.status == 200)
        #expect(reply.headers.first { $0.key.lowercased() == "content-type" }?.value == "application/json")
        let list = try reply.json(TrackList.self)
        #expect(list.tracks.count == 30)
        #expect(Array(reply.body) == Array(try APIJSON.encoder().encode(list)))
    }

    @Test("TrackListJSON equals JSONEncoder on optional fields, escapes and awkward numbers")
    func encoderEquivalence() throws {
        var random = SeededRandom(seed: 7)
        let awkward = ["plain", "quote \" and \\ backslash", "slash / AC/DC", "tab\tnew\nline\r", "ctl \u{01}\u{1F}\u{7F}\u{08}\u{0C}",
                       "ünïcødé ♫ 🎷", "", "emoji\u{200D}joiner", "</script>"]
        let numbers: [Double] = [0, 1, 0.5, 0.1, 1e-7, 123456.789, 0.333333, 1.0 / 3.0, 86400, Double.leastNonzeroMagnitude, 0.000001, 42]
        var tracks: [RankedTrack] = []
        for i in 0..<200 {
            let text = awkward[i % awkward.count]
            let track = try Track(
                trackID: "t\(i)", title: text.isEmpty ? "x" : text, artist: awkward[(i + 1) % awkward.count].isEmpty ? "y" : awkward[(i + 1) % awkward.count],
                genre: "jazz", mood: "mellow", energy: random.nextUnit(), tempo: Tempo.allCases[i % 3],
                duration: i % 4 == 0 ? min(numbers[i % numbers.count] + 1, 86_400) : random.nextUnit() * 600 + 1,
                album: i % 2 == 0 ? "Album \(text)" : nil, year: i % 3 == 0 ? 1900 + i : nil, key: i % 5 == 0 ? "F#m" : nil,
                bpm: i % 7 == 0 ? random.nextUnit() * 200 + 1 : nil, uri: i % 6 == 0 ? "https://example.com/a/\(i)?q=1&r=/x" : nil)
            let score: Double? = i % 9 == 0 ? nil : (i % 2 == 0 ? numbers[i % numbers.count] : displayScore(random.nextUnit()))
            tracks.append(RankedTrack(track: track, score: score, discovery: i % 8 == 0 ? nil : i % 3 == 0,
                                      reasons: i % 10 == 0 ? nil : [awkward[i % awkward.count], "because you liked \(text)"]))
        }
        for list in [TrackList(tracks: tracks, daypart: "afternoon"), TrackList(tracks: tracks, daypart: nil),
                     TrackList(tracks: [], daypart: "night ☾"), TrackList(tracks: Array(tracks.prefix(1)))] {
            let expected = try APIJSON.encoder().encode(list)
            let written = TrackListJSON.encode(list)
            #expect(written == Array(expected), "\(String(decoding: written, as: UTF8.self).prefix(400))\nvs\n\(String(decoding: expected, as: UTF8.self).prefix(400))")
        }
    }
}
