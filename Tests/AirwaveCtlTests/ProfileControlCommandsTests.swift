import AirwaveAPI
import AirwaveCore
import AirwaveDaemonTestSupport
import Foundation
import Testing

@Suite("profile set, overrides, redact, reset, export and erase against a real daemon", .serialized)
struct ProfileControlCommandsTests {
    @Test func steerAndCleanAProfile() throws {
        let daemon = try TestDaemon()
        let ctl = CtlRunner(url: daemon.baseURL)
        #expect(ctl.run(["listeners", "add", "eclectic", "max", "--genres", "metal=1"]).code == 0)

        let set = ctl.run(["profile", "set", "max", "--energy", "0.8", "--tempo", "fast"])
        #expect(set.code == 0, "\(set.err)")
        #expect(set.out.contains("energy:       0.80"))

        let overrides = ctl.run(["profile", "overrides", "max", "--genres", "jazz=1,polka=-1"])
        #expect(overrides.code == 0, "\(overrides.err)")
        #expect(overrides.out.contains("jazz") && overrides.out.contains("+1"))
        let removed = ctl.run(["profile", "overrides", "max", "--remove", "genres/polka", "--json"])
        let remaining = try APIJSON.decoder().decode(ProfileOverrides.self, from: Data(removed.out.utf8))
        #expect(remaining.genres == ["jazz": 1.0])
        #expect(ctl.run(["profile", "overrides", "max", "--genres", "jazz=2"]).code == 2, "offsets stay within -1…1")

        let track = try daemon.request("GET", "/stations/eclectic/listeners/max/queue").json(QueueView.self).nowPlaying!.track.track
        #expect(ctl.run(["feedback", "eclectic", "max", track.trackID, "like"]).code == 0)
        let id = try daemon.store.interactions(userID: "max", limit: 10).first!.id
        let redact = ctl.run(["profile", "redact", "max", "--ids", "\(id)", "--json"])
        #expect(redact.code == 0, "\(redact.err)")
        let view = try APIJSON.decoder().decode(RedactionView.self, from: Data(redact.out.utf8))
        #expect(view.events == 1)
        #expect(ctl.run(["profile", "unredact", "max", "\(view.redactionID)"]).out.contains("count again"))
        #expect(ctl.run(["profile", "redact", "max"]).code == 1, "the daemon names what is missing")

        let reset = ctl.run(["profile", "reset", "max", "--clear-overrides"])
        #expect(reset.code == 0, "\(reset.err)")
        #expect(try daemon.request("GET", "/profiles/max/overrides").json(ProfileOverrides.self).isEmpty)

        let export = ctl.run(["profile", "export", "max"])
        #expect(export.code == 0)
        #expect(try APIJSON.decoder().decode(UserExportView.self, from: Data(export.out.utf8)).userID == "max")

        #expect(ctl.run(["profile", "erase", "max"]).code == 2, "erasing needs --yes")
        #expect(ctl.run(["profile", "erase", "max", "--yes"]).code == 0)
        #expect(ctl.run(["profile", "show", "max"]).code == 1)
    }
}

@Suite("weights show and fit against a real daemon", .serialized)
struct WeightsCommandTests {
    @Test func showAndFit() throws {
        let daemon = try TestDaemon()
        let ctl = CtlRunner(url: daemon.baseURL)
        let show = ctl.run(["weights", "show", "eclectic"])
        #expect(show.code == 0, "\(show.err)")
        #expect(show.out.contains("genre") && show.out.contains("0.300"))
        let empty = ctl.run(["weights", "fit", "eclectic"])
        #expect(empty.code == 1, "an empty log cannot be fitted")
        #expect(empty.err.contains("insufficient data"))

        #expect(ctl.run(["listeners", "add", "eclectic", "ana", "--energy", "0.3"]).code == 0)
        let station = try daemon.services.runtime.station("eclectic")
        for _ in 0..<30 {
            let playing = try #require(try station.queue(of: "ana").nowPlaying)
            if playing.queued.track.energy > 0.6 {
                daemon.clock.advance(by: 5)
                #expect(ctl.run(["feedback", "eclectic", "ana", playing.queued.track.trackID, "skip"]).code == 0)
            } else {
                try daemon.playThrough(station: "eclectic", user: "ana", count: 1)
            }
        }
        let fit = ctl.run(["weights", "fit", "eclectic", "--json"])
        #expect(fit.code == 0, "\(fit.err)")
        let view = try APIJSON.decoder().decode(WeightsView.self, from: Data(fit.out.utf8))
        #expect(view.fit?.status == "done")
        #expect(view.weights == view.fit?.report?.weights)
    }
}
