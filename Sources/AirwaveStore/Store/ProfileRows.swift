import AirwaveCore
import Foundation
import JSONText

/// SQL for the profile snapshot and the interaction log, shared by the group-commit writer, the play
/// logger and rebuilds. Every function runs on a connection inside the caller's transaction.
enum ProfileRows {
    /// A profile row's columns as ``decode(_:)`` reads them; the artists are the stored map with the recent
    /// entries over it (migration 8).
    static let columns = """
        user_id, genres::text, (artists || artists_recent)::text, moods::text, energy_level, tempo_preference,
        discovery_factor::text, total_interactions, initial::text, version, extract(epoch FROM updated_at)
        """

    /// Decodes a row selected with ``columns``.
    static func decode(_ row: PGRow) throws(StoreError) -> ProfileSnapshot {
        guard let tempo = TempoPreference(rawValue: try row.string(5, "tempo_preference")) else {
            throw StoreError(.corruptData, context: "profiles.tempo_preference")
        }
        let profile: Profile
        let (genres, artists, moods): ([String: Double], [String: Double], [String: Double]) =
            (try row.weights(1, "genres"), try row.weights(2, "artists"), try row.weights(3, "moods"))
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
    /// user-id order (one order for every writer, so writers never deadlock each other) and returns their
    /// snapshots. A profile whose row is unchanged since `cache` saw it (same `xmin`, same version) is taken
    /// from the cache instead of being read and decoded again.
    ///
    /// One round trip for the insert and the lock (pipelined), one more only for profiles the cache lacks.
    static func lock(_ conn: PGConnection, userIDs: [String], cache: ProfileCache? = nil,
                     context: String) throws(StoreError) -> [String: ProfileSnapshot] {
        let rows = try conn.pipeline(try lockStatements(userIDs: userIDs, context: context), context: context)
        return try snapshots(locked: rows[1], conn, cache: cache, context: context)
    }

    /// The two statements of ``lock(_:userIDs:cache:context:)`` (insert missing profiles, lock all), for a
    /// caller that pipelines them with others; hand the second one's rows to ``snapshots(locked:_:cache:context:)``.
    static func lockStatements(userIDs: [String], context: String) throws(StoreError) -> [PGConnection.Statement] {
        let sorted = Array(Set(userIDs)).sorted()
        let users = try PGParam.json(sorted, context: context)
        return [try insertNeutral(users, context: context), PGConnection.Statement("""
            SELECT user_id, xmin::text, version FROM profiles
            WHERE user_id IN (SELECT jsonb_array_elements_text($1::jsonb)) ORDER BY user_id FOR UPDATE
            """, [users], prepared: true)]
    }

    /// The snapshots of the rows `locked` (user_id, xmin, version): from `cache` when still current, else
    /// read and decoded (one statement for all of those).
    static func snapshots(locked: PGRows, _ conn: PGConnection, cache: ProfileCache?,
                          context: String) throws(StoreError) -> [String: ProfileSnapshot] {
        var byUser: [String: ProfileSnapshot] = [:]
        var misses: [String] = []
        for row in locked.all {
            let user = try row.string(0, "user_id")
            if let hit = cache?.snapshot(user, xmin: try row.string(1, "xmin"), version: try row.int64(2, "version")) {
                byUser[user] = hit
            } else {
                misses.append(user)
            }
        }
        guard !misses.isEmpty else { return byUser }
        let rows = try conn.query("""
            SELECT \(columns) FROM profiles WHERE user_id IN (SELECT jsonb_array_elements_text($1::jsonb))
            """, [try PGParam.json(misses, context: context)], prepared: true, context: context)
        for row in rows.all {
            let snapshot = try decode(row)
            byUser[snapshot.userID] = snapshot
        }
        return byUser
    }

    /// The statement inserting a neutral profile for each user of `users` (a JSON array, sorted) that has none.
    private static func insertNeutral(_ users: String, context: String) throws(StoreError) -> PGConnection.Statement {
        guard let neutral = neutralParameters else { throw StoreError(.invalidValue, context: context) }
        // WITH ORDINALITY keeps the sorted order, so concurrent inserters meet the keys in one order.
        return PGConnection.Statement("""
            INSERT INTO profiles (user_id, genres, artists, moods, energy_level, tempo_preference, discovery_factor,
                                  total_interactions, initial)
            SELECT u.user_id, $2::jsonb, $3::jsonb, $4::jsonb, $5::float8, $6, $7::jsonb, $8::bigint, $9::jsonb
            FROM jsonb_array_elements_text($1::jsonb) WITH ORDINALITY AS u(user_id, n) ORDER BY u.n
            ON CONFLICT (user_id) DO NOTHING
            """, [users] + neutral, prepared: true)
    }

    /// Parameters $2… of the neutral-profile insert: the same for every batch, so encoded once.
    private static let neutralParameters: [String?]? = {
        let initial = Profile.neutral
        do throws(StoreError) {
            return [try PGParam.json(initial.genres, context: "neutral"), try PGParam.json(initial.artists, context: "neutral"),
                    try PGParam.json(initial.moods, context: "neutral"), PGParam.double(initial.energyLevel),
                    initial.tempoPreference.rawValue, try PGParam.json(initial.discoveryFactor, context: "neutral"),
                    PGParam.int(initial.totalInteractions), try PGParam.json(initial, context: "neutral")]
        } catch {
            return nil
        }
    }()

    /// Writes a snapshot's learned state and version; returns the stored `updated_at`.
    static func update(_ conn: PGConnection, _ s: ProfileSnapshot, context: String) throws(StoreError) -> Date {
        try update(conn, [(nil, s)], context: context)[s.userID]!.updatedAt
    }

    /// Writes every snapshot's learned state and version in ONE statement (the rows must be locked by the
    /// caller's transaction); returns each user's stored `updated_at` and the new row's `xmin`. Throws
    /// `notFound` naming `user_id` when a profile is missing.
    ///
    /// With the stored state as `old`, only the weights that changed travel (merged with jsonb `||`): an
    /// interaction changes three entries, and rewriting whole maps made a listener who had met a thousand
    /// artists cost a thousand entries per interaction. Changed artists go to `artists_recent`, so the big
    /// (TOASTed) artist map is left untouched until the recent one passes ``recentArtistsLimit``. `old` must be what the row holds; the caller
    /// guarantees it by having read (or validated) the row under the same lock.
    ///
    /// `events` (a JSON array of `interactions` rows, see ``logEvents``) are inserted by the same statement:
    /// one round trip fewer per group commit.
    ///
    /// With `thenCommit`, COMMIT is sent with the statement (one round trip for both): for a caller that
    /// opened the transaction itself and has nothing left to do in it.
    ///
    /// `touched` names, per user, the only keys that can differ from `old` (the genres, artists and moods of
    /// the events folded): then finding the changes costs those keys, not a scan of the whole profile.
    static func update(_ conn: PGConnection, _ changes: [(old: ProfileSnapshot?, new: ProfileSnapshot)],
                       loggingEvents events: String? = nil, touched: [String: TouchedKeys]? = nil,
                       thenCommit: Bool = false,
                       context: String) throws(StoreError) -> [String: (updatedAt: Date, xmin: String)] {
        guard !changes.isEmpty else { return [:] }
        var records = "["
        for (index, change) in changes.enumerated() {
            let (s, p, old) = (change.new, change.new.profile, change.old?.profile)
            var (genres, artists, moods) = (p.genres, p.artists, p.moods)
            var replace = true
            let keys = touched?[s.userID]
            if let old, let g = delta(old.genres, p.genres, onlyIn: keys?.genres),
               let a = delta(old.artists, p.artists, onlyIn: keys?.artists),
               let m = delta(old.moods, p.moods, onlyIn: keys?.moods) {
                (genres, artists, moods, replace) = (g, a, m, false)
            }
            if index > 0 { records += "," }
            records += "{\"user_id\":"
            JSONText.append(s.userID, to: &records)
            records += ",\"replace\":" + PGParam.bool(replace)
            records += ",\"genres\":" + (try PGParam.json(genres, context: context))
            records += ",\"artists\":" + (try PGParam.json(artists, context: context))
            records += ",\"moods\":" + (try PGParam.json(moods, context: context))
            // As a JSON string, so the server parses the double from the same text as a float8 parameter.
            records += ",\"energy_level\":"
            JSONText.append(PGParam.double(p.energyLevel), to: &records)
            records += ",\"tempo_preference\":"
            JSONText.append(p.tempoPreference.rawValue, to: &records)
            records += ",\"discovery_factor\":" + (try PGParam.json(p.discoveryFactor, context: context))
            records += ",\"total_interactions\":" + PGParam.int(p.totalInteractions)
            records += ",\"version\":" + PGParam.int(s.version) + "}"
        }
        records += "]"
        let update = PGConnection.Statement((events == nil ? "" : logEvents) + """
            UPDATE profiles AS p SET
                genres = CASE WHEN x.replace THEN x.genres ELSE p.genres || x.genres END,
                artists = CASE WHEN x.replace THEN x.artists
                               WHEN pg_column_size(p.artists_recent || x.artists) > \(recentArtistsLimit)
                                   THEN p.artists || p.artists_recent || x.artists
                               ELSE p.artists END,
                artists_recent = CASE WHEN x.replace OR pg_column_size(p.artists_recent || x.artists) > \(recentArtistsLimit)
                                      THEN '{}'::jsonb ELSE p.artists_recent || x.artists END,
                moods = CASE WHEN x.replace THEN x.moods ELSE p.moods || x.moods END,
                energy_level = x.energy_level::float8, tempo_preference = x.tempo_preference,
                discovery_factor = x.discovery_factor, total_interactions = x.total_interactions,
                version = x.version, updated_at = now()
            FROM jsonb_to_recordset($1::jsonb) AS x(user_id text, replace boolean, genres jsonb, artists jsonb,
                 moods jsonb, energy_level text, tempo_preference text, discovery_factor jsonb,
                 total_interactions bigint, version bigint)
            WHERE p.user_id = x.user_id
            RETURNING p.user_id, extract(epoch FROM p.updated_at), p.xmin::text
            """, events.map { [records, $0] } ?? [records], prepared: true)
        let rows: PGRows
        if thenCommit {
            // COMMIT rides in the same round trip; if the connection fails here, whether it committed is unknown.
            do throws(StoreError) {
                rows = try conn.pipeline([update, PGConnection.Statement("COMMIT")], context: context)[0]
            } catch where error.code == .unavailable {
                throw StoreError(.commitUnknown, context: context, sqlState: error.sqlState, serverMessage: error.serverMessage)
            }
        } else {
            rows = try conn.query(update.sql, update.params, prepared: true, context: context)
        }
        var written: [String: (updatedAt: Date, xmin: String)] = [:]
        for row in rows.all {
            written[try row.string(0, "user_id")] = (try row.date(1, "updated_at"), try row.string(2, "xmin"))
        }
        guard changes.allSatisfy({ written[$0.new.userID] != nil }) else { throw StoreError(.notFound, context: "user_id") }
        return written
    }

    /// Bytes the recent-artists map may take before it is folded into `artists`: small enough to stay
    /// inline in the row (no TOAST), large enough that the big map is rewritten only every few dozen
    /// new artists.
    static let recentArtistsLimit = 1024

    /// A data-modifying `WITH` inserting the `interactions` rows of parameter $2 (a JSON array of objects
    /// keyed by column name), put in front of the profile UPDATE.
    static let logEvents = """
        WITH logged AS (
            INSERT INTO interactions (id, user_id, station_id, track_id, genre, artist, mood, type, rating, at)
            SELECT x.id, x.user_id, x.station_id, x.track_id, x.genre, x.artist, x.mood, x.type, x.rating, to_timestamp(x.at)
            FROM jsonb_to_recordset($2::jsonb) AS x(id bigint, user_id text, station_id text, track_id text, genre text,
                 artist text, mood text, type text, rating float8, at float8)
        )

        """

    /// The keys a batch's events can have changed in one user's maps: learning sets only the event
    /// track's genre, artist and mood.
    struct TouchedKeys {
        var genres: Set<String> = []
        var artists: Set<String> = []
        var moods: Set<String> = []
    }

    /// ``delta(_:_:)`` when only `keys` can differ (nil: any key can): looks at those keys alone. Learning
    /// only adds or changes touched keys, so any other difference (a removal) shows in the count, and then
    /// the answer is nil (write the whole map).
    static func delta(_ old: [String: Double], _ new: [String: Double], onlyIn keys: Set<String>?) -> [String: Double]? {
        guard let keys else { return delta(old, new) }
        var changed: [String: Double] = [:]
        var added = 0
        for key in keys {
            guard let value = new[key] else { continue }
            let before = old[key]
            if before == nil { added += 1 }
            if before != value { changed[key] = value }
        }
        return new.count == old.count + added ? changed : nil
    }

    /// The entries of `new` that differ from `old` (added or changed), or nil when an entry was removed
    /// (then the whole map must be written).
    static func delta(_ old: [String: Double], _ new: [String: Double]) -> [String: Double]? {
        var changed: [String: Double] = [:]
        var added = 0
        for (key, value) in new {
            let before = old[key]
            if before == nil { added += 1 }
            if before != value { changed[key] = value }
        }
        return new.count - added == old.count ? changed : nil
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
