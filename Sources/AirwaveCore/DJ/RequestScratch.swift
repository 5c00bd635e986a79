import Foundation
import Synchronization

/// The per-request working storage of a recommendation, reused across requests instead of allocated each time.
///
/// Invariant while in the pool: every term array is all zeros (false), `marks`, `strays`, `similarParents`,
/// the scored-id lists and `buffer` empty, so a request only writes (and afterwards resets) the listener's few
/// entries. Sizes only grow; a larger array than the catalog needs is harmless (ids index within it).
struct RequestScratch: Sendable {
    var genreTerm: [Double] = []
    var genreIsSimilar: [Bool] = []
    var genreWeighted: [Bool] = []
    var parentSlot: [Int32] = []
    var similarParents: [(name: String, weight: Double)] = []
    /// ``ScoringTable``'s id lists (empty here) and tempo terms (overwritten whole by every table).
    var scoredGenres: [Int32] = []
    var scoredArtists: [Int32] = []
    var scoredMoods: [Int32] = []
    var tempoTerm: [Double] = []
    var artistTerm: [Double] = []
    var moodTerm: [Double] = []
    /// Per genre id, pruning's best artist and mood term (reset with the genre terms).
    var bestArtist: [Double] = []
    var bestMood: [Double] = []
    /// Excluded and already taken slots.
    var marks = SlotMarks()
    /// The top-K buffer.
    var buffer: [Scored] = []
    /// Per genre id, pruning's best artist term among the listener's strays there (reset with the genre terms).
    var bestStray: [Double] = []
    /// Per genre id + 1, where the genre's strays start in `strays` (a counting sort; zeroed after use).
    var strayStarts: [Int32] = []
    /// The listener's artists' strays, grouped by genre: slot and artist.
    var strays: [(slot: Int32, artist: Int32)] = []
    /// Per genre id, what pruning has done there (0 nothing yet; see ``DJ/straysOffered``; reset after use).
    var genreVisits: [UInt8] = []

    /// Grows every array to the catalog's current sizes.
    mutating func fit(_ catalog: Catalog) {
        RequestScratch.grow(&genreTerm, to: catalog.genres.count, 0)
        RequestScratch.grow(&genreIsSimilar, to: catalog.genres.count, false)
        RequestScratch.grow(&genreWeighted, to: catalog.genres.count, false)
        RequestScratch.grow(&parentSlot, to: catalog.genres.count, 0)
        RequestScratch.grow(&bestArtist, to: catalog.genres.count, 0)
        RequestScratch.grow(&bestMood, to: catalog.genres.count, 0)
        RequestScratch.grow(&bestStray, to: catalog.genres.count, 0)
        RequestScratch.grow(&strayStarts, to: catalog.genres.count + 1, 0)
        RequestScratch.grow(&genreVisits, to: catalog.genres.count, 0)
        RequestScratch.grow(&artistTerm, to: catalog.artists.count, 0)
        RequestScratch.grow(&moodTerm, to: catalog.moods.count, 0)
        marks.cover(catalog.count)
    }

    private static func grow<T>(_ array: inout [T], to count: Int, _ zero: T) {
        if array.count < count { array.append(contentsOf: repeatElement(zero, count: count - array.count)) }
    }
}

/// A lock-protected stack of ``RequestScratch`` values shared by every copy of one DJ.
///
/// A request takes one (or makes one when all are in use by other threads) and gives it back cleared, so
/// concurrent requests never share storage; the lock is held only for a push or a pop.
final class ScratchPool: Sendable {
    /// Idle scratches in a few stacks picked by the calling thread: one shared stack's lock, taken twice per
    /// request by sixteen HTTP threads, spun for a quarter of the daemon's CPU (perf, 2026-11-23).
    private let shards = (0..<ScratchPool.shardCount).map { _ in Shard() }
    private static let shardCount = 8
    /// More than this many idle scratches per shard (one per thread that recommended at once) are dropped.
    private static let maxIdle = 4

    private final class Shard: Sendable {
        let free = Mutex<[RequestScratch]>([])
    }

    /// The calling thread's shard (a multiplicative hash of its pthread id, which is an address).
    private var shard: Shard {
        let thread = UInt64(UInt(pthread_self()))
        return shards[Int((thread &* 0x9E37_79B9_7F4A_7C15) >> 61) % ScratchPool.shardCount]
    }

    /// A cleared scratch sized for `catalog`.
    func take(for catalog: Catalog) -> RequestScratch {
        var scratch = shard.free.withLock { $0.popLast() } ?? RequestScratch()
        scratch.fit(catalog)
        return scratch
    }

    /// Returns a scratch; the caller has restored the pool invariant (see ``RequestScratch``).
    func give(_ scratch: consuming RequestScratch) {
        // Moved into the stack through an optional: a captured value would be copied (a retain and a release
        // of every array).
        var moving: RequestScratch? = consume scratch
        shard.free.withLock { stack in
            if stack.count < ScratchPool.maxIdle, let scratch = moving.take() { stack.append(scratch) }
        }
    }
}
