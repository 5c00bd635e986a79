extension DJ {
    /// The best `capacity` live, non-excluded slots by blended score, best first (ties by catalog order).
    ///
    /// Exact without scoring the catalog twice: a track without collaborative evidence scores
    /// (1 − w)·content, a monotonic function of its content score, so the best of them are the content
    /// ranking's best (pruned as usual). The sparse evidence set is kept out of that ranking, scored
    /// directly, and merged in.
    func rankBlended(_ table: ScoringTable, _ blend: CollaborativeBlend, capacity: Int, excluded: SlotMarks,
                     scratch: inout RequestScratch) -> [Scored] {
        guard capacity > 0 else { return [] }
        // A copy (copy-on-write: the scratch's own marks stay as the request left them).
        var withoutEvidence = excluded
        for index in blend.evidence.keys { withoutEvidence.insert(index) }
        var merged = rank(table, capacity: capacity, excluded: withoutEvidence, scratch: &scratch).map {
            Scored(score: blend.score(content: $0.score, $0.index), index: $0.index)
        }
        for index in blend.evidence.keys where catalog.alive[index] && !excluded.contains(index) {
            merged.append(Scored(score: blend.score(content: table.score(catalog, index), index), index: index))
        }
        merged.sort { $0.ranksBefore($1) }
        return Array(merged.prefix(capacity))
    }

    /// The pick's blended score and its reasons: "listeners who liked <title> also liked this" leads when
    /// the collaborative term w·collab outweighs every weighted content term.
    func collaborativePick(_ pick: Pick, _ table: ScoringTable, _ blend: CollaborativeBlend) -> Pick {
        var pick = pick
        let i = pick.index
        pick.score = blend.score(content: table.score(catalog, i), i)
        guard let evidence = blend.evidence[i] else { return pick }
        let strongestContent = max(
            table.genreTerm[Int(catalog.genreIDs[i])], table.artistTerm[Int(catalog.artistIDs[i])],
            table.energyWeight * (1 - abs(catalog.energies[i] - table.energyTarget)),
            table.tempoTerm[Int(catalog.tempos[i])], table.moodTerm[Int(catalog.moodIDs[i])])
        if blend.weight * evidence.similarity > blend.contentFactor * strongestContent {
            let reason = "listeners who liked \(evidence.because.title) also liked this"
            // Discovery picks keep their "discovery: …" reason first.
            pick.reasons.insert(reason, at: pick.discovery && !pick.reasons.isEmpty ? 1 : 0)
        }
        return pick
    }
}
