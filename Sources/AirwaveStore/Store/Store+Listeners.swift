import Foundation

extension Store {
    /// Inserts or updates a listener's state (now playing, up-next ids, discovery carry, paused).
    public func saveListener(_ l: ListenerRecord) throws(StoreError) {
        try Store.checkListener(l)
        try write("saveListener") { conn throws(StoreError) in try Store.upsertListener(l, on: conn) }
    }

    /// Saves many listener states and departures in ONE transaction (one fsync): the journal's batch.
    ///
    /// A state per listener per statement, each in its own transaction, cost an fsync apiece and capped
    /// the journal (and every request waiting on it) at a few hundred listeners a second.
    public func saveListeners(_ records: [ListenerRecord],
                              departures: [(stationID: String, userID: String, at: Date)] = []) throws(StoreError) {
        for l in records { try Store.checkListener(l) }
        for d in departures {
            try Store.checkID(d.stationID, field: "station_id")
            try Store.checkID(d.userID, field: "user_id")
        }
        guard !records.isEmpty || !departures.isEmpty else { return }
        try transaction("saveListeners") { conn throws(StoreError) in
            for l in records { try Store.upsertListener(l, on: conn) }
            for d in departures { try Store.markLeft(stationID: d.stationID, userID: d.userID, at: d.at, on: conn) }
        }
    }

    static func checkListener(_ l: ListenerRecord) throws(StoreError) {
        try Store.checkID(l.stationID, field: "station_id")
        try Store.checkID(l.userID, field: "user_id")
        if let id = l.nowPlayingTrackID { try Store.checkID(id, field: "now_playing_track_id") }
        for id in l.upNext { try Store.checkID(id, field: "up_next") }
        guard l.discoveryCarry.isFinite else { throw StoreError(.invalidValue, context: "discovery_carry") }
    }

    static func upsertListener(_ l: ListenerRecord, on conn: PGConnection) throws(StoreError) {
        let upNext = try PGParam.json(l.upNext, context: "saveListener")
        try conn.query("""
            INSERT INTO listeners (station_id, user_id, joined_at, left_at, paused, now_playing_track_id,
                                   now_playing_started_at, now_playing_ends_at, up_next, discovery_carry, updated_at)
            VALUES ($1, $2, to_timestamp($3::float8), to_timestamp($4::float8), $5::boolean, $6,
                    to_timestamp($7::float8), to_timestamp($8::float8),
                    ARRAY(SELECT jsonb_array_elements_text($9::jsonb)), $10::float8, now())
            ON CONFLICT (station_id, user_id) DO UPDATE SET
                joined_at = EXCLUDED.joined_at, left_at = EXCLUDED.left_at, paused = EXCLUDED.paused,
                now_playing_track_id = EXCLUDED.now_playing_track_id,
                now_playing_started_at = EXCLUDED.now_playing_started_at,
                now_playing_ends_at = EXCLUDED.now_playing_ends_at, up_next = EXCLUDED.up_next,
                discovery_carry = EXCLUDED.discovery_carry, updated_at = now()
            """, [l.stationID, l.userID, PGParam.date(l.joinedAt), PGParam.date(l.leftAt), PGParam.bool(l.paused),
                  l.nowPlayingTrackID, PGParam.date(l.nowPlayingStartedAt), PGParam.date(l.nowPlayingEndsAt),
                  upNext, PGParam.double(l.discoveryCarry)], context: "saveListener")
    }

    static func markLeft(stationID: String, userID: String, at: Date, on conn: PGConnection) throws(StoreError) {
        try conn.query("""
            UPDATE listeners SET left_at = to_timestamp($3::float8), updated_at = now()
            WHERE station_id = $1 AND user_id = $2 AND left_at IS NULL
            """, [stationID, userID, PGParam.date(at)], context: "removeListener")
    }

    /// Marks a listener as gone at `at`; their history stays.
    public func removeListener(stationID: String, userID: String, at: Date) throws(StoreError) {
        try Store.checkID(stationID, field: "station_id")
        try Store.checkID(userID, field: "user_id")
        try write("removeListener") { conn throws(StoreError) in
            try Store.markLeft(stationID: stationID, userID: userID, at: at, on: conn)
        }
    }

    /// The station's active (not left) listeners, by user id.
    public func loadListeners(stationID: String) throws(StoreError) -> [ListenerRecord] {
        try Store.checkID(stationID, field: "station_id")
        return try read("loadListeners") { conn throws(StoreError) -> [ListenerRecord] in
            let rows = try conn.query("""
                SELECT station_id, user_id, extract(epoch FROM joined_at), extract(epoch FROM left_at), paused,
                       now_playing_track_id, extract(epoch FROM now_playing_started_at),
                       extract(epoch FROM now_playing_ends_at), to_jsonb(up_next)::text, discovery_carry
                FROM listeners WHERE station_id = $1 AND left_at IS NULL ORDER BY user_id
                """, [stationID], context: "loadListeners")
            var listeners: [ListenerRecord] = []
            for row in rows.all {
                listeners.append(ListenerRecord(
                    stationID: try row.string(0, "station_id"), userID: try row.string(1, "user_id"),
                    joinedAt: try row.date(2, "joined_at"), leftAt: try row.optionalDate(3, "left_at"),
                    paused: try row.bool(4, "paused"), nowPlayingTrackID: row.optionalString(5),
                    nowPlayingStartedAt: try row.optionalDate(6, "now_playing_started_at"),
                    nowPlayingEndsAt: try row.optionalDate(7, "now_playing_ends_at"),
                    upNext: try row.json(8, "up_next"), discoveryCarry: try row.double(9, "discovery_carry")))
            }
            return listeners
        }
    }
}
