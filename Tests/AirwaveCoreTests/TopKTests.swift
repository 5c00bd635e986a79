@testable import AirwaveCore
import Testing

@Suite("Top-K selection")
struct TopKTests {
    /// Offers every item whose score reaches the threshold, as the ranking loops do, and compares with a full sort.
    @Test("keeps exactly the best K (score, then catalog order) for many sizes, with heavy ties", arguments: [1, 2, 7, 50, 350])
    func matchesFullSort(capacity: Int) {
        var random = SeededRandom(seed: UInt64(capacity))
        for round in 0..<40 {
            let n = Int(random.next() % 3000)
            // Few distinct scores, so ties across the cut are common.
            let items = (0..<n).map { Scored(score: Double(random.next() % UInt64(1 + round % 9)), index: $0) }
            let order = round % 2 == 0 ? Array(items) : items.shuffled(using: &random)
            var top = TopK(capacity: capacity)
            for item in order {
                if round % 3 == 0 { top.tighten() }
                guard item.score >= top.threshold else { continue }
                top.offer(item)
            }
            let expected = Array(items.sorted { $0.ranksBefore($1) }.prefix(capacity))
            #expect(top.ranked().map(\.index) == expected.map(\.index), "n=\(n) round=\(round)")
        }
    }
}

@Suite("Top-K selection with the histogram floor")
struct TopKFloorTests {
    /// Scores in [0, 1] on a grid finer than the floor's buckets (so ties straddle bucket edges), offered as
    /// the pruned loop does (gate on max(threshold, floor)) and as the full scan does (strict threshold, floor).
    @Test("keeps exactly the best K with the floor raised on every offer", arguments: [1, 3, 50, 350])
    func matchesFullSort(capacity: Int) {
        var random = SeededRandom(seed: 99 + UInt64(capacity))
        for round in 0..<40 {
            let n = Int(random.next() % 4000)
            let grid = UInt64([2048, 300, 7, 1_000_000][round % 4])
            let items = (0..<n).map { Scored(score: Double(random.next() % (grid + 1)) / Double(grid), index: $0) }
            let inOrder = round % 2 == 0
            let order = inOrder ? Array(items) : items.shuffled(using: &random)
            var top = TopK(capacity: capacity, bucketed: true)
            for item in order {
                if round % 3 == 0 { top.tighten() }
                if inOrder {
                    guard item.score > top.threshold, item.score >= top.floor else { continue }
                } else {
                    guard item.score >= max(top.threshold, top.floor) else { continue }
                }
                top.offer(item)
            }
            let expected = Array(items.sorted { $0.ranksBefore($1) }.prefix(capacity))
            #expect(top.finish().map(\.index) == expected.map(\.index), "n=\(n) round=\(round)")
        }
    }

    /// Batches of any size (as the pruned scan stages them) keep the same items and raise the same floor as
    /// offering one by one.
    @Test("batched offers match single offers", arguments: [1, 50, 350])
    func batchesMatchSingleOffers(capacity: Int) {
        var random = SeededRandom(seed: 123 + UInt64(capacity))
        for round in 0..<30 {
            let n = Int(random.next() % 3000)
            let grid = UInt64([2048, 300, 1_000_000][round % 3])
            let items = (0..<n).map { Scored(score: Double(random.next() % (grid + 1)) / Double(grid), index: $0) }
                .shuffled(using: &random)
            var single = TopK(capacity: capacity, bucketed: true), batched = TopK(capacity: capacity, bucketed: true)
            for item in items { single.offer(item) }
            var start = 0
            while start < items.count {
                let end = min(items.count, start + 1 + Int(random.next() % 40))
                items[start..<end].withUnsafeBufferPointer { batched.offer($0) }
                #expect(batched.floor == {
                    var probe = TopK(capacity: capacity, bucketed: true)
                    for item in items[..<end] { probe.offer(item) }
                    return probe.floor
                }(), "round \(round) at \(end)")
                start = end
            }
            #expect(batched.floor == single.floor)
            #expect(batched.finish().map(\.index) == single.finish().map(\.index), "round \(round)")
        }
    }

    @Test("the in-place sort orders by score, then index")
    func sortMatchesStandardSort() {
        var random = SeededRandom(seed: 5)
        for n in [0, 1, 2, 15, 16, 17, 100, 1000] {
            var items = (0..<n).map { Scored(score: Double(random.next() % 5), index: $0) }.shuffled(using: &random)
            let expected = items.sorted { $0.ranksBefore($1) }.map(\.index)
            items.withUnsafeMutableBufferPointer { TopK.sort($0) }
            #expect(items.map(\.index) == expected)
        }
    }

    /// The bucket sort's shapes: spread scores (one per bucket), scores one ulp apart (equal buckets), a crowd in
    /// one bucket (the radix fallback), ±0, a range too wide to scale, and the radix sort on its own.
    @Test("the bucket sort orders by score, then index, whatever the spread", arguments: 0..<6)
    func bucketSortMatchesStandardSort(shape: Int) {
        var random = SeededRandom(seed: 11 + UInt64(shape))
        for n in [33, 34, 100, 350, 2000] {
            var items: [Scored] = (0..<n).map { i in
                let u = random.nextUnit()
                let score: Double = switch shape {
                case 0: 0.4 + 0.5 * u
                case 1: u < 0.3 ? 0.6 : (u < 0.6 ? 0.6.nextUp : (u < 0.9 ? 0.6.nextUp.nextUp : 0.7))
                case 2: u < 0.8 ? 0.5 + Double(i % 7) * 1e-12 : 0.9 + u * 0.01
                case 3: u < 0.3 ? 0.0 : (u < 0.6 ? -0.0 : (u < 0.8 ? 0.25 : 1))
                case 4: u < 0.5 ? -Double.greatestFiniteMagnitude * u : Double.greatestFiniteMagnitude * u
                default: (u * 1024).rounded() / 1024
                }
                return Scored(score: score, index: i)
            }
            items.shuffle(using: &random)
            let expected = items.sorted { $0.ranksBefore($1) }.map(\.index)
            var radix = items
            items.withUnsafeMutableBufferPointer { TopK.sort($0) }
            radix.withUnsafeMutableBufferPointer { TopK.radixSort($0) }
            #expect(items.map(\.index) == expected, "shape \(shape) n=\(n)")
            #expect(radix.map(\.index) == expected, "shape \(shape) n=\(n) (radix)")
        }
    }
}
