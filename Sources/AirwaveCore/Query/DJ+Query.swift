extension DJ {
    /// Ranks the catalog for a text query: `s_final = s_query · s_personal^α` (see ``QueryFusion``).
    ///
    /// Only tracks matching the query are candidates; `request.excluded` still applies; there are no
    /// discovery picks (the query is the exploration). With α = 0 the order is the catalog match alone; the
    /// listener's terms join the reasons when α ≥ ``QueryFusion/personalReasonsAlpha`` (or when the query
    /// asked only for the listener's taste, where they are the whole answer).
    ///
    /// ```swift
    /// let index = QueryIndex(catalog: dj.catalog, lexicon: lexicon)
    /// let facets = index.understand("calm music for studying")
    /// let list = dj.recommend(query: facets, index: index, alpha: 0.9, request: request)
    /// ```
    public func recommend(query facets: QueryFacets, index: QueryIndex, alpha: Double, request: PlaylistRequest) -> QueryPlaylist {
        recommend(query: facets, index: index, alpha: alpha, request: request,
                  effective: effectiveProfile(request.profile, at: request.at))
    }

    /// Like ``recommend(query:index:alpha:request:)`` with an already-blended profile.
    public func recommend(query facets: QueryFacets, index: QueryIndex, alpha: Double, request: PlaylistRequest,
                          effective: EffectiveProfile) -> QueryPlaylist {
        let alpha = min(1, max(0, alpha.isFinite ? alpha : 0))
        let matcher = QueryMatcher(facets: facets, index: index, catalog: catalog, similarity: settings.similarity)
        let table = table(for: effective)
        var top = TopK(capacity: min(max(0, request.size), catalog.count))
        var candidates = 0
        // An index built for an older, shorter catalog simply never sees the new slots' words; scoring stays in range.
        for i in 0..<catalog.count where catalog.alive[i] {
            let q = matcher.score(i)
            guard q > 0 else { continue }
            candidates += 1
            guard !request.excluded.contains(i) else { continue }
            top.offer(Scored(score: QueryFusion.fuse(query: q, personal: table.score(catalog, i), alpha: alpha), index: i))
        }
        let picks = top.ranked().map { item -> QueryPick in
            let personal = table.score(catalog, item.index)
            var reasons = matcher.reasons(item.index)
            if alpha >= QueryFusion.personalReasonsAlpha || facets.tasteOnly {
                let mine = self.reasons(for: item.index, discovery: false, table, effective, request.recentLikes)
                reasons += mine.prefix(2).map { "for you: \($0)" }
            }
            let pick = Pick(index: item.index, track: catalog.tracks[item.index], score: item.score, discovery: false,
                            reasons: reasons)
            return QueryPick(pick: pick, queryScore: matcher.score(item.index), personalScore: personal)
        }
        return QueryPlaylist(picks: picks, candidates: candidates, alpha: alpha, daypart: effective.daypart.name)
    }
}
