/// Median and p99 of a set of durations, in milliseconds.
struct Timing {
    var samples: [Double]

    init(_ durations: [Duration]) {
        samples = durations.map { d in
            let c = d.components
            return Double(c.seconds) * 1000 + Double(c.attoseconds) / 1e15
        }.sorted()
    }

    var median: Double { samples.isEmpty ? 0 : samples[samples.count / 2] }
    /// Nearest-rank 99th percentile (with few runs this is the maximum).
    var p99: Double {
        guard !samples.isEmpty else { return 0 }
        let rank = Int((0.99 * Double(samples.count)).rounded(.up))
        return samples[max(0, min(samples.count - 1, rank - 1))]
    }
}

/// Milliseconds with three significant decimals.
func ms(_ value: Double) -> String {
    value >= 100 ? String(format: "%.0f", value) : value >= 10 ? String(format: "%.1f", value) : String(format: "%.3f", value)
}

/// Seconds since `start` on `clock`.
func seconds(since start: ContinuousClock.Instant, _ clock: ContinuousClock = ContinuousClock()) -> Double {
    let c = (clock.now - start).components
    return Double(c.seconds) + Double(c.attoseconds) / 1e18
}

import Foundation
