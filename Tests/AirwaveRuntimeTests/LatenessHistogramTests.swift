import AirwaveCore
import Foundation
import Testing
@testable import AirwaveRuntime

@Suite("Lateness histogram")
struct LatenessHistogramTests {
    @Test("quantiles are within 2% above the exact ones, on random data spanning many decades")
    func quantilesMatchSorting() {
        var random = SeededRandom(seed: 42)
        var histogram = LatenessHistogram()
        var values: [Double] = []
        for _ in 0..<20_000 {
            // Mostly on time, a long tail up to ~1,000 s; some exactly 0 (a dispatch right at its deadline).
            let u = random.nextUnit()
            let value = u < 0.1 ? 0 : 1e-3 * pow(10, 6 * random.nextUnit() * random.nextUnit())
            values.append(value)
            histogram.record(value)
        }
        let sorted = values.sorted()
        for q in [0.5, 0.9, 0.99, 0.999] {
            let exact = sorted[Int((q * Double(sorted.count)).rounded(.up)) - 1]
            let estimate = histogram.quantile(q)
            #expect(estimate >= exact, "q \(q): \(estimate) < \(exact)")
            #expect(estimate <= max(exact, LatenessHistogram.floor) * 1.02 + 1e-12, "q \(q): \(estimate) vs \(exact)")
        }
        #expect(histogram.count == 20_000)
    }

    @Test("since() leaves only the later dispatches")
    func since() {
        var histogram = LatenessHistogram()
        for _ in 0..<1_000 { histogram.record(50) } // a backlog before the run
        let start = histogram
        for _ in 0..<100 { histogram.record(0.01) }
        let run = histogram.since(start)
        #expect(run.count == 100)
        #expect(run.quantile(0.99) <= 0.01 * 1.02 && run.quantile(0.99) >= 0.01)
        #expect(histogram.quantile(0.99) >= 50, "the whole history still has the backlog")
        #expect(LatenessHistogram().quantile(0.99) == 0)
    }
}
