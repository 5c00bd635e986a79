import AirwaveCore
import Foundation

extension Store {
    /// Logs a batch of plays in one transaction: each gets the next gap-free per-station seq (assigned
    /// under the station row lock, so seqs follow commit order), and every `played` entry also appends an
    /// implicit `play` interaction folded into the listener's snapshot (DECISIONS 2 and 16).
    ///
    /// Returns the logged plays in input order. Not group-committed: the scheduler already batches.
    public func recordPlays(_ plays: [PlayInput]) throws(StoreError) -> [LoggedPlay] {
        for (i, p) in plays.enumerated() {
            try Store.checkID(p.stationID, field: "plays[\(i)].station_id")
            try Store.checkID(p.userID, field: "plays[\(i)].user_id")
            try Store.checkTrack(p.track, field: "plays[\(i)].track")
            try Store.checkText(p.daypart, field: "plays[\(i)].daypart")
            for r in p.reasons { try Store.checkText(r, field: "plays[\(i)].reasons") }
            if let s = p.score, !s.isFinite { throw StoreError(.invalidValue, context: "plays[\(i)].score") }
        }
        guard !plays.isEmpty else { return [] }
        let context = "recordPlays"
        return try transaction(context) { conn throws(StoreError) -> [LoggedPlay] in
            var counts: [String: Int] = [:]
            for p in plays { counts[p.stationID, default: 0] += 1 }
            var nextSeq: [String: Int64] = [:]
            for station in counts.keys.sorted() {
                guard let row = try conn.query("""
                    UPDATE stations SET next_play_seq = next_play_seq + $2::bigint WHERE id = $1
                    RETURNING next_play_seq - $2::bigint
                    """, [station, PGParam.int(counts[station]!)], prepared: true, context: context).first else {
                    throw StoreError(.notFound, context: "station_id")
                }
                nextSeq[station] = try row.int64(0, "next_play_seq")
            }
            var logged: [LoggedPlay] = []
            logged.reserveCapacity(plays.count)
            for p in plays {
                let seq = nextSeq[p.stationID]!
                nextSeq[p.stationID] = seq + 1
                logged.append(LoggedPlay(seq: seq, stationID: p.stationID, userID: p.userID, trackID: p.track.trackID,
                                         title: p.track.title, artist: p.track.artist, genre: p.track.genre,
                                         startedAt: p.startedAt, endedAt: p.endedAt, outcome: p.outcome,
                                         discovery: p.discovery, score: p.score, reasons: p.reasons, daypart: p.daypart))
            }
            let encoder = JSONEncoder()
            encoder.dateEncodingStrategy = .secondsSince1970
            let json: String
            do { json = String(decoding: try encoder.encode(logged), as: UTF8.self) } catch {
                throw StoreError(.invalidValue, context: context)
            }
            try conn.query("""
                INSERT INTO plays (station_id, seq, user_id, track_id, title, artist, genre, started_at, ended_at,
                                   outcome, discovery, score, reasons, daypart)
                SELECT x.station_id, x.seq, x.user_id, x.track_id, x.title, x.artist, x.genre, to_timestamp(x.started_at),
                       to_timestamp(x.ended_at), x.outcome, x.discovery, x.score,
                       ARRAY(SELECT jsonb_array_elements_text(x.reasons)), x.daypart
                FROM jsonb_to_recordset($1::jsonb) AS x(station_id text, seq bigint, user_id text, track_id text,
                     title text, artist text, genre text, started_at float8, ended_at float8, outcome text,
                     discovery boolean, score float8, reasons jsonb, daypart text)
                """, [json], prepared: true, context: context)
            let implicit = plays.filter { $0.outcome == .played }.map { p in
                InteractionInput(userID: p.userID, stationID: p.stationID, track: p.track,
                                 feedback: Store.implicitPlay, at: p.endedAt)
            }
            _ = try InteractionWriter.apply(implicit, on: conn, context: context)
            return logged
        }
    }

    /// The implicit feedback a finished play records.
    static let implicitPlay: Feedback = try! Feedback(.play)

    /// A station's as-run log, oldest first: after `afterSeq` (exclusive), from `since`, optionally one user.
    public func plays(stationID: String, afterSeq: Int64?, since: Date?, userID: String?, limit: Int) throws(StoreError) -> [LoggedPlay] {
        try Store.checkID(stationID, field: "station_id")
        if let userID { try Store.checkID(userID, field: "user_id") }
        return try read("plays") { conn throws(StoreError) -> [LoggedPlay] in
            try Store.decodePlays(conn.query("""
                SELECT \(Store.playColumns) FROM plays
                WHERE station_id = $1 AND ($2::bigint IS NULL OR seq > $2::bigint)
                  AND ($3::float8 IS NULL OR started_at >= to_timestamp($3::float8))
                  AND ($4::text IS NULL OR user_id = $4::text)
                ORDER BY seq LIMIT $5::bigint
                """, [stationID, afterSeq.map { PGParam.int($0) }, PGParam.date(since), userID,
                      PGParam.int(max(0, limit))], context: "plays"))
        }
    }

    /// A listener's most recent plays on a station, newest first (repeat windows, artist separation).
    public func recentPlays(stationID: String, userID: String, limit: Int) throws(StoreError) -> [LoggedPlay] {
        try Store.checkID(stationID, field: "station_id")
        try Store.checkID(userID, field: "user_id")
        return try read("recentPlays") { conn throws(StoreError) -> [LoggedPlay] in
            try Store.decodePlays(conn.query("""
                SELECT \(Store.playColumns) FROM plays WHERE station_id = $1 AND user_id = $2
                ORDER BY seq DESC LIMIT $3::bigint
                """, [stationID, userID, PGParam.int(max(0, limit))], context: "recentPlays"))
        }
    }

    /// The default play-log retention (90 days); the daemon prunes plays older than this.
    public static let defaultPlayRetention: TimeInterval = 90 * 86_400

    /// Deletes plays that started before `before`, `batchSize` rows per statement (short locks, small WAL
    /// bursts); returns how many it deleted. The daemon schedules it for the retention setting (default 90 days).
    public func prunePlays(before: Date, batchSize: Int) throws(StoreError) -> Int {
        let batch = max(1, batchSize)
        var total = 0
        while true {
            let deleted = try write("prunePlays") { conn throws(StoreError) -> Int in
                try conn.query("""
                    DELETE FROM plays WHERE (station_id, seq) IN (
                        SELECT station_id, seq FROM plays WHERE started_at < to_timestamp($1::float8) LIMIT $2::bigint)
                    """, [PGParam.date(before), PGParam.int(batch)], context: "prunePlays").affected
            }
            total += deleted
            if deleted < batch { return total }
        }
    }

    static let playColumns = """
        seq, station_id, user_id, track_id, title, artist, genre, extract(epoch FROM started_at),
        extract(epoch FROM ended_at), outcome, discovery, score, to_jsonb(reasons)::text, daypart
        """

    static func decodePlays(_ rows: PGRows) throws(StoreError) -> [LoggedPlay] {
        var plays: [LoggedPlay] = []
        plays.reserveCapacity(rows.rows.count)
        for row in rows.all {
            guard let outcome = PlayOutcome(rawValue: try row.string(9, "outcome")) else {
                throw StoreError(.corruptData, context: "plays.outcome")
            }
            plays.append(LoggedPlay(
                seq: try row.int64(0, "seq"), stationID: try row.string(1, "station_id"), userID: try row.string(2, "user_id"),
                trackID: try row.string(3, "track_id"), title: try row.string(4, "title"), artist: try row.string(5, "artist"),
                genre: try row.string(6, "genre"), startedAt: try row.date(7, "started_at"), endedAt: try row.date(8, "ended_at"),
                outcome: outcome, discovery: try row.bool(10, "discovery"), score: try row.optionalDouble(11, "score"),
                reasons: try row.json(12, "reasons"), daypart: row.optionalString(13)))
        }
        return plays
    }
}
