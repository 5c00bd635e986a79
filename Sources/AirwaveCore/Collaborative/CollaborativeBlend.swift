/// One request's collaborative term, resolved against the catalog: collab(t) for the sparse set of
/// tracks that are neighbours of the listener's recent likes (every other track has collab 0).
struct CollaborativeBlend {
    /// The collaborative weight w in (0, 1].
    let weight: Double
    /// 1 − w, the factor on the content score.
    let contentFactor: Double
    /// collab(t) > 0 per catalog index, with the liked track that earned it (for the reason).
    let evidence: [Int: (similarity: Double, because: Track)]

    /// The blend for `request` on `catalog`, or nil when it cannot change the ranking (no boost, w = 0,
    /// no recent likes, or none of them has live neighbours): the caller then ranks by content alone.
    init?(_ request: borrowing PlaylistRequest, catalog: borrowing Catalog) {
        guard let boost = request.collaborative, boost.isActive, !request.recentLikes.isEmpty else { return nil }
        var evidence: [Int: (similarity: Double, because: Track)] = [:]
        for liked in request.recentLikes {
            for neighbour in boost.neighbours.neighbours(of: liked.trackID) {
                guard let index = catalog.index(of: neighbour.trackID), catalog.track(at: index) != nil else { continue }
                // collab(t) = max over recent likes; an equal similarity keeps the newer like (listed first).
                if let known = evidence[index], known.similarity >= neighbour.similarity { continue }
                evidence[index] = (neighbour.similarity, liked)
            }
        }
        guard !evidence.isEmpty else { return nil }
        weight = boost.weight
        contentFactor = 1 - boost.weight
        self.evidence = evidence
    }

    /// collab(t) for slot `index` (0 without evidence).
    func collab(_ index: Int) -> Double { evidence[index]?.similarity ?? 0 }

    /// The blended score (1 − w)·content + w·collab; every caller uses this one expression so equal inputs
    /// give identical doubles.
    @inline(__always)
    func score(content: Double, _ index: Int) -> Double {
        contentFactor * content + weight * collab(index)
    }
}
