import AirwaveDaemonTestSupport
import AirwaveAPI
import AirwaveCore
import Foundation
import Testing
@testable import AirwaveDaemon

@Suite("Listener, queue, recommendation and interaction routes")
struct ListenerRoutesTests {
    let daemon: TestDaemon

    init() throws { daemon = try TestDaemon() }

    @Test("joining starts a track at once; joining again keeps the existing profile")
    func join() throws {
        let first = try daemon.join("jazz-lounge", "ana", preferences: ["genres": ["jazz": 0.9], "energy_level": 0.4])
        #expect(first.status == 201, "\(first.text)")
        let view = try first.json(ListenerView.self)
        #expect(view.profileCreated == true)
        #expect(view.nowPlaying?.startedAt == TestDaemon.start)
        #expect(view.nowPlaying?.positionSeconds == 0)
        // Committed before the reply.
        #expect(try daemon.store.loadListeners(stationID: "jazz-lounge").map(\.userID) == ["ana"])
        #expect(try daemon.store.profile(userID: "ana")?.profile.genres["jazz"] == 0.9)

        let elsewhere = try daemon.join("eclectic", "ana", preferences: ["genres": ["metal": 1.0]])
        #expect(elsewhere.status == 201)
        #expect(try elsewhere.json(ListenerView.self).profileCreated == false)
        #expect(try daemon.store.profile(userID: "ana")?.profile.genres["metal"] == nil, "the existing profile wins")

        #expect(try daemon.join("jazz-lounge", "ana").status == 200, "joining twice is not an error")
        let page = try daemon.request("GET", "/stations/jazz-lounge/listeners").json(ListenerPage.self)
        #expect(page.listeners.map(\.userID) == ["ana"])
        #expect(page.nextAfter == nil)
    }

    @Test("paging by after/limit visits every listener once and ends without an empty page")
    func paging() throws {
        let users = ["ana", "ben", "cy", "dee"]
        for user in users { #expect(try daemon.join("jazz-lounge", user).status == 201) }
        for limit in 1...5 {
            var seen: [String] = []
            var after: String?
            var pages = 0
            repeat {
                let query = "limit=\(limit)" + (after.map { "&after=\($0)" } ?? "")
                let page = try daemon.request("GET", "/stations/jazz-lounge/listeners?\(query)").json(ListenerPage.self)
                #expect(!page.listeners.isEmpty, "limit \(limit): a page after \(seen) came back empty")
                seen += page.listeners.map(\.userID)
                after = page.nextAfter
                pages += 1
            } while after != nil && pages < 10
            #expect(seen == users, "limit \(limit)")
            #expect(pages == (users.count + limit - 1) / limit, "limit \(limit)")
        }
    }

    @Test("bad joins name the field")
    func badJoins() throws {
        let energy = try daemon.join("jazz-lounge", "ana", preferences: ["energy_level": 1.3])
        #expect(energy.status == 400)
        #expect(energy.errorMessage.contains("energy_level"))
        let tempo = try daemon.join("jazz-lounge", "ana", preferences: ["tempo_preference": "ludicrous"])
        #expect(tempo.status == 400)
        #expect(tempo.errorMessage.contains("tempo_preference"))
        let user = try daemon.send("POST", "/stations/jazz-lounge/listeners", json: ["user_id": "a b"])
        #expect(user.status == 400)
        #expect(user.errorMessage.contains("user_id"))
        let missing = try daemon.send("POST", "/stations/jazz-lounge/listeners", json: ["preferences": [:] as [String: Any]])
        #expect(missing.status == 400)
        #expect(missing.errorMessage.contains("user_id"))
        #expect(try daemon.join("nope", "ana").status == 404)
    }

    @Test("the queue shows now playing and up next; refresh regenerates it")
    func queue() throws {
        try daemon.join("eclectic", "ana")
        try daemon.advance(by: 30)
        let queue = try daemon.request("GET", "/stations/eclectic/listeners/ana/queue").json(QueueView.self)
        let playing = try #require(queue.nowPlaying)
        #expect(playing.positionSeconds == 30)
        #expect(queue.upNext.count == 10)
        #expect(queue.upNext.allSatisfy { $0.score != nil && $0.reasons?.isEmpty == false })
        let refreshed = try daemon.request("POST", "/stations/eclectic/listeners/ana/queue/refresh")
        #expect(refreshed.status == 200)
        #expect(try refreshed.json(QueueView.self).nowPlaying?.track.track.trackID == playing.track.track.trackID)
        #expect(try daemon.request("GET", "/stations/eclectic/listeners/bob/queue").status == 404)
    }

    @Test("recommendations are read-only, reproducible and validate their parameters")
    func recommendations() throws {
        try daemon.join("eclectic", "ana", preferences: ["genres": ["jazz": 1.0], "discovery_factor": 0])
        let path = "/stations/eclectic/listeners/ana/recommendations?size=15&at=2026-11-23T21:00:00%2B01:00"
        let a = try daemon.request("GET", path)
        #expect(a.status == 200, "\(a.text)")
        let list = try a.json(TrackList.self)
        #expect(list.tracks.count == 15)
        #expect(list.daypart == "evening")
        #expect(list.tracks.allSatisfy { $0.discovery == false })
        let scores = list.tracks.compactMap(\.score)
        #expect(scores == scores.sorted(by: >), "discovery 0 is the ranking by score")
        #expect(try daemon.request("GET", path).body == a.body, "same state, same answer")
        let queue = try daemon.request("GET", "/stations/eclectic/listeners/ana/queue").json(QueueView.self)
        #expect(!list.tracks.contains { $0.track.trackID == queue.nowPlaying?.track.track.trackID }, "now playing is excluded")

        let mixed = try daemon.request("GET", "/stations/eclectic/listeners/ana/recommendations?size=10&discovery=0.5").json(TrackList.self)
        #expect(mixed.tracks.filter { $0.discovery == true }.count == 5)

        for bad in ["size=0", "size=201", "size=x", "at=2026-11-23T21:00:00", "at=yesterday", "discovery=1.5"] {
            let reply = try daemon.request("GET", "/stations/eclectic/listeners/ana/recommendations?\(bad)")
            #expect(reply.status == 400, "\(bad)")
            #expect(reply.errorMessage.contains(String(bad.prefix { $0 != "=" })), "\(bad): \(reply.errorMessage)")
        }
    }

    @Test("an interaction is committed before its reply and updates the profile")
    func interactions() throws {
        try daemon.join("eclectic", "ana")
        let playing = try daemon.request("GET", "/stations/eclectic/listeners/ana/queue").json(QueueView.self).nowPlaying!.track.track
        let like = try daemon.send("POST", "/stations/eclectic/listeners/ana/interactions", json: ["track_id": playing.trackID, "type": "like"])
        #expect(like.status == 201, "\(like.text)")
        let reply = try like.json(InteractionResponse.self)
        #expect(reply.profile.profile.genres[playing.genre] == 0.6)
        #expect(reply.profile.profile.artists[playing.artist] == 0.6)
        let stored = try daemon.store.interactions(userID: "ana", limit: 10)
        #expect(stored.map(\.id).contains(reply.interactionID))
        #expect(try daemon.store.profile(userID: "ana")?.version == reply.profile.version)

        let rate = try daemon.send("POST", "/stations/eclectic/listeners/ana/interactions", json: ["track_id": playing.trackID, "type": "rate", "rating": 0])
        #expect(rate.status == 201)
        #expect(abs(try rate.json(InteractionResponse.self).profile.profile.genres[playing.genre]! - 0.5) < 1e-9)

        let cases: [([String: Any], Int, String)] = [
            (["track_id": "nope", "type": "like"], 404, "nope"),
            (["track_id": playing.trackID, "type": "adore"], 400, "type"),
            (["track_id": playing.trackID, "type": "rate"], 400, "rating"),
            (["track_id": playing.trackID, "type": "rate", "rating": 2], 400, "rating"),
            (["track_id": playing.trackID, "type": "like", "extra": 1], 400, "extra"),
            (["type": "like"], 400, "track_id"),
        ]
        for (body, status, field) in cases {
            let bad = try daemon.send("POST", "/stations/eclectic/listeners/ana/interactions", json: body)
            #expect(bad.status == status, "\(body)")
            #expect(bad.errorMessage.contains(field), "\(body): \(bad.errorMessage)")
        }
        #expect(try daemon.store.interactions(userID: "ana", limit: 10).count == 2, "rejected input changed nothing")
    }

    @Test("a skip on the playing track ends it and logs outcome skipped")
    func skip() throws {
        try daemon.join("eclectic", "ana")
        try daemon.advance(by: 20)
        let playing = try daemon.request("GET", "/stations/eclectic/listeners/ana/queue").json(QueueView.self).nowPlaying!
        let skip = try daemon.send("POST", "/stations/eclectic/listeners/ana/interactions", json: ["track_id": playing.track.track.trackID, "type": "skip"])
        #expect(skip.status == 201)
        let after = try daemon.request("GET", "/stations/eclectic/listeners/ana/queue").json(QueueView.self).nowPlaying!
        #expect(after.track.track.trackID != playing.track.track.trackID)
        #expect(after.startedAt == daemon.clock.now())
        try daemon.services.journal.flush()
        let log = try daemon.store.plays(stationID: "eclectic", afterSeq: nil, since: nil, userID: "ana", limit: 10)
        #expect(log.map(\.outcome.rawValue) == ["skipped"])
        #expect(log.first?.trackID == playing.track.track.trackID)
    }

    @Test("profiles and analytics are served; leaving removes the listener")
    func profilesAndLeaving() throws {
        try daemon.join("eclectic", "ana", preferences: ["genres": ["jazz": 0.8, "rock": 0.4]])
        let profile = try daemon.request("GET", "/profiles/ana").json(ProfileView.self)
        #expect(profile.profile.genres == ["jazz": 0.8, "rock": 0.4])
        let analytics = try daemon.request("GET", "/profiles/ana/analytics").json(ProfileAnalytics.self)
        #expect(analytics.genreDiversity == 2)
        #expect(analytics.genreConcentration == 0.8)
        #expect(try daemon.request("GET", "/profiles/nobody").status == 404)

        #expect(try daemon.request("DELETE", "/stations/eclectic/listeners/ana").status == 204)
        #expect(try daemon.request("DELETE", "/stations/eclectic/listeners/ana").status == 404)
        #expect(try daemon.store.loadListeners(stationID: "eclectic").isEmpty)
    }
}
