import AirwaveCore
import Foundation

/// Batched reads for a restart: putting 100,000 saved listeners back one query at a time took four round
/// trips per listener; these take one query per kind of data for a whole chunk of users.
extension Store {
    /// Users per restore query: large enough to amortize the round trip, small enough to keep one result in
    /// memory comfortably (a chunk of recent plays is at most `chunk × limit` rows).
    public static let restoreChunk = 1_000

    /// The current snapshots of `userIDs` that have a profile, by user id.
    public func profiles(userIDs: [String]) throws(StoreError) -> [String: ProfileSnapshot] {
        let users = try Store.userList(userIDs, context: "profiles")
        return try read("profiles") { conn throws(StoreError) -> [String: ProfileSnapshot] in
            var snapshots: [String: ProfileSnapshot] = [:]
            for row in try conn.query("""
                SELECT \(ProfileRows.columns) FROM profiles
                WHERE user_id IN (SELECT jsonb_array_elements_text($1::jsonb))
                """, [users], context: "profiles").all {
                let snapshot = try ProfileRows.decode(row)
                snapshots[snapshot.userID] = snapshot
            }
            return snapshots
        }
    }

    /// The overrides of those of `userIDs` that have any, by user id.
    public func overrides(userIDs: [String]) throws(StoreError) -> [String: ProfileOverrides] {
        let users = try Store.userList(userIDs, context: "overrides")
        return try read("overrides") { conn throws(StoreError) -> [String: ProfileOverrides] in
            var result: [String: ProfileOverrides] = [:]
            for row in try conn.query(#"""
                SELECT user_id, kind, name, "offset" FROM profile_overrides
                WHERE user_id IN (SELECT jsonb_array_elements_text($1::jsonb))
                """#, [users], context: "overrides").all {
                guard let kind = ProfileOverrides.Kind(rawValue: try row.string(1, "kind")) else { continue }
                result[try row.string(0, "user_id"), default: .none][kind][try row.string(2, "name")] = try row.double(3, "offset")
            }
            return result
        }
    }

    /// For each of `userIDs`: the track ids of up to `limit` likes and favorites among their last `scan`
    /// interactions (redacted ones count towards `scan` but are never returned), newest first.
    public func recentLikes(userIDs: [String], scan: Int, limit: Int) throws(StoreError) -> [String: [String]] {
        let users = try Store.userList(userIDs, context: "recentLikes")
        return try read("recentLikes") { conn throws(StoreError) -> [String: [String]] in
            var result: [String: [String]] = [:]
            for row in try conn.query("""
                SELECT u.user_id, liked.track_id
                FROM jsonb_array_elements_text($1::jsonb) AS u(user_id),
                LATERAL (
                    SELECT last.id, last.track_id FROM (
                        SELECT id, track_id, type, redacted FROM interactions
                        WHERE user_id = u.user_id ORDER BY id DESC LIMIT $2::bigint) AS last
                    WHERE NOT last.redacted AND last.type IN ('like', 'favorite')
                    ORDER BY last.id DESC LIMIT $3::bigint) AS liked
                ORDER BY u.user_id, liked.id DESC
                """, [users, PGParam.int(max(0, scan)), PGParam.int(max(0, limit))], context: "recentLikes").all {
                result[try row.string(0, "user_id"), default: []].append(try row.string(1, "track_id"))
            }
            return result
        }
    }

    /// For each of `userIDs`: their `limit` most recent plays on `stationID`, newest first.
    public func recentPlays(stationID: String, userIDs: [String], limit: Int) throws(StoreError) -> [String: [LoggedPlay]] {
        try Store.checkID(stationID, field: "station_id")
        let users = try Store.userList(userIDs, context: "recentPlays")
        return try read("recentPlays") { conn throws(StoreError) -> [String: [LoggedPlay]] in
            let plays = try Store.decodePlays(conn.query("""
                SELECT recent.* FROM jsonb_array_elements_text($2::jsonb) AS u(user_id),
                LATERAL (
                    SELECT \(Store.playColumns) FROM plays WHERE station_id = $1 AND user_id = u.user_id
                    ORDER BY seq DESC LIMIT $3::bigint) AS recent
                """, [stationID, users, PGParam.int(max(0, limit))], context: "recentPlays"))
            return Dictionary(grouping: plays, by: \.userID).mapValues { $0.sorted { $0.seq > $1.seq } }
        }
    }

    /// Validates every id and encodes the list as a JSON array parameter (no text-array quoting to get wrong).
    private static func userList(_ userIDs: [String], context: String) throws(StoreError) -> String {
        for userID in userIDs { try checkID(userID, field: "user_id") }
        return try PGParam.json(userIDs, context: context)
    }
}
