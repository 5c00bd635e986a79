import AirwaveDaemonTestSupport
import AirwaveAPI
import AirwaveCore
import Foundation
import Testing
@testable import AirwaveDaemon

@Suite("Export and erasure of a user's data")
struct DataRightsTests {
    @Test("export returns everything about the user and nothing about others; erase removes it and anonymizes plays")
    func exportAndErase() throws {
        let daemon = try TestDaemon()
        try daemon.join("eclectic", "ana", preferences: ["genres": ["jazz": 0.9]])
        try daemon.join("eclectic", "ben")
        try daemon.playThrough(station: "eclectic", user: "ana", count: 3)
        try daemon.playThrough(station: "eclectic", user: "ben", count: 2)
        let track = try daemon.request("GET", "/stations/eclectic/listeners/ana/queue").json(QueueView.self).nowPlaying!.track.track
        _ = try daemon.send("POST", "/stations/eclectic/listeners/ana/interactions", json: ["track_id": track.trackID, "type": "favorite"])
        _ = try daemon.send("POST", "/profiles/ana/overrides", json: ["moods": ["calm": 0.5]])

        let export = try daemon.request("GET", "/profiles/ana/export").json(UserExportView.self)
        #expect(export.userID == "ana")
        #expect(export.initial.genres == ["jazz": 0.9])
        #expect(export.overrides.moods == ["calm": 0.5])
        #expect(export.stations == ["eclectic"])
        #expect(export.plays.count >= 3 && export.plays.allSatisfy { $0.userID == "ana" })
        #expect(export.interactions.contains { $0.type == .favorite && $0.trackID == track.trackID })
        #expect(export.interactions.count == export.profile.profile.totalInteractions)
        #expect(try daemon.request("GET", "/profiles/nobody/export").status == 404)

        let playsBefore = try daemon.store.plays(stationID: "eclectic", afterSeq: nil, since: nil, userID: nil, limit: 1000).count
        #expect(try daemon.request("DELETE", "/profiles/ana").status == 204)
        #expect(try daemon.request("GET", "/profiles/ana").status == 404)
        #expect(try daemon.request("GET", "/stations/eclectic/listeners/ana/queue").status == 404)
        #expect(try daemon.store.interactions(userID: "ana", limit: 10).isEmpty)
        let plays = try daemon.store.plays(stationID: "eclectic", afterSeq: nil, since: nil, userID: nil, limit: 1000)
        #expect(plays.count == playsBefore, "plays stay for station statistics")
        #expect(!plays.contains { $0.userID == "ana" }, "but no longer name the user")
        #expect(plays.contains { $0.userID == "ben" })
        #expect(try daemon.request("DELETE", "/profiles/ana").status == 404)
    }
}

@Suite("What a restart brings back")
struct RestartMemoryTests {
    @Test("recent likes are taken back from the log, newest first")
    func recentLikes() throws {
        let first = try TestDaemon()
        try first.join("eclectic", "ana")
        let catalog = try first.services.runtime.station("eclectic").dj.catalog.liveTracks
        for track in catalog.prefix(3) {
            #expect(try first.send("POST", "/stations/eclectic/listeners/ana/interactions",
                                   json: ["track_id": track.trackID, "type": "like"]).status == 201)
        }
        try first.services.journal.flush()
        let second = try TestDaemon(connection: first.connection)
        #expect(second.services.runtime.profiles.recentLikes(of: "ana").map(\.trackID) == catalog.prefix(3).reversed().map(\.trackID))
    }
}
