import AirwaveDaemonTestSupport
import AirwaveAPI
import AirwaveCore
import Foundation
import Testing

@Suite("listeners, queue, recommend, feedback and profile against a real daemon", .serialized)
struct ListenerCommandsTests {
    @Test func listenersAddWithPreferencesThenListAndRemove() throws {
        let daemon = try TestDaemon()
        let ctl = CtlRunner(url: daemon.baseURL)
        let add = ctl.run(["listeners", "add", "eclectic", "alice", "--genres", "jazz=0.9,soul=0.6",
                           "--energy", "0.4", "--tempo", "medium", "--discovery", "0.2"])
        #expect(add.code == 0, "\(add.err)")
        #expect(add.out.contains("alice is listening to eclectic"))
        #expect(add.out.contains("now playing:"))
        #expect(ctl.run(["listeners", "add", "eclectic", "bob"]).code == 0)

        let profile = try daemon.request("GET", "/profiles/alice").json(ProfileView.self).profile
        #expect(profile.genres == ["jazz": 0.9, "soul": 0.6])
        #expect(profile.energyLevel == 0.4)
        #expect(profile.tempoPreference == .medium)
        #expect(profile.discoveryFactor == .fixed(0.2))

        let again = ctl.run(["listeners", "add", "jazz-lounge", "alice", "--genres", "rock=1"])
        #expect(again.out.contains("existing profile kept"))

        let page = ctl.run(["listeners", "list", "eclectic", "--limit", "1"])
        #expect(page.code == 0)
        #expect(page.out.contains("alice"))
        #expect(!page.out.contains("bob"))
        #expect(page.out.contains("more: --after alice"))
        let next = ctl.run(["listeners", "list", "eclectic", "--after", "alice", "--json"])
        let decoded = try APIJSON.decoder().decode(ListenerPage.self, from: Data(next.out.utf8))
        #expect(decoded.listeners.map(\.userID) == ["bob"])

        #expect(ctl.run(["listeners", "remove", "eclectic", "bob"]).code == 0)
        let gone = ctl.run(["listeners", "remove", "eclectic", "bob"])
        #expect(gone.code == 1)
        #expect(gone.err.contains("listener_not_found"))
    }

    @Test func queueShowsNowPlayingAndUpNext() throws {
        let daemon = try TestDaemon()
        let ctl = CtlRunner(url: daemon.baseURL)
        #expect(ctl.run(["listeners", "add", "eclectic", "carol", "--genres", "metal=1"]).code == 0)
        try daemon.advance(by: 30)

        let queue = ctl.run(["queue", "eclectic", "carol"])
        #expect(queue.code == 0)
        #expect(queue.out.contains("now playing:"))
        #expect(queue.out.contains("0:30 / "), "position 30 s into the track")
        #expect(queue.out.contains("left)"))
        #expect(queue.out.contains("up next:"))
        #expect(queue.out.contains("SCORE"))

        let json = ctl.run(["queue", "eclectic", "carol", "--json"])
        let decoded = try APIJSON.decoder().decode(QueueView.self, from: Data(json.out.utf8))
        let direct = try daemon.request("GET", "/stations/eclectic/listeners/carol/queue").json(QueueView.self)
        #expect(decoded == direct)
        #expect(decoded.upNext.count >= 1)
        // Each up-next row is in the table, in order.
        for (i, track) in decoded.upNext.enumerated() {
            #expect(queue.out.contains(track.track.title.prefix(30)), "row \(i + 1)")
        }
    }

    @Test func recommendMatchesTheDaemonsRanking() throws {
        let daemon = try TestDaemon()
        let ctl = CtlRunner(url: daemon.baseURL)
        #expect(ctl.run(["listeners", "add", "eclectic", "dave", "--genres", "jazz=1"]).code == 0)
        let args = ["recommend", "eclectic", "dave", "--size", "5", "--discovery", "0", "--at", "2026-11-23T20:00:00Z"]
        let json = ctl.run(args + ["--json"])
        #expect(json.code == 0, "\(json.err)")
        let decoded = try APIJSON.decoder().decode(TrackList.self, from: Data(json.out.utf8))
        let direct = try daemon.request("GET", "/stations/eclectic/listeners/dave/recommendations?size=5&discovery=0&at=2026-11-23T20:00:00Z")
            .json(TrackList.self)
        #expect(decoded == direct)
        #expect(decoded.tracks.count == 5)

        let human = ctl.run(args)
        #expect(human.code == 0)
        #expect(decoded.daypart != nil)
        #expect(human.out.contains("daypart: \(decoded.daypart ?? "-")"))
        let rows = human.out.split(separator: "\n").filter { $0.first?.isWhitespace == true || $0.first?.isNumber == true }
        #expect(rows.count == 5)
        #expect(human.out.contains(decoded.tracks[0].reasons?.first ?? "<no reason>"))

        let unknown = ctl.run(["recommend", "eclectic", "nobody"])
        #expect(unknown.code == 1)
        #expect(unknown.err.contains("listener_not_found"))
    }

    @Test func feedbackUpdatesTheProfileAndAnalytics() throws {
        let daemon = try TestDaemon()
        let ctl = CtlRunner(url: daemon.baseURL)
        #expect(ctl.run(["listeners", "add", "eclectic", "erin"]).code == 0)
        let liked = ctl.run(["feedback", "eclectic", "erin", "ec-0001", "like"])
        #expect(liked.code == 0, "\(liked.err)")
        #expect(liked.out.contains("recorded like of ec-0001 for erin"))
        let rated = ctl.run(["feedback", "eclectic", "erin", "ec-0002", "rate", "--rating", "1", "--json"])
        let reply = try APIJSON.decoder().decode(InteractionResponse.self, from: Data(rated.out.utf8))
        #expect(reply.profile.profile.genres["jazz"] ?? 0 > 0.6, "like then a top rating raise jazz above 0.5 + 0.1")

        let missing = ctl.run(["feedback", "eclectic", "erin", "no-such-track", "like"])
        #expect(missing.code == 1)
        #expect(missing.err.contains("track_not_found"))

        let show = ctl.run(["profile", "show", "erin"])
        #expect(show.code == 0)
        #expect(show.out.contains("GENRE"))
        #expect(show.out.contains("jazz"))
        let showJSON = ctl.run(["profile", "show", "erin", "--json"])
        let view = try APIJSON.decoder().decode(ProfileView.self, from: Data(showJSON.out.utf8))
        #expect(view == (try daemon.request("GET", "/profiles/erin").json(ProfileView.self)))

        let analytics = ctl.run(["profile", "analytics", "erin"])
        #expect(analytics.code == 0)
        #expect(analytics.out.contains("recent like rate:    50.0%"), "\(analytics.out)")
        let analyticsJSON = ctl.run(["profile", "analytics", "erin", "--json"])
        let decoded = try APIJSON.decoder().decode(ProfileAnalytics.self, from: Data(analyticsJSON.out.utf8))
        #expect(decoded == (try daemon.request("GET", "/profiles/erin/analytics").json(ProfileAnalytics.self)))

        let nobody = ctl.run(["profile", "show", "nobody"])
        #expect(nobody.code == 1)
        #expect(nobody.err.contains("profile_not_found"))
    }

    @Test func tokenComesFromTheEnvironmentOrTheOption() throws {
        let daemon = try TestDaemon(token: "s3cret")
        let bare = CtlRunner(url: daemon.baseURL).run(["status"])
        #expect(bare.code == 1)
        #expect(bare.err.contains("unauthorized"))
        #expect(CtlRunner(url: daemon.baseURL, environment: ["AIRWAVE_TOKEN": "s3cret"]).run(["status"]).code == 0)
        #expect(CtlRunner(url: daemon.baseURL).run(["status", "--token", "s3cret"]).code == 0)
    }
}
