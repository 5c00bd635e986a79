import Foundation

extension Store {
    /// A station's analytics over `[from, to)` with hours bucketed in the IANA zone `timeZone`, computed by
    /// the SQL function `station_analytics` (sql/0003) so psql users see the same figures by construction.
    public func stationAnalytics(stationID: String, from: Date, to: Date,
                                 timeZone: String) throws(StoreError) -> StationAnalyticsRecord {
        let text = try stationAnalyticsJSON(stationID: stationID, from: from, to: to, timeZone: timeZone)
        let decoder = JSONDecoder()
        // The function writes local times with an offset and milliseconds, e.g. 2026-11-23T09:00:00.000-05:00.
        decoder.dateDecodingStrategy = .custom { decoder in
            let c = try decoder.singleValueContainer()
            let text = try c.decode(String.self)
            guard let date = try? Date(text, strategy: Date.ISO8601FormatStyle(includingFractionalSeconds: true)) else {
                throw DecodingError.dataCorruptedError(in: c, debugDescription: "expected ISO 8601 with an offset")
            }
            return date
        }
        do {
            return try decoder.decode(StationAnalyticsRecord.self, from: Data(text.utf8))
        } catch {
            throw StoreError(.corruptData, context: "station_analytics result")
        }
    }

    /// The JSON text `station_analytics` returns, unchanged (tools and tests compare it with the API).
    public func stationAnalyticsJSON(stationID: String, from: Date, to: Date,
                                     timeZone: String) throws(StoreError) -> String {
        try Store.checkID(stationID, field: "station_id")
        try Store.checkText(timeZone, field: "timezone")
        return try read("stationAnalytics") { conn throws(StoreError) -> String in
            let rows = try conn.query("""
                SELECT station_analytics($1, to_timestamp($2::float8), to_timestamp($3::float8), $4)::text
                """, [stationID, PGParam.date(from), PGParam.date(to), timeZone], context: "stationAnalytics")
            guard let row = rows.first else { throw StoreError(.corruptData, context: "stationAnalytics: no row") }
            return try row.string(0, "station_analytics")
        }
    }
}
