import AirwaveAPI
import AirwaveCore
import AirwaveHTTP
import AirwaveRuntime

extension ControlAPI {
    /// Weights learned from the playlist log (DECISIONS 22).
    func addWeightsRoutes(_ router: inout Router) {
        let services = self.services

        router.get("/stations/{id}/weights") { request in
            let station = try services.runtime.station(try RequestParsing.pathID(request, "id"))
            return .api(WeightsView(stationID: station.id, weights: station.settings.weights, defaultWeights: .default,
                                    fit: services.fitter.status(of: station.id)))
        }

        router.post("/stations/{id}/weights/fit") { request in
            let station = try services.runtime.station(try RequestParsing.pathID(request, "id"))
            guard request.body.isEmpty || request.body == Array("{}".utf8) else {
                throw HTTPError.badRequest("the fit takes no body", code: "invalid_json")
            }
            return .api(services.fitter.start(stationID: station.id, services: services), status: .accepted)
        }
    }
}
