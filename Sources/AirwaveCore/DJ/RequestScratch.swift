import Synchronization

/// The per-request working storage of a recommendation, reused across requests instead of allocated each time.
///
/// Invariant while in the pool: every term array is all zeros (false), `marks` is empty and `buffer` empty,
/// so a request only writes (and afterwards resets) the listener's few entries. Sizes only grow; a larger
/// array than the catalog needs is harmless (ids index within it).
struct RequestScratch: Sendable {
    var genreTerm: [Double] = []
    var genreIsSimilar: [Bool] = []
    var genreWeighted: [Bool] = []
    var artistTerm: [Double] = []
    var moodTerm: [Double] = []
    /// Per genre id, pruning's best artist and mood term (reset with the genre terms).
    var bestArtist: [Double] = []
    var bestMood: [Double] = []
    /// Excluded and already taken slots.
    var marks = SlotMarks()
    /// The top-K buffer.
    var buffer: [Scored] = []

    /// Grows every array to the catalog's current sizes.
    mutating func fit(_ catalog: Catalog) {
        RequestScratch.grow(&genreTerm, to: catalog.genres.count, 0)
        RequestScratch.grow(&genreIsSimilar, to: catalog.genres.count, false)
        RequestScratch.grow(&genreWeighted, to: catalog.genres.count, false)
        RequestScratch.grow(&bestArtist, to: catalog.genres.count, 0)
        RequestScratch.grow(&bestMood, to: catalog.genres.count, 0)
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
    private let free = Mutex<[RequestScratch]>([])
    /// More than this many idle scratches (one per thread that ever recommended at once) are dropped.
    private static let maxIdle = 16

    /// A cleared scratch sized for `catalog`.
    func take(for catalog: Catalog) -> RequestScratch {
        var scratch = free.withLock { $0.popLast() } ?? RequestScratch()
        scratch.fit(catalog)
        return scratch
    }

    /// Returns a scratch; the caller has restored the pool invariant (see ``RequestScratch``).
    func give(_ scratch: consuming RequestScratch) {
        let scratch = scratch
        free.withLock { stack in
            if stack.count < ScratchPool.maxIdle { stack.append(scratch) }
        }
    }
}
