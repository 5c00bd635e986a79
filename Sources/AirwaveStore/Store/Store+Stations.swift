import Foundation

extension Store {
    /// Inserts or updates a station (id, name, settings, source, catalog hash); revives a soft-deleted one.
    public func saveStation(_ s: StationRecord) throws(StoreError) {
        try Store.checkID(s.id, field: "station_id")
        try Store.checkText(s.name, field: "name")
        try Store.checkText(s.catalogHash, field: "catalog_hash")
        let settings = String(decoding: s.settings, as: UTF8.self)
        try Store.checkText(settings, field: "settings")
        try write("saveStation") { conn throws(StoreError) in
            try conn.query("""
                INSERT INTO stations (id, name, settings, source, catalog_hash) VALUES ($1, $2, $3::jsonb, $4, $5)
                ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name, settings = EXCLUDED.settings,
                    source = EXCLUDED.source, catalog_hash = EXCLUDED.catalog_hash, deleted_at = NULL
                """, [s.id, s.name, settings, s.source.rawValue, s.catalogHash], context: "saveStation")
        }
    }

    /// Every station that is not deleted, by id.
    public func loadStations() throws(StoreError) -> [StationRecord] {
        try read("loadStations") { conn throws(StoreError) -> [StationRecord] in
            let rows = try conn.query("""
                SELECT id, name, settings::text, source, catalog_hash, extract(epoch FROM created_at)
                FROM stations WHERE deleted_at IS NULL ORDER BY id
                """, context: "loadStations")
            var stations: [StationRecord] = []
            for row in rows.all {
                guard let source = StationRecord.Source(rawValue: try row.string(3, "source")) else {
                    throw StoreError(.corruptData, context: "stations.source")
                }
                stations.append(StationRecord(
                    id: try row.string(0, "id"), name: try row.string(1, "name"),
                    settings: Data(try row.string(2, "settings").utf8), source: source,
                    catalogHash: row.optionalString(4), createdAt: try row.optionalDate(5, "created_at")))
            }
            return stations
        }
    }

    /// Soft-deletes a station: it no longer loads, its listeners are gone, its history stays.
    public func deleteStation(id: String) throws(StoreError) {
        try Store.checkID(id, field: "station_id")
        try transaction("deleteStation") { conn throws(StoreError) in
            let result = try conn.query("UPDATE stations SET deleted_at = now() WHERE id = $1 AND deleted_at IS NULL",
                                        [id], context: "deleteStation")
            guard result.affected == 1 else { throw StoreError(.notFound, context: "station_id") }
            try conn.query("UPDATE listeners SET left_at = now() WHERE station_id = $1 AND left_at IS NULL",
                           [id], context: "deleteStation: listeners")
        }
    }
}
