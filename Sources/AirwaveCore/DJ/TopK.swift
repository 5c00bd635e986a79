/// A scored catalog slot.
struct Scored: Sendable {
    var score: Double
    var index: Int

    /// Ranking order: higher score first, then lower index (catalog order).
    @inline(__always)
    func ranksBefore(_ other: Scored) -> Bool {
        score > other.score || (score == other.score && index < other.index)
    }
}

/// Keeps the best `capacity` items offered, in a buffer of up to 2·capacity that is cut back to the best
/// `capacity` (by a quickselect, O(capacity)) whenever it fills.
///
/// Why not a binary heap: a heap pays log(capacity) sift steps on every accepted item, and with the
/// discovery pool the capacity is ~350, so sift-downs were the largest cost of a 10k-track request
/// (perf, 2026-11-23). Appending and cutting back in bulk costs a few comparisons per item.
///
/// Callers gate offers on ``threshold`` (the worst kept score at the last cut, −∞ before the first);
/// it only ever lags the exact k-th best score, so gating never rejects an item of the final top set.
struct TopK {
    let capacity: Int
    private var buffer: [Scored] = []
    /// The score an item must reach to have a chance (the k-th best at the last cut; −∞ before).
    private(set) var threshold: Double = -.infinity

    /// An empty selection; `storage` (emptied) lends its allocation, so a request can reuse one buffer.
    init(capacity: Int, reusing storage: [Scored] = []) {
        self.capacity = capacity
        buffer = storage
        buffer.removeAll(keepingCapacity: true)
        buffer.reserveCapacity(capacity > 0 ? 2 * capacity : 0)
    }

    /// Offers an item; kept unless it later falls out of the best `capacity`.
    @inline(__always)
    mutating func offer(_ item: Scored) {
        guard capacity > 0 else { return }
        buffer.append(item)
        if buffer.count >= 2 * capacity { cut() }
    }

    /// Makes ``threshold`` exact (the k-th best so far) by cutting back now; pruning calls it between genres,
    /// where a lagging threshold would visit genres that cannot make the cut.
    ///
    /// It cuts only once the buffer has grown by half the capacity since the last cut, so visiting many small
    /// genres costs amortized O(1) per item rather than O(capacity) per genre; the threshold then lags a
    /// little, which can only make pruning visit more, never answer differently.
    mutating func tighten() {
        if buffer.count >= capacity + (capacity + 1) / 2 { cut() }
    }

    /// The kept items, best first.
    func ranked() -> [Scored] {
        var copy = self
        return copy.finish()
    }

    /// The kept items, best first, moved out (no copy of the buffer); the selection is empty afterwards.
    mutating func finish() -> [Scored] {
        if buffer.count > capacity { cut() }
        buffer.sort { $0.ranksBefore($1) }
        var out: [Scored] = []
        swap(&out, &buffer)
        return out
    }

    /// Moves the best `capacity` items to the front (unordered) and drops the rest.
    private mutating func cut() {
        let k = capacity
        buffer.withUnsafeMutableBufferPointer { b in
            var lo = 0, hi = b.count - 1
            // Quickselect: afterwards b[0..<k] holds the k items that rank first.
            while lo < hi {
                let pivot = TopK.medianOfThree(b[lo], b[(lo + hi) / 2], b[hi])
                var i = lo, j = hi
                while i <= j {
                    while b[i].ranksBefore(pivot) { i += 1 }
                    while pivot.ranksBefore(b[j]) { j -= 1 }
                    if i <= j {
                        b.swapAt(i, j)
                        i += 1
                        j -= 1
                    }
                }
                if k - 1 <= j { hi = j } else if k - 1 >= i { lo = i } else { break }
            }
        }
        buffer.removeLast(buffer.count - k)
        var worst = buffer[0].score
        for item in buffer where item.score < worst { worst = item.score }
        threshold = worst
    }

    @inline(__always)
    private static func medianOfThree(_ a: Scored, _ b: Scored, _ c: Scored) -> Scored {
        if a.ranksBefore(b) {
            if b.ranksBefore(c) { return b }
            return a.ranksBefore(c) ? c : a
        }
        if a.ranksBefore(c) { return a }
        return b.ranksBefore(c) ? c : b
    }
}
