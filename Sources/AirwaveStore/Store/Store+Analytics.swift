import Foundation

extension Store {
    /// A station's analytics over `[from, to)` with hours bucketed in the IANA zone `timeZone`, as the JSON
    /// text the SQL function `station_analytics` (sql/0003) returns: psql users and the API see the same
    /// figures by construction, and the API decodes this text straight into its wire type.
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
