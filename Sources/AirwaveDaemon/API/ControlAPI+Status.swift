import AirwaveAPI
import AirwaveHTTP
import Foundation

extension ControlAPI {
    func addStatusRoutes(_ router: inout Router) {
        let services = self.services
        router.get("/health") { _ in
            if services.store.ping() {
                return .api(HealthView(status: "ok", database: "ok"))
            }
            services.metrics.databaseError()
            return .api(HealthView(status: "degraded", database: "down"), status: .serviceUnavailable)
        }

        router.get("/status") { _ in
            let stations = services.runtime.allStations().map {
                StatusView.Station(id: $0.id, name: $0.settings.name, listeners: $0.listenerCount, tracks: $0.trackCount)
            }
            return StatusReplyJSON.response(StatusView(
                version: AirwaveVersion.current,
                uptimeSeconds: (Date().timeIntervalSince(services.startedAt) * 1000).rounded() / 1000,
                listeners: stations.reduce(0) { $0 + $1.listeners }, stations: stations))
        }

        router.get("/metrics") { _ in
            let listeners = services.runtime.allStations().map { ($0.id, $0.listenerCount) }
            let text = services.metrics.render(listenersByStation: listeners,
                                               schedulerLateness: services.runtime.scheduler.latenessSummary(),
                                               groupCommit: services.store.groupCommitTotals)
            return HTTPResponse(status: .ok, headers: ["Content-Type": "text/plain; version=0.0.4; charset=utf-8"],
                                bytes: Array(text.utf8))
        }
    }
}
