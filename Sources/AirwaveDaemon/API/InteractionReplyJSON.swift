import AirwaveAPI
import AirwaveCore
import AirwaveHTTP
import Foundation

/// The `POST …/interactions` reply written by hand: the same bytes `APIJSON.encoder()` produces for an
/// `InteractionResponse` (sorted keys, slashes unescaped, doubles in shortest round-trip form).
///
/// Every acknowledged interaction answers with the whole profile; through JSONEncoder that was a quarter of
/// the daemon's CPU per interaction once a listener had met a few hundred artists, most of it sorting keys
/// through generic UTF-8 views (perf, 2026-11-23). Tests compare the output with the encoder's.
enum InteractionReplyJSON {
    /// The 201 reply for `response`.
    static func response(_ response: InteractionResponse) -> HTTPResponse {
        HTTPResponse(status: .created, headers: ["Content-Type": "application/json"], bytes: encode(response))
    }

    /// The reply body for `response`.
    static func encode(_ response: InteractionResponse) -> [UInt8] {
        let view = response.profile, p = view.profile
        var out = "{\"interaction_id\":" + String(response.interactionID) + ",\"profile\":{\"artists\":"
        out.reserveCapacity(64 + 24 * (p.artists.count + p.genres.count + p.moods.count))
        appendWeights(p.artists, to: &out)
        out += ",\"discovery_factor\":"
        switch p.discoveryFactor {
        case .fixed(let value): out += number(value)
        case .auto: out += "\"auto\""
        }
        out += ",\"energy_level\":" + number(p.energyLevel) + ",\"genres\":"
        appendWeights(p.genres, to: &out)
        out += ",\"moods\":"
        appendWeights(p.moods, to: &out)
        out += ",\"tempo_preference\":"
        JSONText.append(p.tempoPreference.rawValue, to: &out)
        out += ",\"total_interactions\":" + String(p.totalInteractions) + ",\"user_id\":"
        JSONText.append(view.userID, to: &out)
        out += ",\"version\":" + String(view.version) + "}}"
        return Array(out.utf8)
    }

    /// JSONEncoder's text for a finite double: its description without a trailing ".0".
    static func number(_ value: Double) -> String {
        let text = value.description
        return text.hasSuffix(".0") ? String(text.dropLast(2)) : text
    }

    /// `{"key":weight,…}` with keys in UTF-8 byte order, as `.sortedKeys` orders them.
    static func appendWeights(_ weights: [String: Double], to out: inout String) {
        out += "{"
        let keys = weights.keys.map { (key: $0, bytes: Array($0.utf8)) }
            .sorted { $0.bytes.lexicographicallyPrecedes($1.bytes) }
        for (index, entry) in keys.enumerated() {
            if index > 0 { out += "," }
            JSONText.append(entry.key, to: &out)
            out += ":" + number(weights[entry.key]!)
        }
        out += "}"
    }
}
