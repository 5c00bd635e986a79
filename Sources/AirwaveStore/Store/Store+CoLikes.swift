import AirwaveCore
import Foundation

extension Store {
    /// The collaborative signals of one station since `since`, oldest first: every non-redacted like,
    /// favorite, rating, skip and dislike, as the similarity builder consumes them. Implicit plays are left
    /// out (see ``CollaborativeEvent``). At most the newest `limit` interactions are read, so a huge log
    /// bounds the refresher's memory; erased users' interactions are already gone.
    public func collaborativeEvents(stationID: String, since: Date, limit: Int = 2_000_000) throws(StoreError) -> [CollaborativeEvent] {
        try Store.checkID(stationID, field: "station_id")
        guard limit > 0 else { return [] }
        return try read("collaborativeEvents") { conn throws(StoreError) -> [CollaborativeEvent] in
            // The newest `limit` in the window (interactions_station_at serves the range), then oldest first.
            let rows = try conn.query("""
                SELECT user_id, track_id, type, rating FROM (
                    SELECT id, user_id, track_id, type, rating FROM interactions
                    WHERE station_id = $1 AND at >= to_timestamp($2::float8) AND NOT redacted
                      AND type IN ('like', 'favorite', 'rate', 'skip', 'dislike')
                    ORDER BY id DESC
                    LIMIT $3
                ) recent
                ORDER BY id
                """, [stationID, PGParam.date(since), PGParam.int(limit)], context: "collaborativeEvents")
            var events: [CollaborativeEvent] = []
            events.reserveCapacity(rows.rows.count)
            for row in rows.all {
                let typeName = try row.string(2, "type")
                guard let type = FeedbackType(rawValue: typeName) else {
                    throw StoreError(.corruptData, context: "collaborativeEvents: column type")
                }
                let rating = try row.optionalDouble(3, "rating")
                if let event = CollaborativeEvent(userID: try row.string(0, "user_id"), trackID: try row.string(1, "track_id"),
                                                  type: type, rating: rating) {
                    events.append(event)
                }
            }
            return events
        }
    }
}
