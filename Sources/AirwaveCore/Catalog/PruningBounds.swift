/// Per-genre summaries that bound the best score any track of a genre can reach, for exact pruning.
///
/// Invariant: each summary covers every track ever stored under that genre (a superset of the live
/// ones), so bounds stay ≥ the true best score after replacements and removals.
///
/// Artists and genres: a track by artist a in genre g is covered either by g's bound (g is in
/// `artistGenres[a]`, so a's best term lifts g's bound) or, when a has only a few tracks in g, by an entry
/// (slot, g) in `artistStrays[a]`; a ranking that skips g's other tracks scores a listener's strays in g one
/// by one. Invariant: every slot, with the artist and genre it last got, is covered one way or the other
/// (a stray entry whose slot has since changed artist or genre is stale; rankings skip it, as its current
/// pair has its own cover). Why: a listener's prolific artists turn up once or twice in most genres, and with
/// their term in every genre's bound pruning visited nearly half the genres of a 10k catalog (perf).
struct PruningBounds: Sendable {
    /// A slot listed as one of its artist's few tracks in `genre`.
    struct Stray: Sendable, Equatable {
        var slot: Int32
        var genre: UInt16
    }

    /// Genre ids whose bound covers each artist's tracks (the artist's term lifts them).
    var artistGenres: [[Int32]] = []
    /// Per artist, its tracks in genres not in `artistGenres` (each (slot, genre) once).
    var artistStrays: [[Stray]] = []
    /// Entries in all of `artistStrays`, capped at an eighth of the slots (8 B each: at most 1 B per track).
    private(set) var strayCount = 0
    /// Genre ids each mood occurs in.
    var moodGenres: [[Int32]] = []
    /// Lowest and highest energy per genre id.
    var energyMin: [Double] = []
    var energyMax: [Double] = []
    /// Tempo codes present per genre id, as bits (1 slow, 2 medium, 4 fast).
    var tempoMask: [UInt8] = []

    /// An artist with this many tracks in a genre is covered by that genre's bound from then on.
    static let strayLimit = 8

    /// Records that `slot` now holds a track of genre `g`, artist `a`, mood `m`; `slots` is the catalog's
    /// slot count.
    mutating func note(slot: Int, genre g: Int32, artist a: Int32, mood m: Int32, energy: Double, tempo: UInt8,
                       genres: Int, artists: Int, moods: Int, slots: Int) {
        while energyMin.count < genres {
            energyMin.append(.infinity); energyMax.append(-.infinity); tempoMask.append(0)
        }
        while artistGenres.count < artists { artistGenres.append([]); artistStrays.append([]) }
        while moodGenres.count < moods { moodGenres.append([]) }
        let gi = Int(g)
        energyMin[gi] = min(energyMin[gi], energy)
        energyMax[gi] = max(energyMax[gi], energy)
        tempoMask[gi] |= 1 << tempo
        // Lists stay short (an artist rarely spans many genres); a linear check beats a Set here.
        if !moodGenres[Int(m)].contains(g) { moodGenres[Int(m)].append(g) }
        noteArtist(slot: slot, genre: g, artist: Int(a), slots: slots)
    }

    /// Covers `slot` (artist `a`, genre `g`): by g's bound, or as one of a's strays.
    private mutating func noteArtist(slot: Int, genre g: Int32, artist a: Int, slots: Int) {
        if artistGenres[a].contains(g) { return }
        let entry = Stray(slot: Int32(slot), genre: UInt16(g))
        // An artist's first genre is its home (most of its tracks); past the cap everything goes into bounds.
        if artistGenres[a].isEmpty || strayCount >= slots / 8 {
            coverByBound(artist: a, genre: g)
            return
        }
        var inGenre = 0
        for s in artistStrays[a] where s.genre == entry.genre {
            if s == entry { return }
            inGenre += 1
        }
        guard inGenre + 1 >= PruningBounds.strayLimit else {
            artistStrays[a].append(entry)
            strayCount += 1
            return
        }
        // Enough tracks here: the genre's bound covers the artist from now on.
        coverByBound(artist: a, genre: g)
    }

    /// Puts genre `g` into artist `a`'s bound genres; a's strays there are covered by it and go.
    private mutating func coverByBound(artist a: Int, genre g: Int32) {
        artistGenres[a].append(g)
        let before = artistStrays[a].count
        artistStrays[a].removeAll { $0.genre == UInt16(g) }
        strayCount -= before - artistStrays[a].count
    }
}
