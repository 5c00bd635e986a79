extension DJ {
    /// Exact top-`capacity` ranking that visits genres best-bound first and stops once no remaining genre
    /// can beat the worst kept candidate.
    ///
    /// A genre's bound adds, term by term, the best each term can be for any track stored under it:
    /// its genre term, the best listener artist that recorded in it, the energy term at the closest energy
    /// in its range, the best tempo present, the best listener mood present. Every term is computed with
    /// the same floating-point operations as the score, and rounding is monotonic, so bound ≥ score.
    /// Genres are visited out of catalog order, so ties are settled by the heap's full ordering.
    func rankPruned(_ table: ScoringTable, capacity: Int, excluded: SlotMarks, scratch: inout RequestScratch) -> [Scored] {
        guard capacity > 0 else { return [] }
        // The loop reads the bit set unchecked: it must cover every slot (RequestScratch.fit does).
        precondition(excluded.words.count * 64 >= catalog.count, "exclusion marks do not cover the catalog")
        let b = catalog.bounds
        let genreCount = catalog.slotsByGenre.count
        // Zeroed scratch arrays (at least genreCount long); the entries written are zeroed again below.
        var bestArtist = scratch.bestArtist, bestMood = scratch.bestMood
        scratch.bestArtist = []
        scratch.bestMood = []
        for a in table.scoredArtists {
            let term = table.artistTerm[Int(a)]
            for g in b.artistGenres[Int(a)] where term > bestArtist[Int(g)] { bestArtist[Int(g)] = term }
        }
        for m in table.scoredMoods {
            let term = table.moodTerm[Int(m)]
            for g in b.moodGenres[Int(m)] where term > bestMood[Int(g)] { bestMood[Int(g)] = term }
        }
        let eT = table.energyTarget, eW = table.energyWeight
        var order: [(bound: Double, genre: Int)] = []
        order.reserveCapacity(genreCount)
        for g in 0..<genreCount where !catalog.slotsByGenre[g].isEmpty {
            // Distance from the target to the genre's energy range, as the score would compute it at
            // the range's nearest end (0 when the target lies inside).
            let lo = b.energyMin[g], hi = b.energyMax[g]
            let distance = eT < lo ? abs(lo - eT) : (eT > hi ? abs(hi - eT) : 0)
            var bestTempo = 0.0
            for code in 0..<3 where b.tempoMask[g] & (1 << code) != 0 { bestTempo = max(bestTempo, table.tempoTerm[code]) }
            let bound = table.genreTerm[g] + bestArtist[g] + eW * (1 - distance) + bestTempo + bestMood[g]
            order.append((bound, g))
        }
        order.sort { $0.bound != $1.bound ? $0.bound > $1.bound : $0.genre < $1.genre }
        for a in table.scoredArtists { for g in b.artistGenres[Int(a)] { bestArtist[Int(g)] = 0 } }
        for m in table.scoredMoods { for g in b.moodGenres[Int(m)] { bestMood[Int(g)] = 0 } }
        scratch.bestArtist = bestArtist
        scratch.bestMood = bestMood

        var top = TopK(capacity: capacity, reusing: scratch.buffer, bucketed: true)
        scratch.buffer = []
        table.genreTerm.withUnsafeBufferPointer { gT in
        table.artistTerm.withUnsafeBufferPointer { aT in
        table.moodTerm.withUnsafeBufferPointer { mT in
        table.tempoTerm.withUnsafeBufferPointer { tT in
        catalog.artistIDs.withUnsafeBufferPointer { a in
        catalog.moodIDs.withUnsafeBufferPointer { m in
        catalog.tempos.withUnsafeBufferPointer { t in
        catalog.energies.withUnsafeBufferPointer { e in
        catalog.alive.withUnsafeBufferPointer { live in
        excluded.words.withUnsafeBufferPointer { x in
            // Here an item must reach both the threshold and the floor (each `>=`), so one gate holds the larger.
            var threshold = max(top.threshold, top.floor)
            for (bound, g) in order {
                top.tighten()
                threshold = max(top.threshold, top.floor)
                // A bound equal to the threshold can still win a tie on catalog order, so only `<` stops.
                if bound < threshold { break }
                let genreTerm = gT[g]
                catalog.slotsByGenre[g].withUnsafeBufferPointer { slots in
                    for slot in slots {
                        let i = Int(slot)
                        // Same expression, same order as ScoringTable.score (genre term read once per genre).
                        let s = genreTerm + aT[Int(a[i])] + eW * (1 - abs(e[i] - eT)) + tT[Int(t[i])] + mT[Int(m[i])]
                        guard s >= threshold else { continue }
                        guard live[i], x[i >> 6] & (1 << UInt64(i & 63)) == 0 else { continue }
                        top.offer(Scored(score: s, index: i))
                        threshold = max(top.threshold, top.floor)
                    }
                }
            }
        }}}}}}}}}}
        return top.finish()
    }
}
