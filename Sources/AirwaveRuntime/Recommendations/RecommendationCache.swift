import AirwaveCore
import Synchronization

/// Whether a recommendation's ranking came from the cache.
public enum RecommendationCacheOutcome: String, Sendable {
    /// The listener's kept ranking matched every input and was reused.
    case hit
    /// The ranking was computed (and kept for the next request).
    case miss
    /// The cache is switched off (`recommendation_cache = false`).
    case off
}

/// One kept ranking per listener of a station: the ranked candidates of their last
/// `GET …/recommendations`, keyed by everything that ranking depends on.
///
/// Only the deterministic half is kept (``RankedCandidates``); the seeded discovery draw, the reasons and
/// the collaborative rescoring run on every request, so a cached answer is the uncached answer. Invalidation
/// is by key: each input carries a ``Revision`` that changes when the input does, and a slot whose key
/// differs from the request's is recomputed and replaced. Memory: one slot per listener who asked, ≈ 12 B
/// per candidate (K + 300 with discovery, K without), e.g. 3.7 KB for the default size 10; a listener's slot
/// goes when they leave.
final class RecommendationCache: Sendable {
    /// Everything the ranking depends on besides the capacity.
    struct Key: Equatable {
        /// ``Listener/exclusionRevision``: now playing and the repeat window (the excluded set).
        var exclusions: UInt64
        /// ``ProfileBook`` entry revision: learned profile (version), overrides, recent likes (these feed
        /// the collaborative term).
        var profile: UInt64
        /// ``StationState/inputsRevision``: catalog, settings (weights, dayparts, context weight,
        /// collaborative weight), neighbour lists.
        var station: UInt64
        /// The daypart at `at` (blended into the effective profile); other parts of `at` only seed the draw.
        var daypart: Daypart
    }

    private struct Slot {
        var key: Key
        var candidates: RankedCandidates
    }

    private let slots = Mutex<[String: Slot]>([:])
    private let hitCount = Atomic<Int>(0)
    private let missCount = Atomic<Int>(0)

    init() {}

    /// The kept ranking of `user` when it was made for `key` and covers `capacity`; otherwise `rank()`'s,
    /// which replaces the slot. Ranking runs outside the cache's lock.
    func candidates(for user: String, key: Key, capacity: Int,
                    rank: () -> RankedCandidates) -> (candidates: RankedCandidates, hit: Bool) {
        let kept = slots.withLock { $0[user] }
        if let kept, kept.key == key, kept.candidates.covers(capacity: capacity) {
            hitCount.add(1, ordering: .relaxed)
            return (kept.candidates, true)
        }
        missCount.add(1, ordering: .relaxed)
        let fresh = rank()
        slots.withLock { $0[user] = Slot(key: key, candidates: fresh) }
        return (fresh, false)
    }

    /// Drops the slot of `user` (they left the station).
    func forget(_ user: String) {
        _ = slots.withLock { $0.removeValue(forKey: user) }
    }

    /// Drops every slot.
    func removeAll() {
        slots.withLock { $0.removeAll() }
    }

    /// Hits and misses since start, slots held and the bytes their candidates occupy.
    var statistics: RecommendationCacheStatistics {
        let (count, bytes) = slots.withLock { all in (all.count, all.values.reduce(0) { $0 + $1.candidates.byteCount }) }
        return RecommendationCacheStatistics(hits: hitCount.load(ordering: .relaxed), misses: missCount.load(ordering: .relaxed),
                                             slots: count, bytes: bytes)
    }
}

/// Counters of one station's recommendation cache.
public struct RecommendationCacheStatistics: Sendable, Equatable {
    /// Requests answered from a kept ranking.
    public var hits: Int
    /// Requests that ranked the catalog.
    public var misses: Int
    /// Listeners with a kept ranking.
    public var slots: Int
    /// Heap bytes of the kept candidates.
    public var bytes: Int
}
