import AirwaveAPI
import AirwaveHTTP
import AirwaveStore
import Foundation

extension ControlAPI {
    /// `GET /stations/{id}/analytics?from=&to=`: the station's figures over `[from, to)` (DECISIONS 17).
    func addAnalyticsRoutes(_ router: inout Router) {
        let services = self.services
        router.get("/stations/{id}/analytics") { request in
            let station = try services.runtime.station(try RequestParsing.pathID(request, "id"))
            let window = try AnalyticsWindow.parse(request, now: services.runtime.clock.now())
            return .api(try services.stationAnalytics(station.id, from: window.from, to: window.to,
                                                      timeZone: station.settings.timezone))
        }
    }
}

/// The `[from, to)` window of an analytics request: default the last 24 hours, at most 366 days.
struct AnalyticsWindow: Equatable {
    /// Inclusive start.
    var from: Date
    /// Exclusive end.
    var to: Date

    /// The longest window served; a year plus a leap day keeps the hourly series bounded (8,784 hours).
    static let maximum: TimeInterval = 366 * 86_400
    /// The window when none is given.
    static let defaultLength: TimeInterval = 24 * 3_600

    /// Reads `from` and `to` (ISO 8601 with an offset or Z); a missing `to` is now, a missing `from` is
    /// 24 hours before `to`. Errors name the field.
    static func parse(_ request: HTTPRequest, now: Date) throws -> AnalyticsWindow {
        let to = try RequestParsing.time(request, "to") ?? now
        let from = try RequestParsing.time(request, "from") ?? to.addingTimeInterval(-defaultLength)
        guard from < to else {
            throw HTTPError.badRequest("from must be before to (the window is [from, to))", code: "invalid_parameter")
        }
        guard to.timeIntervalSince(from) <= maximum else {
            throw HTTPError.badRequest("to must be at most 366 days after from", code: "invalid_parameter")
        }
        return AnalyticsWindow(from: from, to: to)
    }
}

extension DaemonServices {
    /// A station's figures from the SQL function, decoded straight into the wire type (same keys).
    func stationAnalytics(_ stationID: String, from: Date, to: Date, timeZone: String) throws(StoreError) -> StationAnalytics {
        let text = try store.stationAnalyticsJSON(stationID: stationID, from: from, to: to, timeZone: timeZone)
        do {
            return try APIJSON.decoder().decode(StationAnalytics.self, from: Data(text.utf8))
        } catch {
            throw StoreError(.corruptData, context: "station_analytics result")
        }
    }
}
