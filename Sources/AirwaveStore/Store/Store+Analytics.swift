import Foundation

extension Store {
    /// A station's analytics over `[from, to)` with hours bucketed in the IANA zone `timeZone`, computed by
    /// the SQL function `station_analytics` (sql/0003) so psql users see the same figures by construction.
    public func stationAnalytics(stationID: String, from: Date, to: Date,
                                 timeZone: String) throws(StoreError) -> StationAnalyticsRecord {
        let text = try stationAnalyticsJSON(stationID: stationID, from: from, to: to, timeZone: timeZone)
        do {
            return try JSONDecoder().decode(StationAnalyticsRecord.self, from: Data(text.utf8))
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
