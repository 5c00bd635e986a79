extension DJ {
    /// Builds a playlist: the familiar top picks with discovery picks interleaved at even positions.
    ///
    /// With K = `size` and f = the override or the profile's effective discovery, the list holds
    /// d = roundHalfAwayFromZero(K·f + carry) (clamped to 0…K) discovery picks drawn with the seed: each one,
    /// on a fair coin, from a genre the listener has no weight for (when there is one) or else from
    /// the next ``discoveryPoolSize`` candidates after the top K, weighted by score. The rest are the top of
    /// the ranking. The returned carry is K·f + carry − d (kept within [−1, 1] when the catalog runs short).
    /// With f = 0 the list is exactly the top K by score, ties by catalog order (any carry is dropped).
    public func recommend(_ request: PlaylistRequest) -> Playlist {
        recommend(request, effective: effectiveProfile(request.profile, at: request.at))
    }

    /// Like ``recommend(_:)`` but with an already-blended profile (overrides build their own).
    public func recommend(_ request: PlaylistRequest, effective: EffectiveProfile) -> Playlist {
        recommend(request, effective: effective, ranking: { _, rank in rank() })
    }

    /// The body of ``recommend(_:effective:)``; `ranking` gets the capacity and the ranking itself, so a
    /// cache can hand back a ranking it kept (see ``RankedCandidates``).
    func recommend(_ request: PlaylistRequest, effective: EffectiveProfile,
                   ranking: (_ capacity: Int, _ rank: () -> [Scored]) -> [Scored]) -> Playlist {
        // No list can be longer than the catalog; clamping also keeps k + pool from overflowing.
        let k = min(max(0, request.size), catalog.count)
        let share = min(1, max(0, request.discoveryOverride ?? request.profile.effectiveDiscovery))
        // Discovery off means exactly the top K: an old debt is dropped, not paid.
        let carried = share > 0 && request.discoveryCarry.isFinite ? request.discoveryCarry : 0
        let owed = Double(k) * share + carried
        let wanted = min(k, max(0, Int(owed.rounded(.toNearestOrAwayFromZero))))

        var scratch = scratchPool.take(for: catalog)
        let table = table(for: effective, scratch: &scratch)
        // Excluded and (below) taken slots share one bit set; the scratch's is empty here and cleared after.
        var marks = scratch.marks
        scratch.marks = SlotMarks()
        for index in request.excluded { marks.insert(index) }
        let capacity = min(catalog.count, k + (wanted > 0 ? DJ.discoveryPoolSize : 0))
        // The collaborative term, when it applies, blends in here (and rescores picks below); nil = content only.
        let blend = CollaborativeBlend(request, catalog: catalog)
        var ranked = ranking(capacity) {
            blend.map { rankBlended(table, $0, capacity: capacity, excluded: marks, scratch: &scratch) }
                ?? rank(table, capacity: capacity, excluded: marks, scratch: &scratch)
        }
        let familiarCount = min(k, ranked.count)
        var pool = wanted > 0 ? Array(ranked[familiarCount...]) : []

        var random = SeededRandom(seed: request.seed)
        var discovered: [Scored] = []
        // From here the marks also hold the slots already chosen, so the unheard-genre draw skips them.
        for item in ranked[..<familiarCount] { marks.insert(item.index) }
        var unheard: [Int]?
        while discovered.count < wanted {
            // Half of the discovery picks (by a fair coin from the seed, so single-track refills explore
            // too) come from a genre the listener has no weight for at all: the next-best pool alone only
            // ever offers more of what is already liked, and a taste that lies elsewhere would never be met.
            if random.next() & 1 == 1,
               let explored = exploreUnheardGenre(table, unheardGenres(&unheard, table), marks: marks, &random) {
                discovered.append(explored)
                marks.insert(explored.index)
                if let at = pool.firstIndex(where: { $0.index == explored.index }) { pool.remove(at: at) }
                continue
            }
            guard !pool.isEmpty else { break }
            let drawn = pool.remove(at: DJ.drawWeighted(pool, &random))
            discovered.append(drawn)
            marks.insert(drawn.index)
        }
        let familiarTake = min(k - discovered.count, familiarCount)
        let total = familiarTake + discovered.count

        // Discovery j sits at floor((j + ½)·n/d): spread over the list, never bunched at the end.
        var discoverySlot = [Bool](repeating: false, count: total + 1)
        for j in discovered.indices {
            let position = Int((Double(j) + 0.5) * Double(total) / Double(discovered.count))
            if position < discoverySlot.count { discoverySlot[position] = true }
        }
        var words = ReasonWords()
        var picks: [Pick] = []
        picks.reserveCapacity(total)
        var nextFamiliar = 0, nextDiscovery = 0
        for position in 0..<total {
            if discoverySlot[position], nextDiscovery < discovered.count {
                picks.append(pick(discovered[nextDiscovery], discovery: true, table, effective, request.recentLikes,
                                  withReasons: request.includeReasons, &words))
                nextDiscovery += 1
            } else {
                picks.append(pick(ranked[nextFamiliar], discovery: false, table, effective, request.recentLikes,
                                  withReasons: request.includeReasons, &words))
                nextFamiliar += 1
            }
        }
        if let blend { picks = picks.map { collaborativePick($0, table, blend) } }
        let carry = min(1, max(-1, owed - Double(discovered.count)))

        // Back to the pool with its invariant restored: zeroed terms, no marks, an empty buffer.
        table.reset(into: &scratch)
        marks.clear()
        scratch.marks = marks
        ranked.removeAll(keepingCapacity: true)
        scratch.buffer = ranked
        scratchPool.give(scratch)
        return Playlist(picks: picks, discoveryCarry: carry, daypart: effective.daypart.name)
    }

    /// Genres with tracks that the listener has no weight for, computed on first use within a request.
    func unheardGenres(_ cache: inout [Int]?, _ table: ScoringTable) -> [Int] {
        if let cache { return cache }
        var unheard: [Int] = []
        // Weighted ids are exactly the profile's genres found in the catalog.
        for g in catalog.slotsByGenre.indices where !catalog.slotsByGenre[g].isEmpty && !table.genreWeighted[g] {
            unheard.append(g)
        }
        cache = unheard
        return unheard
    }

    /// The best of a few random live tracks from a random genre of `unheard` (genres absent from the
    /// listener's profile), or nil when there is none (or nothing is left there).
    /// `marks` holds the excluded slots and those already taken.
    func exploreUnheardGenre(_ table: ScoringTable, _ unheard: [Int], marks: SlotMarks,
                             _ random: inout SeededRandom) -> Scored? {
        guard !unheard.isEmpty else { return nil }
        let slots = catalog.slotsByGenre[unheard[Int(random.next() % UInt64(unheard.count))]]
        var best: Scored?
        for _ in 0..<min(16, slots.count * 2) {
            let index = Int(slots[Int(random.next() % UInt64(slots.count))])
            guard catalog.alive[index], !marks.contains(index) else { continue }
            let candidate = Scored(score: table.score(catalog, index), index: index)
            if best.map({ candidate.ranksBefore($0) }) ?? true { best = candidate }
        }
        return best
    }

    /// Index into `pool` drawn with probability proportional to score (a small floor keeps zeros drawable).
    static func drawWeighted(_ pool: [Scored], _ random: inout SeededRandom) -> Int {
        let floor = 1e-6
        var total = 0.0
        for item in pool { total += max(item.score, 0) + floor }
        var target = random.nextUnit() * total
        for (i, item) in pool.enumerated() {
            target -= max(item.score, 0) + floor
            if target < 0 { return i }
        }
        return pool.count - 1
    }

    private func pick(_ item: Scored, discovery: Bool, _ table: ScoringTable, _ p: EffectiveProfile,
                      _ likes: [Track], withReasons: Bool, _ words: inout ReasonWords) -> Pick {
        let track = catalog.tracks[item.index]
        return Pick(index: item.index, track: track, score: item.score, discovery: discovery,
                    reasons: withReasons ? reasons(for: item.index, discovery: discovery, table, p, likes, &words) : [])
    }
}
