import AirwaveCore
import Foundation

extension Store {
    /// Creates a profile from `initial` unless the user has one; the existing profile wins (DECISIONS 10).
    public func createProfile(userID: String, initial: Profile) throws(StoreError) -> (ProfileSnapshot, created: Bool) {
        try Store.checkID(userID, field: "user_id")
        try Store.checkProfile(initial)
        return try transaction("createProfile") { conn throws(StoreError) -> (ProfileSnapshot, created: Bool) in
            let created = try ProfileRows.insert(conn, userID: userID, initial: initial, context: "createProfile")
            guard let row = try conn.query("SELECT \(ProfileRows.columns) FROM profiles WHERE user_id = $1",
                                           [userID], context: "createProfile").first else {
                throw StoreError(.notFound, context: "user_id")
            }
            return (try ProfileRows.decode(row), created)
        }
    }

    /// The user's current snapshot, or nil when they have no profile.
    public func profile(userID: String) throws(StoreError) -> ProfileSnapshot? {
        try Store.checkID(userID, field: "user_id")
        return try read("profile") { conn throws(StoreError) -> ProfileSnapshot? in
            guard let row = try conn.query("SELECT \(ProfileRows.columns) FROM profiles WHERE user_id = $1",
                                           [userID], context: "profile").first else { return nil }
            return try ProfileRows.decode(row)
        }
    }

    /// Appends an explicit interaction and folds it into the snapshot in the same transaction.
    ///
    /// Group commit: concurrent callers share one transaction (one fsync); each returns only after COMMIT,
    /// with its own interaction id and the snapshot right after its event. A user without a profile gets
    /// a neutral one first.
    public func recordInteraction(_ i: InteractionInput) throws(StoreError) -> (interactionID: Int64, snapshot: ProfileSnapshot) {
        try Store.checkID(i.userID, field: "user_id")
        try Store.checkID(i.stationID, field: "station_id")
        try Store.checkTrack(i.track)
        return try writer.submit(i)
    }

    /// The group-commit writer's counters since start.
    public var groupCommitTotals: GroupCommitTotals { writer.totals }

    /// ``recordInteraction(_:)`` without blocking: validates and enqueues at once; `completion` runs with the
    /// outcome once the transaction committed (or failed), on the store's writer thread, so it must only
    /// hand the outcome over (e.g. complete a deferred HTTP response), never do the follow-up work itself.
    public func recordInteraction(
        _ i: InteractionInput,
        completion: @escaping @Sendable (Result<(interactionID: Int64, snapshot: ProfileSnapshot), StoreError>) -> Void
    ) throws(StoreError) {
        try Store.checkID(i.userID, field: "user_id")
        try Store.checkID(i.stationID, field: "station_id")
        try Store.checkTrack(i.track)
        try writer.submit(i, completion: completion)
    }

    /// The user's interactions, newest first, redacted ones included (flagged).
    public func interactions(userID: String, limit: Int) throws(StoreError) -> [InteractionRecord] {
        try Store.checkID(userID, field: "user_id")
        return try read("interactions") { conn throws(StoreError) -> [InteractionRecord] in
            let rows = try conn.query("""
                SELECT id, user_id, station_id, track_id, genre, artist, mood, type, rating, extract(epoch FROM at), redacted
                FROM interactions WHERE user_id = $1 ORDER BY id DESC LIMIT $2::bigint
                """, [userID, PGParam.int(max(0, limit))], context: "interactions")
            var records: [InteractionRecord] = []
            for row in rows.all {
                guard let type = FeedbackType(rawValue: try row.string(7, "type")) else {
                    throw StoreError(.corruptData, context: "interactions.type")
                }
                records.append(InteractionRecord(
                    id: try row.int64(0, "id"), userID: try row.string(1, "user_id"),
                    stationID: try row.string(2, "station_id"), trackID: try row.string(3, "track_id"),
                    genre: try row.string(4, "genre"), artist: try row.string(5, "artist"), mood: try row.string(6, "mood"),
                    type: type, rating: try row.optionalDouble(8, "rating"), at: try row.date(9, "at"),
                    redacted: try row.bool(10, "redacted")))
            }
            return records
        }
    }

    /// Types of the user's last `limit` non-redacted interactions, newest first (for recent like/skip rates).
    public func recentFeedbackTypes(userID: String, limit: Int) throws(StoreError) -> [FeedbackType] {
        try Store.checkID(userID, field: "user_id")
        return try read("recentFeedbackTypes") { conn throws(StoreError) -> [FeedbackType] in
            let rows = try conn.query("""
                SELECT type FROM interactions WHERE user_id = $1 AND NOT redacted ORDER BY id DESC LIMIT $2::bigint
                """, [userID, PGParam.int(max(0, limit))], context: "recentFeedbackTypes")
            var types: [FeedbackType] = []
            for row in rows.all {
                guard let type = FeedbackType(rawValue: try row.string(0, "type")) else {
                    throw StoreError(.corruptData, context: "interactions.type")
                }
                types.append(type)
            }
            return types
        }
    }

    /// Re-folds the user's non-redacted events (after their last reset) over their initial preferences
    /// and stores the result.
    ///
    /// Redaction and reset rely on it; the snapshot it writes equals what the log says, whatever it was.
    public func rebuildProfile(userID: String) throws(StoreError) -> ProfileSnapshot {
        try Store.checkID(userID, field: "user_id")
        return try transaction("rebuildProfile") { conn throws(StoreError) -> ProfileSnapshot in
            try Store.rebuild(conn, userID: userID)
        }
    }

    /// The rebuild itself, inside the caller's transaction.
    static func rebuild(_ conn: PGConnection, userID: String) throws(StoreError) -> ProfileSnapshot {
        let context = "rebuildProfile"
        guard let row = try conn.query("SELECT \(ProfileRows.columns) FROM profiles WHERE user_id = $1 FOR UPDATE",
                                       [userID], context: context).first else {
            throw StoreError(.notFound, context: "user_id")
        }
        var snapshot = try ProfileRows.decode(row)
        var profile = snapshot.initial
        let events = try conn.query("""
            SELECT track_id, genre, artist, mood, type, rating FROM interactions
            WHERE user_id = $1 AND NOT redacted
              AND id > (SELECT reset_after FROM profiles WHERE user_id = $1) ORDER BY id
            """, [userID], context: context)
        for event in events.all {
            guard let type = FeedbackType(rawValue: try event.string(4, "type")) else {
                throw StoreError(.corruptData, context: "interactions.type")
            }
            let feedback: Feedback
            do {
                feedback = try Feedback(type, rating: try event.optionalDouble(5, "rating"))
            } catch {
                throw StoreError(.corruptData, context: "interactions.rating")
            }
            let track = try ProfileRows.foldTrack(trackID: try event.string(0, "track_id"), genre: try event.string(1, "genre"),
                                                  artist: try event.string(2, "artist"), mood: try event.string(3, "mood"))
            profile.learn(feedback, about: track)
        }
        snapshot.profile = profile
        snapshot.version += 1
        snapshot.updatedAt = try ProfileRows.update(conn, snapshot, context: context)
        return snapshot
    }

    static func checkProfile(_ p: Profile) throws(StoreError) {
        for (kind, weights) in [("genres", p.genres), ("artists", p.artists), ("moods", p.moods)] {
            for key in weights.keys { try checkText(key, field: "\(kind) key") }
        }
        do { try p.validate() } catch { throw StoreError(.invalidValue, context: error.field) }
    }
}
