import Foundation

/// Every dispatch's lateness since start, in logarithmic buckets 2% wide, so a long run's p99 covers all
/// of its track changes (the recent window only sees the last few thousand) in constant memory.
public struct LatenessHistogram: Sendable, Equatable {
    /// Lateness below this (station seconds) counts as on time: bucket 0.
    static let floor = 1e-4
    /// Each bucket's upper edge is this factor times its lower edge.
    static let growth = 1.02
    /// Enough buckets for 10⁻⁴ s … 10⁶ s of station time.
    static let bucketCount = Int((log(1e6 / floor) / log(growth)).rounded(.up)) + 1

    private var counts = [Int](repeating: 0, count: LatenessHistogram.bucketCount)
    /// Dispatches counted.
    public private(set) var count = 0

    /// An empty histogram.
    public init() {}

    /// Counts one dispatch `seconds` (station time) after its deadline.
    mutating func record(_ seconds: Double) {
        counts[Self.bucket(of: seconds)] += 1
        count += 1
    }

    static func bucket(of seconds: Double) -> Int {
        guard seconds.isFinite, seconds > floor else { return 0 }
        return min(bucketCount - 1, 1 + Int(log(seconds / floor) / log(growth)))
    }

    /// The upper edge of `bucket` in station seconds (what a quantile reports: never below the truth).
    static func upperEdge(of bucket: Int) -> Double {
        bucket == 0 ? floor : floor * pow(growth, Double(bucket))
    }

    /// The dispatches counted here but not in `earlier` (a snapshot of the same histogram).
    public func since(_ earlier: LatenessHistogram) -> LatenessHistogram {
        var result = self
        for i in counts.indices { result.counts[i] -= earlier.counts[i] }
        result.count -= earlier.count
        return result
    }

    /// The smallest bucket edge at or above the `q` quantile (0…1) in station seconds; 0 when empty. At most
    /// 2% above the exact quantile.
    public func quantile(_ q: Double) -> Double {
        guard count > 0 else { return 0 }
        let rank = max(1, Int((q * Double(count)).rounded(.up)))
        var seen = 0
        for (bucket, n) in counts.enumerated() {
            seen += n
            if seen >= rank { return Self.upperEdge(of: bucket) }
        }
        return Self.upperEdge(of: counts.count - 1)
    }
}
