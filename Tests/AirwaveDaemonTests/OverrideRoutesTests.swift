import AirwaveDaemonTestSupport
import AirwaveAPI
import AirwaveCore
import Foundation
import Testing
@testable import AirwaveDaemon

@Suite("Listener overrides over HTTP")
struct OverrideRoutesTests {
    let daemon: TestDaemon

    init() throws { daemon = try TestDaemon() }

    nonisolated(unsafe) static let metalFan: [String: Any] = [
        "genres": ["metal": 1.0, "hard-rock": 0.8, "death-metal": 0.8, "black-metal": 0.7],
        "moods": ["aggressive": 0.9, "dark": 0.8, "intense": 0.8],
        "energy_level": 0.9, "tempo_preference": "fast", "discovery_factor": 0.2,
    ]

    func recommendations() throws -> [RankedTrack] {
        try daemon.request("GET", "/stations/eclectic/listeners/max/recommendations?size=20").json(TrackList.self).tracks
    }

    @Test("{jazz: +1} gives a metal fan at least 60% jazz at once, everywhere; removing it restores the picks exactly")
    func jazzForAMetalFan() throws {
        try daemon.join("eclectic", "max", preferences: Self.metalFan)
        try daemon.join("indie-rock", "max")
        let before = try recommendations()
        #expect(before.filter { $0.track.genre == "metal" }.count >= 10)
        let indieBefore = try daemon.request("GET", "/stations/indie-rock/listeners/max/queue").json(QueueView.self).upNext

        let set = try daemon.send("POST", "/profiles/max/overrides", json: ["genres": ["jazz": 1.0]])
        #expect(set.status == 200, "\(set.text)")
        #expect(try set.json(ProfileOverrides.self).genres == ["jazz": 1.0])
        let during = try recommendations()
        let jazz = during.filter { $0.track.genre == "jazz" }.count
        #expect(jazz >= 12, "\(jazz) of 20 are jazz")
        // Up next refreshed immediately on every station the user listens to.
        let queue = try daemon.request("GET", "/stations/eclectic/listeners/max/queue").json(QueueView.self)
        #expect(queue.upNext.filter { $0.track.genre == "jazz" }.count >= 6)
        let indieDuring = try daemon.request("GET", "/stations/indie-rock/listeners/max/queue").json(QueueView.self).upNext
        #expect(indieDuring.map(\.track.trackID) != indieBefore.map(\.track.trackID))
        // The learned profile and its version are untouched.
        let profile = try daemon.request("GET", "/profiles/max").json(ProfileView.self)
        #expect(profile.profile.genres["jazz"] == nil && profile.profile.genres["metal"] == 1.0)
        #expect(try daemon.request("GET", "/profiles/max/overrides").json(ProfileOverrides.self).genres == ["jazz": 1.0])

        #expect(try daemon.request("DELETE", "/profiles/max/overrides/genres/jazz").status == 204)
        #expect(try recommendations() == before, "removing the override restores the previous picks exactly")
        #expect(try daemon.request("DELETE", "/profiles/max/overrides/genres/jazz").status == 404)
    }

    @Test("override input is validated and names the field")
    func validation() throws {
        try daemon.join("eclectic", "max")
        let range = try daemon.send("POST", "/profiles/max/overrides", json: ["genres": ["jazz": 2]])
        #expect(range.status == 400)
        #expect(range.errorMessage.contains("genres.jazz"))
        let unknown = try daemon.send("POST", "/profiles/max/overrides", json: ["tempos": ["fast": 1]])
        #expect(unknown.status == 400)
        #expect(unknown.errorMessage.contains("tempos"))
        #expect(try daemon.request("DELETE", "/profiles/max/overrides/colours/red").status == 400)
        #expect(try daemon.send("POST", "/profiles/nobody/overrides", json: ["genres": ["jazz": 1]]).status == 404)
        // Names with slashes travel percent-encoded and come back whole.
        let acdc = try daemon.send("POST", "/profiles/max/overrides", json: ["artists": ["AC/DC": -1]])
        #expect(acdc.status == 200)
        #expect(try daemon.request("DELETE", "/profiles/max/overrides/artists/AC%2FDC").status == 204)
        #expect(try daemon.request("GET", "/profiles/max/overrides").json(ProfileOverrides.self).isEmpty)
    }
}
