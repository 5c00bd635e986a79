import AirwaveDaemonTestSupport
import AirwaveAPI
import AirwaveCore
import AirwaveStore
import Foundation
import Testing
@testable import AirwaveDaemon

@Suite("Redaction and reset")
struct ProfileHygieneTests {
    let daemon: TestDaemon

    init() throws { daemon = try TestDaemon() }

    /// The profile built only from `events` over `initial`, with the core's own learning rule.
    func fold(_ initial: Profile, _ events: [InteractionRecord]) throws -> Profile {
        var profile = initial
        for event in events.sorted(by: { $0.id < $1.id }) {
            let track = try Track(trackID: event.trackID, title: "t", artist: event.artist, genre: event.genre,
                                  mood: event.mood, energy: 0.5, tempo: .medium, duration: 1)
            profile.learn(try Feedback(event.type, rating: event.rating), about: track)
        }
        return profile
    }

    func feedback(_ station: String, _ count: Int, seed: UInt64) throws {
        var random = SeededRandom(seed: seed)
        let catalog = try daemon.services.runtime.station(station).dj.catalog.liveTracks
        let types: [String] = ["like", "dislike", "skip", "favorite", "rate", "play"]
        for _ in 0..<count {
            let track = catalog[Int(random.next() % UInt64(catalog.count))]
            let type = types[Int(random.next() % UInt64(types.count))]
            var body: [String: Any] = ["track_id": track.trackID, "type": type]
            if type == "rate" { body["rating"] = Double(random.next() % 101) / 100 }
            let reply = try daemon.send("POST", "/stations/\(station)/listeners/ana/interactions", json: body)
            try #require(reply.status == 201, "\(reply.text)")
            try daemon.advance(by: 7)
        }
    }

    @Test("a redaction rebuilds the profile exactly as if those events never happened, and can be undone")
    func redactExactly() throws {
        let initial = try Profile(genres: ["jazz": 0.7], energyLevel: 0.4)
        try daemon.join("eclectic", "ana", preferences: ["genres": ["jazz": 0.7], "energy_level": 0.4])
        try daemon.join("jazz-lounge", "ana")
        try feedback("eclectic", 12, seed: 1)
        try feedback("jazz-lounge", 8, seed: 2)
        let all = try daemon.store.interactions(userID: "ana", limit: 1000)
        let original = try #require(try daemon.store.profile(userID: "ana")).profile
        #expect(original == (try fold(initial, all)))

        // By ids.
        let chosen = all.filter { $0.id % 3 == 0 }.map(\.id)
        let byIDs = try daemon.send("POST", "/profiles/ana/redactions", json: ["interaction_ids": chosen])
        #expect(byIDs.status == 201, "\(byIDs.text)")
        let first = try byIDs.json(RedactionView.self)
        #expect(first.events == chosen.count)
        let remaining = all.filter { !chosen.contains($0.id) }
        #expect(first.profile.profile == (try fold(initial, remaining)))
        #expect(try daemon.store.interactions(userID: "ana", limit: 1000).filter(\.redacted).map(\.id).sorted() == chosen.sorted(),
                "the events stay in the log, marked redacted")

        // By station, on top.
        let byStation = try daemon.send("POST", "/profiles/ana/redactions", json: ["station_id": "jazz-lounge"]).json(RedactionView.self)
        let left = remaining.filter { $0.stationID != "jazz-lounge" }
        #expect(byStation.profile.profile == (try fold(initial, left)))

        // Undo both: back to the original profile.
        #expect(try daemon.request("DELETE", "/profiles/ana/redactions/\(byStation.redactionID)").status == 200)
        let undone = try daemon.request("DELETE", "/profiles/ana/redactions/\(first.redactionID)").json(RedactionView.self)
        #expect(undone.profile.profile == original)
        #expect(try daemon.request("DELETE", "/profiles/ana/redactions/\(first.redactionID)").status == 404, "undone once")
    }

    @Test("a redaction by time range covers exactly [from, to)")
    func redactRange() throws {
        let initial = Profile.neutral
        try daemon.join("eclectic", "ana")
        try feedback("eclectic", 10, seed: 3)
        let all = try daemon.store.interactions(userID: "ana", limit: 1000).sorted { $0.id < $1.id }
        let from = all[3].at, to = all[7].at
        let reply = try daemon.send("POST", "/profiles/ana/redactions", json: [
            "from": APIJSON.formatTimestamp(from), "to": APIJSON.formatTimestamp(to)])
        #expect(reply.status == 201, "\(reply.text)")
        let view = try reply.json(RedactionView.self)
        let kept = all.filter { $0.at < from || $0.at >= to }
        #expect(view.events == all.count - kept.count)
        #expect(view.profile.profile == (try fold(initial, kept)))
    }

    @Test("bad redactions name the problem")
    func badRedactions() throws {
        try daemon.join("eclectic", "ana")
        for body: [String: Any] in [[:], ["interaction_ids": [1], "station_id": "eclectic"], ["from": "2026-11-23T10:00:00Z"],
                                    ["interaction_ids": [Int]()], ["from": "2026-11-23T10:00:00Z", "to": "2026-11-23T09:00:00Z"]] {
            let reply = try daemon.send("POST", "/profiles/ana/redactions", json: body)
            #expect(reply.status == 400, "\(body): \(reply.text)")
        }
        #expect(try daemon.send("POST", "/profiles/nobody/redactions", json: ["station_id": "eclectic"]).status == 404)
    }

    @Test("reset returns to the initial preferences, keeps the history, and optionally clears overrides")
    func reset() throws {
        try daemon.join("eclectic", "ana", preferences: ["genres": ["jazz": 0.7], "energy_level": 0.4])
        try feedback("eclectic", 6, seed: 4)
        _ = try daemon.send("POST", "/profiles/ana/overrides", json: ["genres": ["metal": -1]])
        let before = try daemon.store.interactions(userID: "ana", limit: 1000).count
        let kept = try daemon.send("POST", "/profiles/ana/reset", json: [:]).json(ProfileView.self)
        #expect(kept.profile.genres == ["jazz": 0.7] && kept.profile.artists.isEmpty && kept.profile.energyLevel == 0.4)
        #expect(try daemon.store.interactions(userID: "ana", limit: 1000).count == before, "history stays")
        #expect(try daemon.request("GET", "/profiles/ana/overrides").json(ProfileOverrides.self).genres == ["metal": -1])

        // Learning continues from the reset profile.
        let track = try daemon.services.runtime.station("eclectic").dj.catalog.liveTracks.first { $0.genre == "jazz" }!
        let liked = try daemon.send("POST", "/stations/eclectic/listeners/ana/interactions", json: ["track_id": track.trackID, "type": "like"])
            .json(InteractionResponse.self)
        #expect(abs(liked.profile.profile.genres["jazz"]! - 0.8) < 1e-9)
        #expect(liked.profile.profile == (try daemon.store.rebuildProfile(userID: "ana")).profile, "snapshot equals the fold after the reset")

        _ = try daemon.send("POST", "/profiles/ana/reset", json: ["clear_overrides": true])
        #expect(try daemon.request("GET", "/profiles/ana/overrides").json(ProfileOverrides.self).isEmpty)
        #expect(try daemon.send("POST", "/profiles/ana/reset", json: ["clear_overrides": "yes"]).status == 400)
    }
}

@Suite("Changing initial preferences")
struct ProfilePatchTests {
    @Test("PATCH replaces the given initial fields and re-folds the learned events on top")
    func patch() throws {
        let daemon = try TestDaemon()
        try daemon.join("eclectic", "ana", preferences: ["genres": ["jazz": 0.5], "energy_level": 0.4])
        let track = try daemon.services.runtime.station("eclectic").dj.catalog.liveTracks.first { $0.genre == "jazz" }!
        _ = try daemon.send("POST", "/stations/eclectic/listeners/ana/interactions", json: ["track_id": track.trackID, "type": "like"])
        let patched = try daemon.send("PATCH", "/profiles/ana", json: ["genres": ["jazz": 0.8, "soul": 0.6], "tempo_preference": "slow"])
        #expect(patched.status == 200, "\(patched.text)")
        let profile = try patched.json(ProfileView.self).profile
        #expect(abs(profile.genres["jazz"]! - 0.9) < 1e-9, "0.8 initial + 0.1 like")
        #expect(profile.genres["soul"] == 0.6 && profile.tempoPreference == .slow && profile.energyLevel == 0.4)
        let bad = try daemon.send("PATCH", "/profiles/ana", json: ["energy_level": -2])
        #expect(bad.status == 400 && bad.errorMessage.contains("energy_level"))
        #expect(try daemon.send("PATCH", "/profiles/ana", json: ["mood": [:] as [String: Double]]).status == 400)
        #expect(try daemon.send("PATCH", "/profiles/nobody", json: ["energy_level": 0.5]).status == 404)
    }
}
