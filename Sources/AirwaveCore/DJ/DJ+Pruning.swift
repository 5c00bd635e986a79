extension DJ {
    /// ``RequestScratch/genreVisits`` values: a genre's strays were offered one by one, or it was scanned whole.
    static let straysOffered: UInt8 = 1, genreScanned: UInt8 = 2
    /// Candidates a genre scan stages before offering them to the top-K at once.
    static let offerBatch = 32

    /// Exact top-`capacity` ranking that visits genres best-bound first and stops once no remaining genre
    /// can beat the worst kept candidate.
    ///
    /// A genre's bound adds, term by term, the best each term can be for any track stored under it:
    /// its genre term, the best listener artist that recorded in it, the energy term at the closest energy
    /// in its range, the best tempo present, the best listener mood present. Every term is computed with
    /// the same floating-point operations as the score, and rounding is monotonic, so bound ≥ score.
    /// That bound takes the artist term only over the artists the genre's bound covers (see ``PruningBounds``);
    /// the listener's artists' few other tracks in the genre, its strays, are a second entry with their own
    /// bound (their best artist term). Entries are visited best bound first: a strays entry scores its slots
    /// one by one (and the genre's scan, if its entry comes up later, skips them); a strays entry that comes
    /// up after its genre's scan is skipped. So each slot is offered at most once, and a genre that only its
    /// strays could reach is never scanned. Items arrive out of catalog order, so ties are settled by the
    /// top-K's full ordering.
    func rankPruned(_ table: ScoringTable, capacity: Int, excluded: SlotMarks, scratch: inout RequestScratch) -> [Scored] {
        guard capacity > 0 else { return [] }
        // The loop reads the bit set unchecked: it must cover every slot (RequestScratch.fit does).
        precondition(excluded.words.count * 64 >= catalog.count, "exclusion marks do not cover the catalog")
        let b = catalog.bounds
        let genreCount = catalog.slotsByGenre.count
        // Zeroed scratch arrays (at least genreCount long); the entries written are zeroed again below.
        var bestArtist = scratch.bestArtist, bestMood = scratch.bestMood, bestStray = scratch.bestStray
        var starts = scratch.strayStarts, strays = scratch.strays, visited = scratch.genreVisits
        scratch.genreVisits = []
        scratch.bestArtist = []
        scratch.bestMood = []
        scratch.bestStray = []
        scratch.strayStarts = []
        scratch.strays = []
        for a in table.scoredArtists {
            let term = table.artistTerm[Int(a)]
            for g in b.artistGenres[Int(a)] where term > bestArtist[Int(g)] { bestArtist[Int(g)] = term }
        }
        for m in table.scoredMoods {
            let term = table.moodTerm[Int(m)]
            for g in b.moodGenres[Int(m)] where term > bestMood[Int(g)] { bestMood[Int(g)] = term }
        }
        // The listener's strays, grouped by genre (a counting sort): genre g's are strays[starts[g]..<starts[g + 1]].
        // Only artists with a positive term: a zero term is no more than any genre's bound already allows, so
        // such an artist's strays are covered by their genre's scan (which tells strays apart by that term).
        var strayTotal = 0
        for a in table.scoredArtists where table.artistTerm[Int(a)] > 0 {
            let term = table.artistTerm[Int(a)]
            for s in b.artistStrays[Int(a)] {
                let g = Int(s.genre)
                starts[g + 1] += 1
                if term > bestStray[g] { bestStray[g] = term }
            }
            strayTotal += b.artistStrays[Int(a)].count
        }
        if strayTotal > 0 {
            for g in 0..<genreCount { starts[g + 1] += starts[g] }
            strays.append(contentsOf: repeatElement((slot: Int32(0), artist: Int32(0)), count: strayTotal))
            // starts[g] advances as genre g fills, ending where genre g + 1 begins; shifted back below.
            for a in table.scoredArtists where table.artistTerm[Int(a)] > 0 {
                for s in b.artistStrays[Int(a)] {
                    let g = Int(s.genre)
                    strays[Int(starts[g])] = (s.slot, a)
                    starts[g] += 1
                }
            }
            for g in stride(from: genreCount, to: 0, by: -1) { starts[g] = starts[g - 1] }
            starts[0] = 0
        }

        let eT = table.energyTarget, eW = table.energyWeight
        // One entry per genre for its scan, and one more for its strays when the listener has some there.
        var order: [(bound: Double, genre: Int, strays: Bool)] = []
        order.reserveCapacity(2 * genreCount)
        for g in 0..<genreCount where !catalog.slotsByGenre[g].isEmpty {
            // Distance from the target to the genre's energy range, as the score would compute it at
            // the range's nearest end (0 when the target lies inside).
            let lo = b.energyMin[g], hi = b.energyMax[g]
            let distance = eT < lo ? abs(lo - eT) : (eT > hi ? abs(hi - eT) : 0)
            var bestTempo = 0.0
            for code in 0..<3 where b.tempoMask[g] & (1 << code) != 0 { bestTempo = max(bestTempo, table.tempoTerm[code]) }
            let bound = table.genreTerm[g] + bestArtist[g] + eW * (1 - distance) + bestTempo + bestMood[g]
            order.append((bound, g, false))
            if starts[g + 1] > starts[g] {
                order.append((table.genreTerm[g] + bestStray[g] + eW * (1 - distance) + bestTempo + bestMood[g], g, true))
            }
        }
        // Best bound first; the order among equal bounds does not matter (the answer is exact either way).
        order.withUnsafeMutableBufferPointer { o in
            for k in 1..<max(1, o.count) {
                let item = o[k]
                var j = k
                while j > 0, o[j - 1].bound < item.bound {
                    o[j] = o[j - 1]
                    j -= 1
                }
                o[j] = item
            }
        }
        for a in table.scoredArtists {
            for g in b.artistGenres[Int(a)] { bestArtist[Int(g)] = 0 }
            for s in b.artistStrays[Int(a)] { bestStray[Int(s.genre)] = 0 }
        }
        for m in table.scoredMoods { for g in b.moodGenres[Int(m)] { bestMood[Int(g)] = 0 } }
        scratch.bestArtist = bestArtist
        scratch.bestMood = bestMood
        scratch.bestStray = bestStray

        var top = TopK(capacity: capacity, reusing: scratch.buffer, bucketed: true)
        scratch.buffer = []
        table.genreTerm.withUnsafeBufferPointer { gT in
        table.artistTerm.withUnsafeBufferPointer { aT in
        table.moodTerm.withUnsafeBufferPointer { mT in
        table.tempoTerm.withUnsafeBufferPointer { tT in
        catalog.genreIDs.withUnsafeBufferPointer { gs in
        catalog.artistIDs.withUnsafeBufferPointer { a in
        catalog.moodIDs.withUnsafeBufferPointer { m in
        catalog.tempos.withUnsafeBufferPointer { t in
        catalog.energies.withUnsafeBufferPointer { e in
        catalog.alive.withUnsafeBufferPointer { live in
        excluded.words.withUnsafeBufferPointer { x in
        withUnsafeTemporaryAllocation(of: Scored.self, capacity: DJ.offerBatch) { stage in
            // Here an item must reach both the threshold and the floor (each `>=`), so one gate holds the larger.
            var threshold = max(top.threshold, top.floor)
            for (bound, g, isStrays) in order {
                top.tighten()
                threshold = max(top.threshold, top.floor)
                // A bound equal to the threshold can still win a tie on catalog order, so only `<` stops.
                if bound < threshold { break }
                let genreTerm = gT[g]
                let strayRange = Int(starts[g])..<Int(starts[g + 1])
                if isStrays {
                    // The genre's scan, when it came first, covered its strays.
                    if visited[g] == DJ.genreScanned { continue }
                    visited[g] = DJ.straysOffered
                    for k in strayRange {
                        let (slot, artist) = strays[k]
                        let i = Int(slot)
                        // An entry whose slot has since changed artist or genre is stale: its current artist and
                        // genre cover it.
                        guard a[i] == artist, Int(gs[i]) == g else { continue }
                        let s = genreTerm + aT[Int(a[i])] + eW * (1 - abs(e[i] - eT)) + tT[Int(t[i])] + mT[Int(m[i])]
                        guard s >= threshold else { continue }
                        guard live[i], x[i >> 6] & (1 << UInt64(i & 63)) == 0 else { continue }
                        top.offer(Scored(score: s, index: i))
                        threshold = max(top.threshold, top.floor)
                    }
                    continue
                }
                let straysDone = visited[g] == DJ.straysOffered
                visited[g] = DJ.genreScanned
                catalog.slotsByGenre[g].withUnsafeBufferPointer { slots in
                    // Candidates are staged and offered in batches (the gate lags by at most a batch: exact,
                    // as the gate only ever keeps out items below a past threshold).
                    var staged = 0
                    for slot in slots {
                        let i = Int(slot)
                        // Same expression, same order as ScoringTable.score (genre term read once per genre).
                        let s = genreTerm + aT[Int(a[i])] + eW * (1 - abs(e[i] - eT)) + tT[Int(t[i])] + mT[Int(m[i])]
                        guard s >= threshold else { continue }
                        guard live[i], x[i >> 6] & (1 << UInt64(i & 63)) == 0 else { continue }
                        // A stray of this genre was offered (or not) with the strays already; only artists with
                        // a positive term have strays listed, and a valid entry names the slot's current artist.
                        if straysDone, aT[Int(a[i])] > 0,
                           strays[strayRange].contains(where: { $0.slot == slot && $0.artist == a[i] }) { continue }
                        stage[staged] = Scored(score: s, index: i)
                        staged += 1
                        if staged == stage.count {
                            top.offer(UnsafeBufferPointer(stage))
                            staged = 0
                            threshold = max(top.threshold, top.floor)
                        }
                    }
                    top.offer(UnsafeBufferPointer(rebasing: stage[..<staged]))
                    threshold = max(top.threshold, top.floor)
                }
            }
        }}}}}}}}}}}}
        // Back to zeros and empty for the next request.
        for g in 0...genreCount { starts[g] = 0 }
        for entry in order { visited[entry.genre] = 0 }
        scratch.genreVisits = visited
        strays.removeAll(keepingCapacity: true)
        scratch.strayStarts = starts
        scratch.strays = strays
        return top.finish()
    }
}
