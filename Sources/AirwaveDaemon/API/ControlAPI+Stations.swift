import AirwaveAPI
import AirwaveCore
import AirwaveHTTP
import AirwaveRuntime
import AirwaveStore
import Foundation

extension ControlAPI {
    func addStationRoutes(_ router: inout Router) {
        let services = self.services

        router.get("/stations") { _ in
            .api(StationList(stations: services.runtime.allStations().map { view(of: $0, services: services) }))
        }

        router.post("/stations") { request in
            let body = try RequestParsing.body(request, as: CreateStationRequest.self, allowed: CreateStationRequest.allowedKeys)
            let settings = body.settings
            if services.isFileStation(settings.id) {
                throw HTTPError(.conflict, code: "station_exists", message: "station \(settings.id) is defined by a station file")
            }
            if (try? services.runtime.station(settings.id)) != nil { throw RuntimeError.stationExists(settings.id) }
            let catalog = try Catalog(tracks: body.tracks)
            let json = try APIJSON.encoder().encode(settings)
            try services.store.saveStation(StationRecord(id: settings.id, name: settings.name, settings: json, source: .api))
            try services.store.upsertTracks(stationID: settings.id, body.tracks)
            let station = try services.runtime.addStation(settings, catalog: catalog)
            services.log("station \(settings.id) created over HTTP with \(body.tracks.count) tracks")
            services.collaborative.requestRefresh()
            return .api(view(of: station, services: services), status: .created)
        }

        router.get("/stations/{id}") { request in
            let station = try services.runtime.station(try RequestParsing.pathID(request, "id"))
            return .api(view(of: station, services: services))
        }

        router.delete("/stations/{id}") { request in
            let id = try RequestParsing.pathID(request, "id")
            _ = try services.runtime.station(id)
            if services.isFileStation(id) {
                throw HTTPError(.conflict, code: "file_station",
                                message: "station \(id) is defined by a station file; remove the file and reload (SIGHUP)")
            }
            try services.store.deleteStation(id: id)
            try services.runtime.removeStation(id)
            try services.journal.flush()
            return .empty(.noContent)
        }

        router.post("/stations/{id}/tracks") { request in
            let station = try services.runtime.station(try RequestParsing.pathID(request, "id"))
            let batch = try RequestParsing.body(request, as: TrackBatch.self, allowed: ["tracks"])
            guard !batch.tracks.isEmpty else {
                throw HTTPError.badRequest("tracks must hold at least one track", code: "invalid_value")
            }
            // Duplicate ids inside one batch are a client mistake, not a replacement.
            _ = try Catalog(tracks: batch.tracks)
            // Refused before anything is stored: past 65,536 distinct genres or moods the catalog cannot take it.
            try station.dj.catalog.checkRoom(for: batch.tracks)
            try services.store.upsertTracks(stationID: station.id, batch.tracks)
            let result = try station.upsert(batch.tracks)
            services.collaborative.requestRefresh()
            return .api(TrackUpsertResult(added: result.added, replaced: result.replaced, total: station.trackCount))
        }

        router.delete("/stations/{id}/tracks/{track_id}") { request in
            let station = try services.runtime.station(try RequestParsing.pathID(request, "id"))
            let trackID = try RequestParsing.pathID(request, "track_id")
            guard station.dj.catalog.index(of: trackID) != nil, station.dj.catalog.track(at: station.dj.catalog.index(of: trackID)!) != nil else {
                throw RuntimeError.unknownTrack(station: station.id, track: trackID)
            }
            _ = try services.store.removeTrack(stationID: station.id, trackID: trackID)
            _ = station.removeTrack(trackID, now: services.runtime.clock.now())
            return .empty(.noContent)
        }
    }
}

/// The API view of a running station.
func view(of station: StationRuntime, services: DaemonServices) -> StationView {
    StationView(settings: station.settings, trackCount: station.trackCount, listenerCount: station.listenerCount,
                source: services.isFileStation(station.id) ? "file" : "api")
}
