/// A station's tracks laid out for fast scoring: one array per scored field, names interned as ids.
///
/// Every track has a stable *index* (its slot). Upserting an existing `track_id` replaces it in place;
/// new tracks are appended; removal tombstones the slot, so indices held elsewhere (history, queues)
/// stay valid and a removed track is never picked again.
public struct Catalog: Sendable {
    /// The full track per slot (kept for answers; scoring reads the arrays below).
    public private(set) var tracks: [Track] = []
    /// Whether each slot is live (false = removed).
    public private(set) var alive: [Bool] = []
    /// Interned genre id per slot (16 bits: see ``nameLimit``).
    public private(set) var genreIDs: [UInt16] = []
    /// Interned artist id per slot.
    public private(set) var artistIDs: [Int32] = []
    /// Interned mood id per slot (16 bits: see ``nameLimit``).
    public private(set) var moodIDs: [UInt16] = []
    /// Energy per slot, in [0, 1].
    public private(set) var energies: [Double] = []
    /// Tempo per slot: 0 slow, 1 medium, 2 fast.
    public private(set) var tempos: [UInt8] = []
    /// Genre names ↔ ids.
    public private(set) var genres = NameTable()
    /// Artist names ↔ ids.
    public private(set) var artists = NameTable()
    /// Mood names ↔ ids.
    public private(set) var moods = NameTable()
    /// Slots of each genre id in ascending order (removed slots included; scans check `alive`).
    public private(set) var slotsByGenre: [[Int32]] = []
    /// Bounds used for exact pruning; each is a superset summary (never shrinks on replace or remove),
    /// so a bound computed from it is always ≥ the true best score.
    private(set) var bounds = PruningBounds()
    private var slotByID: [String: Int] = [:]
    /// Number of live (not removed) tracks.
    public private(set) var liveCount = 0
    /// Bumped by every upsert and removal, so caches derived from the catalog (query indexes) know to rebuild.
    public private(set) var revision = 0

    /// Most distinct genres, and separately most distinct moods, one catalog holds: their ids are stored in
    /// 16 bits so the per-track scoring columns stay small (a station has a few hundred at most).
    public static let nameLimit = 1 << 16

    /// An empty catalog.
    public init() {}

    /// Builds a catalog in the given order; a repeated `track_id` is an error naming `track_id`, more than
    /// ``nameLimit`` distinct genres or moods an error naming `genre` or `mood`.
    public init(tracks: [Track]) throws(ValidationError) {
        reserve(tracks.count)
        for (i, track) in tracks.enumerated() {
            guard slotByID[track.trackID] == nil else {
                throw ValidationError(field: "track_id", "duplicate \"\(track.trackID)\" (tracks \(slotByID[track.trackID]!) and \(i))")
            }
            try checkRoom(genre: track.genre, mood: track.mood, trackID: track.trackID)
            append(track)
        }
    }

    /// Pruning's stray entries (an artist's few tracks in a genre, 8 B each; at most `count / 8`), so memory
    /// figures can count them: they add under 1 B per track to the per-track scoring data.
    public var pruningStrayEntries: Int { bounds.strayCount }

    /// Number of slots, removed ones included (valid indices are `0..<count`).
    public var count: Int { tracks.count }

    /// The live track at `index`, or nil if out of range or removed.
    public func track(at index: Int) -> Track? {
        guard index >= 0, index < tracks.count, alive[index] else { return nil }
        return tracks[index]
    }

    /// The index of the live track with `trackID`, in O(1).
    public func index(of trackID: String) -> Int? { slotByID[trackID] }

    /// Adds new tracks at the end and replaces existing ones in place (same index).
    ///
    /// Precondition: the catalog stays within ``nameLimit`` genres and moods (use ``checkedUpsert(_:)`` to get
    /// an error instead; every batch that came through ``init(tracks:)`` is within it on its own).
    @discardableResult
    public mutating func upsert(_ newTracks: [Track]) -> (added: Int, replaced: Int) {
        do {
            return try checkedUpsert(newTracks)
        } catch {
            preconditionFailure("\(error)")
        }
    }

    /// Like ``upsert(_:)``, but throws (changing nothing) when the batch would take the catalog past
    /// ``nameLimit`` distinct genres or moods; the error names `genre` or `mood`.
    @discardableResult
    public mutating func checkedUpsert(_ newTracks: [Track]) throws(ValidationError) -> (added: Int, replaced: Int) {
        try checkRoom(for: newTracks)
        var added = 0, replaced = 0
        revision += 1
        for track in newTracks {
            if let slot = slotByID[track.trackID] {
                write(track, at: slot)
                replaced += 1
            } else {
                append(track)
                added += 1
            }
        }
        return (added, replaced)
    }

    /// Throws, naming `genre` or `mood`, when upserting `newTracks` would take the catalog past ``nameLimit``
    /// distinct genres or moods; lets a caller refuse a batch before it stores it anywhere.
    public func checkRoom(for newTracks: [Track]) throws(ValidationError) {
        var newGenres = Set<String>(), newMoods = Set<String>()
        for track in newTracks {
            if genres.id(of: track.genre) == nil { newGenres.insert(track.genre) }
            if moods.id(of: track.mood) == nil { newMoods.insert(track.mood) }
            if genres.count + newGenres.count > Catalog.nameLimit || moods.count + newMoods.count > Catalog.nameLimit {
                try checkRoom(genre: track.genre, mood: track.mood, trackID: track.trackID, adding: (newGenres.count, newMoods.count))
            }
        }
    }

    /// Removes the track with `trackID` (its slot is tombstoned); false if there was none.
    @discardableResult
    public mutating func remove(trackID: String) -> Bool {
        guard let slot = slotByID.removeValue(forKey: trackID) else { return false }
        alive[slot] = false
        liveCount -= 1
        revision += 1
        return true
    }

    /// The live tracks in index order.
    public var liveTracks: [Track] {
        var out: [Track] = []
        out.reserveCapacity(liveCount)
        for i in tracks.indices where alive[i] { out.append(tracks[i]) }
        return out
    }

    /// Throws when interning `genre` or `mood` would pass ``nameLimit`` (`adding` counts names already on
    /// their way in, including these).
    private func checkRoom(genre: String, mood: String, trackID: String, adding: (Int, Int)? = nil) throws(ValidationError) {
        let newGenres = adding?.0 ?? (genres.id(of: genre) == nil ? 1 : 0)
        let newMoods = adding?.1 ?? (moods.id(of: mood) == nil ? 1 : 0)
        guard genres.count + newGenres <= Catalog.nameLimit else {
            throw ValidationError(field: "genre", "a catalog holds at most \(Catalog.nameLimit) distinct genres (track \"\(trackID)\" would add one more)")
        }
        guard moods.count + newMoods <= Catalog.nameLimit else {
            throw ValidationError(field: "mood", "a catalog holds at most \(Catalog.nameLimit) distinct moods (track \"\(trackID)\" would add one more)")
        }
    }

    private mutating func reserve(_ n: Int) {
        tracks.reserveCapacity(n); alive.reserveCapacity(n); genreIDs.reserveCapacity(n)
        artistIDs.reserveCapacity(n); moodIDs.reserveCapacity(n); energies.reserveCapacity(n); tempos.reserveCapacity(n)
        slotByID.reserveCapacity(n)
    }

    private mutating func append(_ track: Track) {
        slotByID[track.trackID] = tracks.count
        tracks.append(track)
        alive.append(true)
        let g = genres.intern(track.genre), a = artists.intern(track.artist), m = moods.intern(track.mood)
        // checkRoom ran first: both ids fit in 16 bits.
        genreIDs.append(UInt16(g))
        artistIDs.append(a)
        moodIDs.append(UInt16(m))
        energies.append(track.energy)
        tempos.append(Catalog.code(track.tempo))
        liveCount += 1
        while slotsByGenre.count < genres.count { slotsByGenre.append([]) }
        slotsByGenre[Int(g)].append(Int32(tracks.count - 1))
        bounds.note(slot: tracks.count - 1, genre: g, artist: a, mood: m, energy: track.energy,
                    tempo: Catalog.code(track.tempo), genres: genres.count, artists: artists.count, moods: moods.count,
                    slots: tracks.count)
    }

    private mutating func write(_ track: Track, at slot: Int) {
        tracks[slot] = track
        let oldGenre = Int32(genreIDs[slot])
        let g = genres.intern(track.genre), a = artists.intern(track.artist), m = moods.intern(track.mood)
        genreIDs[slot] = UInt16(g)
        artistIDs[slot] = a
        moodIDs[slot] = UInt16(m)
        energies[slot] = track.energy
        tempos[slot] = Catalog.code(track.tempo)
        while slotsByGenre.count < genres.count { slotsByGenre.append([]) }
        if g != oldGenre {
            let s = Int32(slot)
            if let at = Catalog.position(of: s, in: slotsByGenre[Int(oldGenre)]), slotsByGenre[Int(oldGenre)][at] == s {
                slotsByGenre[Int(oldGenre)].remove(at: at)
            }
            let bucket = slotsByGenre[Int(g)]
            slotsByGenre[Int(g)].insert(s, at: Catalog.position(of: s, in: bucket) ?? bucket.count)
        }
        bounds.note(slot: slot, genre: g, artist: a, mood: m, energy: track.energy, tempo: Catalog.code(track.tempo),
                    genres: genres.count, artists: artists.count, moods: moods.count, slots: tracks.count)
    }

    /// First position in ascending `list` whose value is ≥ `value` (nil if none).
    private static func position(of value: Int32, in list: [Int32]) -> Int? {
        var lo = 0, hi = list.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if list[mid] < value { lo = mid + 1 } else { hi = mid }
        }
        return lo < list.count ? lo : nil
    }

    static func code(_ tempo: Tempo) -> UInt8 {
        switch tempo {
        case .slow: return 0
        case .medium: return 1
        case .fast: return 2
        }
    }
}
