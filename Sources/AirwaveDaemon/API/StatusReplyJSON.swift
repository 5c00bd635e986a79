import AirwaveAPI
import AirwaveHTTP
import JSONText

/// The `GET /status` reply written by hand: the same bytes `APIJSON.encoder()` produces for a
/// ``StatusView`` (sorted keys, slashes unescaped). `/status` is what monitoring polls; through JSONEncoder
/// its small body was about a third of the request's CPU (perf, 2026-11-23). Tests compare the bytes.
enum StatusReplyJSON {
    /// The 200 reply for `view`.
    static func response(_ view: StatusView) -> HTTPResponse {
        HTTPResponse(status: .ok, headers: ["Content-Type": "application/json"], bytes: encode(view))
    }

    /// The reply body for `view`.
    static func encode(_ view: StatusView) -> [UInt8] {
        var out = "{\"listeners\":" + String(view.listeners) + ",\"stations\":["
        out.reserveCapacity(96 + 96 * view.stations.count)
        for (i, station) in view.stations.enumerated() {
            out += i == 0 ? "{\"id\":" : ",{\"id\":"
            JSONText.append(station.id, to: &out)
            out += ",\"listeners\":" + String(station.listeners) + ",\"name\":"
            JSONText.append(station.name, to: &out)
            out += ",\"tracks\":" + String(station.tracks) + "}"
        }
        out += "],\"uptime_seconds\":" + InteractionReplyJSON.number(view.uptimeSeconds) + ",\"version\":"
        JSONText.append(view.version, to: &out)
        out += "}"
        return Array(out.utf8)
    }
}
