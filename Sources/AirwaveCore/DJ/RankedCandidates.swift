/// The deterministic, expensive half of a playlist: the ranked candidates (the familiar top K, then the
/// discovery pool) before the seeded discovery draw and the reasons.
///
/// It depends on the effective profile (learned profile, overrides, daypart), the excluded set, the
/// catalog and settings, the collaborative boost with the listener's recent likes, and the capacity: not on
/// the seed, the discovery share or `at` beyond its daypart. A caller that knows none of those changed may
/// keep one and pass it back to ``DJ/recommend(_:effective:candidates:)``; the playlist is then identical to
/// ``DJ/recommend(_:effective:)``'s. Stored compactly (12 B per candidate) so one fits per listener.
public struct RankedCandidates: Sendable {
    /// Catalog indices, best first (score descending, ties by catalog order).
    private let indices: [Int32]
    /// Their scores (content, or blended when the collaborative term applied), same order.
    private let scores: [Double]
    /// The capacity the ranking was made for; it holds fewer when fewer live, non-excluded tracks exist.
    public let capacity: Int

    init(_ ranked: [Scored], capacity: Int) {
        indices = ranked.map { Int32($0.index) }
        scores = ranked.map(\.score)
        self.capacity = capacity
    }

    /// Number of candidates held.
    public var count: Int { indices.count }

    /// Heap bytes the candidates occupy (what a cache pays to keep this value).
    public var byteCount: Int { indices.capacity * MemoryLayout<Int32>.stride + scores.capacity * MemoryLayout<Double>.stride }

    /// Whether this ranking answers a request that needs `capacity` candidates: the order is total (ties by
    /// catalog order), so the best c of a catalog are the first c of its best C for any c ≤ C.
    public func covers(capacity: Int) -> Bool { capacity <= self.capacity }

    /// The first `n` candidates as the DJ's working type.
    func prefix(_ n: Int) -> [Scored] {
        let m = min(n, indices.count)
        var out: [Scored] = []
        out.reserveCapacity(m)
        for i in 0..<m { out.append(Scored(score: scores[i], index: Int(indices[i]))) }
        return out
    }
}

extension DJ {
    /// ``recommend(_:effective:)`` with the ranking supplied by the caller: `candidates` receives the
    /// capacity this request needs and a closure that ranks the catalog, and returns either a kept ranking
    /// that ``RankedCandidates/covers(capacity:)`` it (made for the same inputs) or the closure's result.
    /// The seeded discovery draw, the reasons and the collaborative rescoring run as usual, so the answer
    /// equals the uncached one.
    public func recommend(_ request: PlaylistRequest, effective: EffectiveProfile,
                          candidates: (_ capacity: Int, _ rank: () -> RankedCandidates) -> RankedCandidates) -> Playlist {
        recommend(request, effective: effective, ranking: { capacity, rank in
            // `rank` runs at most once, inside `candidates`, before this closure returns.
            let kept = withoutActuallyEscaping(rank) { rank in
                candidates(capacity) { RankedCandidates(rank(), capacity: capacity) }
            }
            // A ranking made for a smaller list cannot answer this one: rank afresh rather than guess.
            guard kept.covers(capacity: capacity) else { return rank() }
            return kept.prefix(capacity)
        })
    }
}
