import AirwaveCore
import Foundation

/// Everything stored about one user (DECISIONS 21).
public struct UserExport: Sendable {
    public var snapshot: ProfileSnapshot
    public var overrides: ProfileOverrides
    public var interactions: [InteractionRecord]
    public var plays: [LoggedPlay]
    public var listeners: [ListenerRecord]
}

extension Store {
    /// Reads everything stored about `userID`, or nil when the user has no profile.
    public func exportUser(userID: String) throws(StoreError) -> UserExport? {
        try Store.checkID(userID, field: "user_id")
        guard let snapshot = try profile(userID: userID) else { return nil }
        let plays = try read("exportUser") { conn throws(StoreError) -> [LoggedPlay] in
            try Store.decodePlays(conn.query("SELECT \(Store.playColumns) FROM plays WHERE user_id = $1 ORDER BY started_at, station_id, seq",
                                             [userID], context: "exportUser"))
        }
        let stations = try read("exportUser") { conn throws(StoreError) -> [String] in
            var ids: [String] = []
            for row in try conn.query("SELECT station_id FROM listeners WHERE user_id = $1 AND left_at IS NULL ORDER BY station_id",
                                      [userID], context: "exportUser").all {
                ids.append(try row.string(0, "station_id"))
            }
            return ids
        }
        var listeners: [ListenerRecord] = []
        for station in stations {
            listeners += try loadListeners(stationID: station).filter { $0.userID == userID }
        }
        return UserExport(snapshot: snapshot, overrides: try overrides(userID: userID),
                          interactions: try interactions(userID: userID, limit: Int.max / 2).reversed(),
                          plays: plays, listeners: listeners)
    }

    /// Erases a user: profile, interactions, overrides, redactions and listener rows are deleted and their
    /// plays anonymized (station statistics keep their counts), in one transaction. Returns false when
    /// the user had no profile.
    @discardableResult
    public func eraseUser(userID: String) throws(StoreError) -> Bool {
        try Store.checkID(userID, field: "user_id")
        let anonymous = "erased-" + String(UInt64.random(in: 0...UInt64.max), radix: 36)
        return try transaction("eraseUser") { conn throws(StoreError) -> Bool in
            let existed = try conn.query("DELETE FROM profiles WHERE user_id = $1", [userID], context: "eraseUser").affected == 1
            try conn.query("DELETE FROM interactions WHERE user_id = $1", [userID], context: "eraseUser")
            try conn.query("DELETE FROM redactions WHERE user_id = $1", [userID], context: "eraseUser")
            try conn.query("DELETE FROM profile_overrides WHERE user_id = $1", [userID], context: "eraseUser")
            try conn.query("DELETE FROM listeners WHERE user_id = $1", [userID], context: "eraseUser")
            try conn.query("UPDATE plays SET user_id = $2 WHERE user_id = $1", [userID, anonymous], context: "eraseUser")
            return existed
        }
    }
}
