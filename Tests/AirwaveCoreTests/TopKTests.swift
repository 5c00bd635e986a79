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
