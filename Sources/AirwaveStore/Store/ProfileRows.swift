import AirwaveCore
import Foundation

/// SQL for the profile snapshot and the interaction log, shared by the group-commit writer, the play
/// logger and rebuilds. Every function runs on a connection inside the caller's transaction.
enum ProfileRows {
    static let columns = """
        user_id, genres::text, artists::text, moods::text, energy_level, tempo_preference,
        discovery_factor::text, total_interactions, initial::text, version, extract(epoch FROM updated_at)
        """

    /// Decodes a row selected with ``columns``.
    static func decode(_ row: PGRow) throws(StoreError) -> ProfileSnapshot {
        guard let tempo = TempoPreference(rawValue: try row.string(5, "tempo_preference")) else {
            throw StoreError(.corruptData, context: "profiles.tempo_preference")
        }
        let profile: Profile
        let (genres, artists, moods): ([String: Double], [String: Double], [String: Double]) =
            (try row.json(1, "genres"), try row.json(2, "artists"), try row.json(3, "moods"))
        let energy = try row.double(4, "energy_level")
        let discovery: DiscoveryFactor = try row.json(6, "discovery_factor")
        let total = Int(try row.int64(7, "total_interactions"))
        do {
            profile = try Profile(genres: genres, artists: artists, moods: moods, energyLevel: energy,
                                  tempoPreference: tempo, discoveryFactor: discovery, totalInteractions: total)
        } catch {
            throw StoreError(.corruptData, context: "profiles.\(error.field)")
        }
        return ProfileSnapshot(userID: try row.string(0, "user_id"), profile: profile,
                               initial: try row.json(8, "initial"), version: try row.int64(9, "version"),
                               updatedAt: try row.date(10, "updated_at"))
    }

    /// Inserts a profile from `initial` unless the user has one; returns whether it inserted.
    @discardableResult
    static func insert(_ conn: PGConnection, userID: String, initial: Profile, context: String) throws(StoreError) -> Bool {
        let (g, a, m, d, i) = (try PGParam.json(initial.genres, context: context),
                               try PGParam.json(initial.artists, context: context),
                               try PGParam.json(initial.moods, context: context),
                               try PGParam.json(initial.discoveryFactor, context: context),
                               try PGParam.json(initial, context: context))
        return try conn.query("""
            INSERT INTO profiles (user_id, genres, artists, moods, energy_level, tempo_preference, discovery_factor,
                                  total_interactions, initial)
            VALUES ($1, $2::jsonb, $3::jsonb, $4::jsonb, $5::float8, $6, $7::jsonb, $8::bigint, $9::jsonb)
            ON CONFLICT (user_id) DO NOTHING
            """, [userID, g, a, m, PGParam.double(initial.energyLevel), initial.tempoPreference.rawValue, d,
                  PGParam.int(initial.totalInteractions), i], context: context).affected == 1
    }

    /// Creates neutral profiles for users who have none, then locks every listed profile `FOR UPDATE` in
    /// user-id order (one order for every writer, so writers never deadlock each other).
    static func lock(_ conn: PGConnection, userIDs: [String], context: String) throws(StoreError) -> [String: ProfileSnapshot] {
        let sorted = Array(Set(userIDs)).sorted()
        for user in sorted { try insert(conn, userID: user, initial: .neutral, context: context) }
        let rows = try conn.query("""
            SELECT \(columns) FROM profiles
            WHERE user_id IN (SELECT jsonb_array_elements_text($1::jsonb)) ORDER BY user_id FOR UPDATE
            """, [try PGParam.json(sorted, context: context)], context: context)
        var byUser: [String: ProfileSnapshot] = [:]
        for row in rows.all {
            let snapshot = try decode(row)
            byUser[snapshot.userID] = snapshot
        }
        return byUser
    }

    /// Writes a snapshot's learned state and version; returns the stored `updated_at`.
    static func update(_ conn: PGConnection, _ s: ProfileSnapshot, context: String) throws(StoreError) -> Date {
        let p = s.profile
        let row = try conn.query("""
            UPDATE profiles SET genres = $2::jsonb, artists = $3::jsonb, moods = $4::jsonb, energy_level = $5::float8,
                tempo_preference = $6, discovery_factor = $7::jsonb, total_interactions = $8::bigint,
                version = $9::bigint, updated_at = now()
            WHERE user_id = $1 RETURNING extract(epoch FROM updated_at)
            """, [s.userID, try PGParam.json(p.genres, context: context), try PGParam.json(p.artists, context: context),
                  try PGParam.json(p.moods, context: context), PGParam.double(p.energyLevel), p.tempoPreference.rawValue,
                  try PGParam.json(p.discoveryFactor, context: context), PGParam.int(p.totalInteractions),
                  PGParam.int(s.version)], context: context).first
        guard let row else { throw StoreError(.notFound, context: "user_id") }
        return try row.date(0, "updated_at")
    }

    /// The stand-in track a stored event folds with: learning reads only genre, artist and mood.
    static func foldTrack(trackID: String, genre: String, artist: String, mood: String) throws(StoreError) -> Track {
        do {
            return try Track(trackID: trackID, title: "-", artist: artist, genre: genre, mood: mood,
                             energy: 0.5, tempo: .medium, duration: 1)
        } catch {
            throw StoreError(.corruptData, context: "interactions.\(error.field)")
        }
    }
}
