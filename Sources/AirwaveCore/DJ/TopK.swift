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
/// Callers gate offers on ``threshold`` (the worst kept score at the last cut, −∞ before the first) and
/// ``floor``; both only ever lag the exact k-th best score, so gating never rejects an item of the final
/// top set.
///
/// The floor (ranking loops only, `bucketed`): offered scores are counted in 1/1024-wide buckets, and once
/// `capacity` offered items lie at or above bucket b, nothing below b/1024 can make the cut. It rises with
/// every offer, for a counter increment, whereas the threshold waits for a cut; perf showed the cuts
/// (quickselects over 2·capacity items) were the largest cost of a request until the floor kept most
/// items out of the buffer.
struct TopK {
    let capacity: Int
    private var buffer: [Scored] = []
    /// The score an item must reach to have a chance (the k-th best at the last cut; −∞ before).
    private(set) var threshold: Double = -.infinity
    /// A score an item must reach (`>=`) to have a chance: b/1024 for the floor bucket b (−∞ for b = 0).
    private(set) var floor: Double = -.infinity
    /// Offered items per score bucket (empty when not bucketed).
    private var histogram: [Int32] = []
    /// The floor bucket, and how many offered items lie in it or above.
    private var bucket = 0, atOrAbove = 0

    /// Number of floor buckets over [0, 1] (a power of two, so `score · buckets` and `b / buckets` are exact).
    static let buckets = 1024

    /// An empty selection; `storage` (emptied) lends its allocation, so a request can reuse one buffer.
    /// `bucketed` keeps the score histogram behind ``floor`` (for scores in [0, 1]; others still work, with
    /// a weaker floor).
    init(capacity: Int, reusing storage: [Scored] = [], bucketed: Bool = false) {
        self.capacity = capacity
        buffer = storage
        buffer.removeAll(keepingCapacity: true)
        buffer.reserveCapacity(capacity > 0 ? 2 * capacity : 0)
        if bucketed, capacity > 0 { histogram = [Int32](repeating: 0, count: TopK.buckets) }
    }

    /// Offers an item; kept unless it later falls out of the best `capacity`.
    @inline(__always)
    mutating func offer(_ item: Scored) {
        guard capacity > 0 else { return }
        buffer.append(item)
        if !histogram.isEmpty { count(item.score) }
        if buffer.count >= 2 * capacity { shrink() }
    }

    /// Offers several items at once, as ``offer(_:)`` one by one would (the same kept set and floor), for one
    /// array uniqueness check per batch instead of two per item.
    ///
    /// Why: in pruning, where a 10k request offers ~1,000 items, offers one at a time were two thirds of the
    /// ranking loop (perf, 2026-11-23); the loop stages candidates and hands them over in batches.
    mutating func offer(_ batch: UnsafeBufferPointer<Scored>) {
        guard capacity > 0, !batch.isEmpty else { return }
        buffer.append(contentsOf: batch)
        if !histogram.isEmpty {
            var bucket = self.bucket, atOrAbove = self.atOrAbove
            let before = bucket
            histogram.withUnsafeMutableBufferPointer { h in
                for item in batch { TopK.count(item.score, h, &bucket, &atOrAbove, capacity) }
            }
            self.bucket = bucket
            self.atOrAbove = atOrAbove
            if bucket != before { floor = Double(bucket) / Double(TopK.buckets) }
        }
        if buffer.count >= 2 * capacity { shrink() }
    }

    /// Counts `score` in the histogram and raises the floor while `capacity` items stay at or above it.
    @inline(__always)
    private mutating func count(_ score: Double) {
        let before = bucket
        histogram.withUnsafeMutableBufferPointer { h in TopK.count(score, h, &bucket, &atOrAbove, capacity) }
        if bucket != before { floor = Double(bucket) / Double(TopK.buckets) }
    }

    /// ``count(_:)`` on the histogram's storage: counts `score` and moves the floor `bucket` up while
    /// `capacity` items stay at or above it (`atOrAbove` counts the items in buckets ≥ `bucket`).
    @inline(__always)
    private static func count(_ score: Double, _ histogram: UnsafeMutableBufferPointer<Int32>, _ bucket: inout Int,
                              _ atOrAbove: inout Int, _ capacity: Int) {
        guard !score.isNaN else { return }
        let x = score * Double(TopK.buckets)
        // Anything ≥ 1 lands in the top bucket, anything < 1/1024 in bucket 0 (whose floor is −∞).
        let b = x < 1 ? 0 : (x < Double(TopK.buckets - 1) ? Int(x) : TopK.buckets - 1)
        histogram[b] &+= 1
        guard b >= bucket else { return }
        atOrAbove += 1
        // Every item counted in a bucket ≥ b has score·1024 ≥ b exactly (a power of two), so score ≥ b/1024,
        // and at least `capacity` of them were offered: b/1024 is a floor.
        while atOrAbove - Int(histogram[bucket]) >= capacity {
            atOrAbove -= Int(histogram[bucket])
            bucket += 1
        }
    }

    /// Makes ``threshold`` exact (the k-th best so far) by cutting back now; pruning calls it between genres,
    /// where a lagging threshold would visit genres that cannot make the cut.
    ///
    /// It cuts only once the buffer has grown by half the capacity since the last cut, so visiting many small
    /// genres costs amortized O(1) per item rather than O(capacity) per genre; the threshold then lags a
    /// little, which can only make pruning visit more, never answer differently.
    mutating func tighten() {
        if buffer.count >= capacity + (capacity + 1) / 2 { shrink() }
    }

    /// The kept items, best first.
    func ranked() -> [Scored] {
        var copy = self
        return copy.finish()
    }

    /// The kept items, best first, moved out (no copy of the buffer); the selection is empty afterwards.
    mutating func finish() -> [Scored] {
        dropBelowFloor()
        if buffer.count > capacity { cut() }
        buffer.withUnsafeMutableBufferPointer { TopK.sort($0) }
        var out: [Scored] = []
        swap(&out, &buffer)
        return out
    }

    /// Drops items below the floor (a linear pass) and cuts by quickselect only if that freed too little.
    private mutating func shrink() {
        dropBelowFloor()
        if buffer.count >= capacity + (capacity + 1) / 2 { cut() }
    }

    /// Removes buffered items that scored below ``floor`` (they were offered before it rose).
    private mutating func dropBelowFloor() {
        let f = floor
        guard f > -.infinity else { return }
        var kept = 0
        buffer.withUnsafeMutableBufferPointer { b in
            for i in 0..<b.count where b[i].score >= f {
                b[kept] = b[i]
                kept += 1
            }
        }
        buffer.removeLast(buffer.count - kept)
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

    /// Sorts by ``Scored/ranksBefore(_:)`` in place: a bucket sort on the score, each bucket then sorted on
    /// its own (insertion sort when small, else ``radixSort(_:)``).
    ///
    /// A bucket is `Int((max − score) · scale)`: subtraction, multiplication by a positive constant and
    /// truncation are each monotonic under rounding, so a higher score never lands in a later bucket and
    /// sorting within buckets gives the exact order (equal scores share a bucket and go by index).
    /// Why: the radix sort's eight or nine passes over ~350 candidates (each clearing and summing 256 counts)
    /// were a fifth of a 10k-track request (perf, 2026-11-23); this is one counting pass and a few compares.
    static func sort(_ b: UnsafeMutableBufferPointer<Scored>) {
        let n = b.count
        guard n > 1 else { return }
        if n <= 32 {
            insertionSort(b)
            return
        }
        var hi = b[0].score, lo = b[0].score
        for item in b {
            if item.score > hi { hi = item.score }
            if item.score < lo { lo = item.score }
        }
        let buckets = 2 * n
        let scale = Double(buckets) / (hi - lo)
        // All scores equal, a range too narrow or too wide to scale, or a NaN: the radix sort needs no scale.
        guard scale.isFinite, scale > 0 else {
            radixSort(b)
            return
        }
        @inline(__always) func bucket(_ score: Double) -> Int {
            let x = (hi - score) * scale
            return x < Double(buckets - 1) ? Int(x) : buckets - 1
        }
        withUnsafeTemporaryAllocation(of: Scored.self, capacity: n) { other in
        withUnsafeTemporaryAllocation(of: Int32.self, capacity: buckets) { starts in
            starts.initialize(repeating: 0)
            for item in b { starts[bucket(item.score)] &+= 1 }
            // Exclusive prefix sums, carried in a register (through memory it was a chain of store-to-load waits).
            var total: Int32 = 0
            for d in 0..<buckets {
                let size = starts[d]
                starts[d] = total
                total &+= size
            }
            // starts[d] is now bucket d's first position; it advances as the bucket fills.
            for item in b {
                let d = bucket(item.score)
                (other.baseAddress! + Int(starts[d])).initialize(to: item)
                starts[d] &+= 1
            }
            // Bucket d now ends at starts[d] (and begins where bucket d − 1 ends).
            _ = b.update(fromContentsOf: other)
            var begin = 0
            for d in 0..<buckets {
                let end = Int(starts[d])
                let size = end - begin
                if size > 1 {
                    let slice = UnsafeMutableBufferPointer(rebasing: b[begin..<end])
                    if size <= 32 { insertionSort(slice) } else { radixSort(slice) }
                }
                begin = end
            }
        }}
    }

    /// Sorts by ``Scored/ranksBefore(_:)`` in place, by an LSD radix sort: first on the index bytes, then
    /// (stably) on the score's bytes, skipping bytes that are equal in every item.
    ///
    /// Why not `sort(by:)`: with ~350 candidates the comparison sort's branch mispredictions made it a
    /// sixth of a 10k-track request (perf); the radix passes are a few straight-line loops.
    static func radixSort(_ b: UnsafeMutableBufferPointer<Scored>) {
        let n = b.count
        guard n > 1 else { return }
        if n <= 32 {
            insertionSort(b)
            return
        }
        // Byte masks of what varies, so constant bytes (high index bytes, the exponent) cost no pass.
        let firstIndex = UInt64(UInt(bitPattern: b[0].index)), firstKey = descendingKey(b[0].score)
        var indexDiff: UInt64 = 0, keyDiff: UInt64 = 0
        for item in b {
            indexDiff |= UInt64(UInt(bitPattern: item.index)) ^ firstIndex
            keyDiff |= descendingKey(item.score) ^ firstKey
        }
        withUnsafeTemporaryAllocation(of: Scored.self, capacity: n) { other in
        withUnsafeTemporaryAllocation(of: Int.self, capacity: 256) { counts in
            var source = b, target = other
            // Passes 0–7 sort by index bytes (least significant first), 8–15 by the score key's bytes.
            for pass in 0..<16 {
                let shift = UInt64(8 * (pass & 7))
                let diff = pass < 8 ? indexDiff : keyDiff
                guard (diff >> shift) & 0xFF != 0 else { continue }
                @inline(__always) func digit(_ item: Scored) -> Int {
                    let key = pass < 8 ? UInt64(UInt(bitPattern: item.index)) : descendingKey(item.score)
                    return Int(truncatingIfNeeded: (key >> shift) & 0xFF)
                }
                counts.initialize(repeating: 0)
                for item in source { counts[digit(item)] += 1 }
                var total = 0
                for d in 0..<256 {
                    let c = counts[d]
                    counts[d] = total
                    total += c
                }
                for item in source {
                    let d = digit(item)
                    (target.baseAddress! + counts[d]).initialize(to: item)
                    counts[d] += 1
                }
                swap(&source, &target)
            }
            if source.baseAddress != b.baseAddress {
                for i in 0..<n { b[i] = source[i] }
            }
        }}
    }

    /// A key whose ascending order is descending score (scores are never NaN here; −0 counts as +0, as in
    /// ``Scored/ranksBefore(_:)``).
    @inline(__always)
    private static func descendingKey(_ score: Double) -> UInt64 {
        let bits = (score == 0 ? 0.0 : score).bitPattern
        let ascending = bits >> 63 == 1 ? ~bits : bits | (1 << 63)
        return ~ascending
    }

    private static func insertionSort(_ b: UnsafeMutableBufferPointer<Scored>) {
        for a in 1..<b.count {
            let item = b[a]
            var j = a
            while j > 0, item.ranksBefore(b[j - 1]) {
                b[j] = b[j - 1]
                j -= 1
            }
            b[j] = item
        }
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
