import AirwaveAPI
import AirwaveCore
import AirwaveRuntime
import AirwaveStore
import Foundation
import Synchronization

/// Runs weights fits in the background, one at a time per station, and installs what they learn.
final class WeightsFitter: Sendable {
    /// Plays read per fit: the most recent ones.
    static let playLimit = 20_000

    private let jobs = Mutex<[String: FitStatusView]>([:])

    /// The last fit of `stationID`, if any ran since start-up.
    func status(of stationID: String) -> FitStatusView? { jobs.withLock { $0[stationID] } }

    /// Starts a fit unless one is running; returns the status to answer with.
    func start(stationID: String, services: DaemonServices) -> FitStatusView {
        let started = FitStatusView(status: "running", startedAt: Date())
        let begun: Bool = jobs.withLock { all in
            if all[stationID]?.status == "running" { return false }
            all[stationID] = started
            return true
        }
        guard begun else { return status(of: stationID) ?? started }
        let thread = Thread { [self] in
            let outcome = run(stationID: stationID, services: services, started: started.startedAt)
            jobs.withLock { $0[stationID] = outcome }
        }
        thread.name = "airwave-fit-\(stationID)"
        thread.start()
        return started
    }

    private func run(stationID: String, services: DaemonServices, started: Date) -> FitStatusView {
        do {
            let station = try services.runtime.station(stationID)
            try services.journal.flush()
            let plays = try services.store.latestPlays(stationID: stationID, limit: Self.playLimit)
            var initial: [String: Profile] = [:]
            var events: [String: [InteractionRecord]] = [:]
            for user in Set(plays.map(\.userID)) {
                guard let snapshot = try services.store.profile(userID: user) else { continue }
                initial[user] = snapshot.initial
                events[user] = try services.store.interactions(userID: user, limit: 100_000)
            }
            let dj = station.dj
            let observations = FitDataset.observations(plays: plays, initial: initial, events: events, dj: dj)
            guard let fit = ChoiceModel.fit(observations) else {
                return FitStatusView(status: "insufficient_data", startedAt: started, finishedAt: Date(), plays: plays.count,
                                     message: "need at least 10 plays with alternatives (found \(observations.count))")
            }
            try services.store.saveFittedWeights(stationID: stationID, fit.weights, report: try APIJSON.encoder().encode(fit))
            var settings = station.settings
            settings.weights = fit.weights
            _ = services.runtime.replaceStation(settings, catalog: dj.catalog)
            services.log("station \(stationID): weights fitted on \(observations.count) plays: \(fit.weights.vector)")
            return FitStatusView(status: "done", startedAt: started, finishedAt: Date(), plays: plays.count, report: fit)
        } catch {
            services.log("station \(stationID): weights fit failed: \(error)")
            return FitStatusView(status: "failed", startedAt: started, finishedAt: Date(), message: "\(error)")
        }
    }
}
