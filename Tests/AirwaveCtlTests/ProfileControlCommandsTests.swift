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
