import AirwaveAPI
import AirwaveCore
import AirwaveDaemonTestSupport
import Foundation
import Testing
@testable import AirwaveDaemon

@Suite("Weights learned from the playlist log, over HTTP")
struct WeightsFitRoutesTests {
    func waitForFit(_ daemon: TestDaemon, _ station: String) throws -> WeightsView {
        for _ in 0..<600 {
            let view = try daemon.request("GET", "/stations/\(station)/weights").json(WeightsView.self)
            if let fit = view.fit, fit.status != "running" { return view }
            Thread.sleep(forTimeInterval: 0.05)
        }
        Issue.record("the fit did not finish")
        return try daemon.request("GET", "/stations/\(station)/weights").json(WeightsView.self)
    }

    @Test("a fit on a log where listeners skip what is far from their energy runs in the background, is stored and applied")
    func fitAndApply() throws {
        let daemon = try TestDaemon()
        #expect(try daemon.request("GET", "/stations/eclectic/weights").json(WeightsView.self).fit == nil)
        let early = try daemon.request("POST", "/stations/eclectic/weights/fit")
        #expect(early.status == 202)
        #expect(try waitForFit(daemon, "eclectic").fit?.status == "insufficient_data")

        // Listeners who skip whatever is far from the energy they want.
        for (i, energy) in [0.2, 0.5, 0.9].enumerated() {
            let user = "u\(i)"
            try daemon.join("eclectic", user, preferences: ["energy_level": energy, "discovery_factor": 0.5])
            let station = try daemon.services.runtime.station("eclectic")
            for _ in 0..<25 {
                let playing = try #require(try station.queue(of: user).nowPlaying)
                if abs(playing.queued.track.energy - energy) > 0.3 {
                    daemon.clock.advance(by: 5)
                    let reply = try daemon.send("POST", "/stations/eclectic/listeners/\(user)/interactions",
                                                json: ["track_id": playing.queued.track.trackID, "type": "skip"])
                    #expect(reply.status == 201)
                } else {
                    try daemon.playThrough(station: "eclectic", user: user, count: 1)
                }
            }
        }
        try daemon.services.journal.flush()
        #expect(try daemon.request("POST", "/stations/eclectic/weights/fit").status == 202)
        let view = try waitForFit(daemon, "eclectic")
        let fit = try #require(view.fit)
        #expect(fit.status == "done", "\(fit.message ?? "")")
        let report = try #require(fit.report)
        let w = report.weights.vector
        #expect(abs(w.reduce(0, +) - 1) < 1e-9 && w.allSatisfy { $0 >= 0 })
        #expect(report.weights.energy > ScoringWeights.default.energy, "skips follow energy, so its weight grows: \(w)")
        #expect(report.heldOutPlays > 0 && report.trainingPlays > report.heldOutPlays)
        #expect(view.weights == report.weights, "the fitted weights are in force")
        #expect(try daemon.request("GET", "/stations/eclectic").json(StationView.self).settings.weights == report.weights)
        #expect(try daemon.store.fittedWeights()["eclectic"] == report.weights, "and stored")
        #expect(try daemon.request("POST", "/stations/nope/weights/fit").status == 404)
    }
}
