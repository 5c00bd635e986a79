import AirwaveCore
import Foundation

extension Store {
    /// Rows per INSERT statement: large enough to amortise round trips, small enough to bound memory.
    static let trackChunk = 5_000

    /// Inserts or updates `tracks` in one transaction, keeping their order as the catalog order.
    ///
    /// Each chunk travels as one jsonb parameter expanded by `jsonb_to_recordset`, so 100k tracks take a
    /// couple of dozen statements, not 100k.
    public func upsertTracks(stationID: String, _ tracks: [Track]) throws(StoreError) {
        try Store.checkID(stationID, field: "station_id")
        for (i, t) in tracks.enumerated() { try Store.checkTrack(t, field: "tracks[\(i)]") }
        guard !tracks.isEmpty else { return }
        try transaction("upsertTracks") { conn throws(StoreError) in
            let base = try conn.query("SELECT coalesce(max(ord), 0) FROM tracks WHERE station_id = $1",
                                      [stationID], context: "upsertTracks").first?.int64(0, "ord") ?? 0
            var start = 0
            while start < tracks.count {
                let chunk = Array(tracks[start..<min(start + Store.trackChunk, tracks.count)])
                let json = try PGParam.json(chunk, context: "upsertTracks")
                try conn.query("""
                    INSERT INTO tracks (station_id, track_id, ord, title, artist, genre, mood, energy, tempo, duration,
                                        album, year, key, bpm, uri)
                    SELECT $1, x.track_id, $3::bigint + x.n, x.title, x.artist, x.genre, x.mood, x.energy, x.tempo,
                           x.duration, x.album, x.year, x.key, x.bpm, x.uri
                    FROM ROWS FROM (jsonb_to_recordset($2::jsonb)
                             AS (track_id text, title text, artist text, genre text, mood text, energy float8,
                                 tempo text, duration float8, album text, year int, key text, bpm float8, uri text))
                         WITH ORDINALITY AS x(track_id, title, artist, genre, mood, energy, tempo, duration, album,
                                              year, key, bpm, uri, n)
                    ON CONFLICT (station_id, track_id) DO UPDATE SET
                        title = EXCLUDED.title, artist = EXCLUDED.artist, genre = EXCLUDED.genre,
                        mood = EXCLUDED.mood, energy = EXCLUDED.energy, tempo = EXCLUDED.tempo,
                        duration = EXCLUDED.duration, album = EXCLUDED.album, year = EXCLUDED.year,
                        key = EXCLUDED.key, bpm = EXCLUDED.bpm, uri = EXCLUDED.uri
                    """, [stationID, json, String(base + Int64(start))], context: "upsertTracks")
                start += chunk.count
            }
        }
    }

    /// Removes one track from a station's catalog; returns whether it existed.
    public func removeTrack(stationID: String, trackID: String) throws(StoreError) -> Bool {
        try Store.checkID(stationID, field: "station_id")
        try Store.checkID(trackID, field: "track_id")
        return try write("removeTrack") { conn throws(StoreError) -> Bool in
            try conn.query("DELETE FROM tracks WHERE station_id = $1 AND track_id = $2",
                           [stationID, trackID], context: "removeTrack").affected == 1
        }
    }

    /// A station's catalog in catalog order.
    public func loadTracks(stationID: String) throws(StoreError) -> [Track] {
        try Store.checkID(stationID, field: "station_id")
        return try read("loadTracks") { conn throws(StoreError) -> [Track] in
            let rows = try conn.query("""
                SELECT track_id, title, artist, genre, mood, energy, tempo, duration, album, year, key, bpm, uri
                FROM tracks WHERE station_id = $1 ORDER BY ord
                """, [stationID], context: "loadTracks")
            var tracks: [Track] = []
            tracks.reserveCapacity(rows.rows.count)
            for row in rows.all {
                guard let tempo = Tempo(rawValue: try row.string(6, "tempo")) else {
                    throw StoreError(.corruptData, context: "tracks.tempo")
                }
                let year = row.optionalString(9).flatMap { Int($0) }
                let (id, title, artist, genre, mood) = (try row.string(0, "track_id"), try row.string(1, "title"),
                                                        try row.string(2, "artist"), try row.string(3, "genre"),
                                                        try row.string(4, "mood"))
                let (energy, duration, bpm) = (try row.double(5, "energy"), try row.double(7, "duration"),
                                               try row.optionalDouble(11, "bpm"))
                do throws(ValidationError) {
                    tracks.append(try Track(
                        trackID: id, title: title, artist: artist, genre: genre, mood: mood, energy: energy, tempo: tempo,
                        duration: duration, album: row.optionalString(8), year: year,
                        key: row.optionalString(10), bpm: bpm, uri: row.optionalString(12)))
                } catch {
                    throw StoreError(.corruptData, context: "tracks.\(error.field)")
                }
            }
            return tracks
        }
    }
}
