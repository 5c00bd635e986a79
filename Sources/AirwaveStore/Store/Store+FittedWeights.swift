import AirwaveCore
import Foundation

extension Store {
    /// Saves a station's fitted weights and the fit's report (JSON), replacing earlier ones.
    public func saveFittedWeights(stationID: String, _ weights: ScoringWeights, report: Data) throws(StoreError) {
        try Store.checkID(stationID, field: "station_id")
        let json = try PGParam.json(weights, context: "saveFittedWeights")
        try write("saveFittedWeights") { conn throws(StoreError) in
            try conn.query("""
                INSERT INTO station_fitted_weights (station_id, weights, report) VALUES ($1, $2::jsonb, $3::jsonb)
                ON CONFLICT (station_id) DO UPDATE SET weights = EXCLUDED.weights, report = EXCLUDED.report, fitted_at = now()
                """, [stationID, json, String(decoding: report, as: UTF8.self)], context: "saveFittedWeights")
        }
    }

    /// Every station's fitted weights (applied at start-up).
    public func fittedWeights() throws(StoreError) -> [String: ScoringWeights] {
        try read("fittedWeights") { conn throws(StoreError) -> [String: ScoringWeights] in
            var result: [String: ScoringWeights] = [:]
            for row in try conn.query("SELECT station_id, weights::text FROM station_fitted_weights", [], context: "fittedWeights").all {
                result[try row.string(0, "station_id")] = try row.json(1, "weights")
            }
            return result
        }
    }

    /// The most recent plays of a station, newest first (the weights fit reads them).
    public func latestPlays(stationID: String, limit: Int) throws(StoreError) -> [LoggedPlay] {
        try Store.checkID(stationID, field: "station_id")
        return try read("latestPlays") { conn throws(StoreError) -> [LoggedPlay] in
            try Store.decodePlays(conn.query("""
                SELECT \(Store.playColumns) FROM plays WHERE station_id = $1 ORDER BY seq DESC LIMIT $2::bigint
                """, [stationID, PGParam.int(max(0, limit))], context: "latestPlays"))
        }
    }
}
