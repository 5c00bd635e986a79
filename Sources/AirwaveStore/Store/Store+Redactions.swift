import AirwaveCore
import Foundation

extension Store {
    /// Marks the selected events of `userID` redacted and re-folds the profile from the rest, in one
    /// transaction. Events already covered by an earlier redaction are left to it.
    public func redact(userID: String, _ selector: RedactionSelector) throws(StoreError) -> RedactionResult {
        try Store.checkID(userID, field: "user_id")
        try selector.validate()
        let json = try PGParam.json(selector, context: "redact")
        return try transaction("redact") { conn throws(StoreError) -> RedactionResult in
            guard try conn.query("SELECT 1 FROM profiles WHERE user_id = $1 FOR UPDATE", [userID], context: "redact").first != nil else {
                throw StoreError(.notFound, context: "user_id")
            }
            guard let id = try conn.query("INSERT INTO redactions (user_id, selector, events) VALUES ($1, $2::jsonb, 0) RETURNING id",
                                          [userID, json], context: "redact").first?.int64(0, "id") else {
                throw StoreError(.corruptData, context: "redactions.id")
            }
            let marked: Int
            if let ids = selector.interactionIDs {
                marked = try conn.query("""
                    UPDATE interactions SET redacted = true, redaction_id = $2
                    WHERE user_id = $1 AND NOT redacted AND id = ANY($3::bigint[])
                    """, [userID, PGParam.int(id), "{" + ids.map(String.init).joined(separator: ",") + "}"], context: "redact").affected
            } else if let from = selector.from, let to = selector.to {
                marked = try conn.query("""
                    UPDATE interactions SET redacted = true, redaction_id = $2
                    WHERE user_id = $1 AND NOT redacted AND at >= to_timestamp($3::double precision) AND at < to_timestamp($4::double precision)
                    """, [userID, PGParam.int(id), PGParam.date(from), PGParam.date(to)], context: "redact").affected
            } else {
                marked = try conn.query("""
                    UPDATE interactions SET redacted = true, redaction_id = $2
                    WHERE user_id = $1 AND NOT redacted AND station_id = $3
                    """, [userID, PGParam.int(id), selector.stationID], context: "redact").affected
            }
            try conn.query("UPDATE redactions SET events = $2 WHERE id = $1", [PGParam.int(id), PGParam.int(marked)], context: "redact")
            return RedactionResult(redactionID: id, events: marked, snapshot: try Store.rebuild(conn, userID: userID))
        }
    }

    /// Undoes a redaction: its events count again and the profile is re-folded.
    public func undoRedaction(userID: String, redactionID: Int64) throws(StoreError) -> RedactionResult {
        try Store.checkID(userID, field: "user_id")
        return try transaction("undoRedaction") { conn throws(StoreError) -> RedactionResult in
            guard try conn.query("""
                UPDATE redactions SET undone_at = now() WHERE id = $1 AND user_id = $2 AND undone_at IS NULL RETURNING id
                """, [PGParam.int(redactionID), userID], context: "undoRedaction").first != nil else {
                throw StoreError(.notFound, context: "redaction_id")
            }
            let restored = try conn.query("""
                UPDATE interactions SET redacted = false, redaction_id = NULL WHERE user_id = $1 AND redaction_id = $2
                """, [userID, PGParam.int(redactionID)], context: "undoRedaction").affected
            return RedactionResult(redactionID: redactionID, events: restored, snapshot: try Store.rebuild(conn, userID: userID))
        }
    }

    /// Returns the learned profile to the initial preferences: events so far stay (for analytics) but no
    /// longer count; optionally clears the overrides too.
    public func resetProfile(userID: String, clearOverrides: Bool) throws(StoreError) -> ProfileSnapshot {
        try Store.checkID(userID, field: "user_id")
        return try transaction("resetProfile") { conn throws(StoreError) -> ProfileSnapshot in
            guard try conn.query("""
                UPDATE profiles SET reset_after = coalesce((SELECT max(id) FROM interactions WHERE user_id = $1), 0)
                WHERE user_id = $1 RETURNING user_id
                """, [userID], context: "resetProfile").first != nil else {
                throw StoreError(.notFound, context: "user_id")
            }
            if clearOverrides {
                try conn.query("DELETE FROM profile_overrides WHERE user_id = $1", [userID], context: "resetProfile")
            }
            return try Store.rebuild(conn, userID: userID)
        }
    }
}

extension Store {
    /// Replaces the initial preferences the profile folds from (PATCH /profiles, DECISIONS 10) and re-folds.
    public func updateInitialPreferences(userID: String, _ initial: Profile) throws(StoreError) -> ProfileSnapshot {
        try Store.checkID(userID, field: "user_id")
        try Store.checkProfile(initial)
        let json = try PGParam.json(initial, context: "updateInitialPreferences")
        return try transaction("updateInitialPreferences") { conn throws(StoreError) -> ProfileSnapshot in
            guard try conn.query("UPDATE profiles SET initial = $2::jsonb WHERE user_id = $1 RETURNING user_id",
                                 [userID, json], context: "updateInitialPreferences").first != nil else {
                throw StoreError(.notFound, context: "user_id")
            }
            return try Store.rebuild(conn, userID: userID)
        }
    }
}
