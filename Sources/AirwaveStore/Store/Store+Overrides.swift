import AirwaveCore
import Foundation

extension Store {
    /// The user's overrides (empty when none).
    public func overrides(userID: String) throws(StoreError) -> ProfileOverrides {
        try Store.checkID(userID, field: "user_id")
        return try read("overrides") { conn throws(StoreError) -> ProfileOverrides in
            try Store.decodeOverrides(try conn.query(
                #"SELECT kind, name, "offset" FROM profile_overrides WHERE user_id = $1"#, [userID], context: "overrides"))
        }
    }

    /// Sets the given offsets on top of the user's overrides (an offset of 0 removes that entry) in one
    /// transaction, and returns the overrides now in force.
    public func mergeOverrides(userID: String, _ changes: ProfileOverrides) throws(StoreError) -> ProfileOverrides {
        try Store.checkID(userID, field: "user_id")
        return try transaction("mergeOverrides") { conn throws(StoreError) -> ProfileOverrides in
            for kind in ProfileOverrides.Kind.allCases {
                for (name, offset) in changes[kind].sorted(by: { $0.key < $1.key }) {
                    try Store.checkText(name, field: "\(kind.rawValue) key")
                    if offset == 0 {
                        try conn.query("DELETE FROM profile_overrides WHERE user_id = $1 AND kind = $2 AND name = $3",
                                       [userID, kind.rawValue, name], context: "mergeOverrides")
                    } else {
                        try conn.query("""
                            INSERT INTO profile_overrides (user_id, kind, name, "offset") VALUES ($1, $2, $3, $4)
                            ON CONFLICT (user_id, kind, name) DO UPDATE SET "offset" = EXCLUDED."offset", updated_at = now()
                            """, [userID, kind.rawValue, name, PGParam.double(offset)], context: "mergeOverrides")
                    }
                }
            }
            return try Store.decodeOverrides(try conn.query(
                #"SELECT kind, name, "offset" FROM profile_overrides WHERE user_id = $1"#, [userID], context: "mergeOverrides"))
        }
    }

    /// Removes one override; returns whether it existed.
    public func removeOverride(userID: String, kind: ProfileOverrides.Kind, name: String) throws(StoreError) -> Bool {
        try Store.checkID(userID, field: "user_id")
        try Store.checkText(name, field: "name")
        return try write("removeOverride") { conn throws(StoreError) -> Bool in
            try conn.query("DELETE FROM profile_overrides WHERE user_id = $1 AND kind = $2 AND name = $3",
                           [userID, kind.rawValue, name], context: "removeOverride").affected == 1
        }
    }

    /// Removes every override of the user; returns how many there were.
    @discardableResult
    public func clearOverrides(userID: String) throws(StoreError) -> Int {
        try Store.checkID(userID, field: "user_id")
        return try write("clearOverrides") { conn throws(StoreError) -> Int in
            try conn.query("DELETE FROM profile_overrides WHERE user_id = $1", [userID], context: "clearOverrides").affected
        }
    }

    private static func decodeOverrides(_ rows: PGRows) throws(StoreError) -> ProfileOverrides {
        var result = ProfileOverrides.none
        for row in rows.all {
            guard let kind = ProfileOverrides.Kind(rawValue: try row.string(0, "kind")) else { continue }
            result[kind][try row.string(1, "name")] = try row.double(2, "offset")
        }
        return result
    }
}
