import AirwaveAPI
import AirwaveCore
import ArgumentParser
import Foundation

/// `airwavectl weights show|fit STATION`: scoring weights learned from the playlist log.
struct WeightsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "weights", abstract: "Show or learn a station's scoring weights.",
                                                    subcommands: [Show.self, Fit.self])

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show the weights in force, the defaults and the last fit.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "Station id.") var station: String

        func run() throws {
            let session = global.session()
            let view = try session.client.get(WeightsView.self, "/stations/\(station.pathSegment)/weights")
            try session.emit(view) { WeightsCommand.render(view) }
        }
    }

    struct Fit: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Fit a softmax choice model on the station's playlist log and use the weights it learns.",
            discussion: "Played-through versus skipped plays, against the DJ's alternatives at each moment. Waits for the fit unless --no-wait.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "Station id.") var station: String
        @Flag(help: "Start the fit and return at once.") var noWait = false
        @Option(help: "Seconds to wait for the fit.") var timeout: Double = 600

        func run() throws {
            let session = global.session()
            let path = "/stations/\(station.pathSegment)/weights"
            _ = try session.client.send("POST", path + "/fit")
            var view = try session.client.get(WeightsView.self, path)
            let deadline = Date().addingTimeInterval(timeout)
            while !noWait, view.fit?.status == "running", Date() < deadline, !session.context.stop.isSet {
                _ = session.context.stop.wait(seconds: 0.5)
                view = try session.client.get(WeightsView.self, path)
            }
            try session.emit(view) { WeightsCommand.render(view) }
            if let fit = view.fit, fit.status == "failed" || fit.status == "insufficient_data" {
                throw CtlError.failed("weights fit \(fit.status.replacingOccurrences(of: "_", with: " ")): \(fit.message ?? "")")
            }
        }
    }

    static func render(_ view: WeightsView) -> String {
        var table = Table(["TERM", "IN FORCE", "DEFAULT"], rightAligned: [1, 2])
        for (name, inForce, fallback) in zip3(["genre", "artist", "energy", "tempo", "mood"], view.weights.vector, view.defaultWeights.vector) {
            table.add([name, Format.number(inForce, digits: 3), Format.number(fallback, digits: 3)])
        }
        var text = "station \(view.stationID)\n\n" + table.render()
        guard let fit = view.fit else { return text + "\nno fit since the daemon started\n" }
        text += "\nlast fit: \(fit.status)"
        if let plays = fit.plays { text += " on \(plays) plays" }
        text += "\n"
        if let report = fit.report {
            var comparison = Table(["HELD-OUT", "FITTED", "DEFAULT"], rightAligned: [1, 2])
            comparison.add(["log-likelihood per play", Format.number(report.heldOutLogLikelihood, digits: 4),
                            Format.number(report.defaultHeldOutLogLikelihood, digits: 4)])
            comparison.add(["accuracy", Format.percent(report.heldOutAccuracy), Format.percent(report.defaultHeldOutAccuracy)])
            text += "trained on \(report.trainingPlays) plays, tested on \(report.heldOutPlays)\n\n" + comparison.render()
        }
        if let message = fit.message { text += message + "\n" }
        return text
    }

    private static func zip3<A, B, C>(_ a: [A], _ b: [B], _ c: [C]) -> [(A, B, C)] {
        zip(a, zip(b, c)).map { ($0, $1.0, $1.1) }
    }
}
