import AirwaveRuntime
import AirwaveStore
import Foundation
import Synchronization

/// Counters and histograms exported at `/metrics` in the Prometheus text format.
public final class DaemonMetrics: Sendable {
    private struct State {
        var plays: [String: Int] = [:]              // outcome
        var interactions: [String: Int] = [:]       // type
        var databaseErrors = 0
    }

    /// What every request counts, kept in one of several shards picked by the calling thread: one shared
    /// lock taken by sixteen HTTP threads per request spun for a quarter of the daemon's CPU under `wrk`
    /// (perf, 2026-11-23). `/metrics` adds the shards up.
    private struct RequestShard {
        var httpRequests: [RequestKey: Int] = [:]
        var playlistLatency = Histogram(bounds: DaemonMetrics.latencyBounds)
    }

    private struct RequestKey: Hashable {
        var route: String
        var method: String
        var status: Int
    }

    static let latencyBounds = [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1]
    private static let shardCount = 16

    /// A cumulative histogram with fixed upper bounds (seconds).
    struct Histogram {
        let bounds: [Double]
        var counts: [Int]
        var sum = 0.0
        var total = 0
        init(bounds: [Double]) {
            self.bounds = bounds
            counts = Array(repeating: 0, count: bounds.count)
        }
        /// Adds another histogram with the same bounds.
        mutating func add(_ other: Histogram) {
            for i in counts.indices { counts[i] += other.counts[i] }
            sum += other.sum
            total += other.total
        }
        mutating func observe(_ value: Double) {
            for (i, bound) in bounds.enumerated() where value <= bound { counts[i] += 1 }
            sum += value
            total += 1
        }
    }

    private let state = Mutex(State())
    private let shards = (0..<DaemonMetrics.shardCount).map { _ in LockedShard() }

    /// One shard behind its own lock (a class: a `Mutex` cannot sit in an array).
    private final class LockedShard: Sendable {
        let lock = Mutex(RequestShard())
    }

    /// The calling thread's shard (a multiplicative hash of its pthread id, which is an address).
    private var shard: LockedShard {
        let thread = UInt64(UInt(pthread_self()))
        return shards[Int((thread &* 0x9E37_79B9_7F4A_7C15) >> 60) % DaemonMetrics.shardCount]
    }
    /// Recommendation cache outcomes, counted without the lock (one per `GET …/recommendations`).
    private let recommendationHits = Atomic<Int>(0)
    private let recommendationMisses = Atomic<Int>(0)

    /// An empty set of metrics.
    public init() {}

    /// Counts one HTTP request.
    public func request(route: String, method: String, status: Int) {
        let key = RequestKey(route: route, method: method, status: status)
        shard.lock.withLock { $0.httpRequests[key, default: 0] += 1 }
    }

    /// Counts finished plays by outcome.
    public func played(outcome: String, count: Int = 1) {
        state.withLock { $0.plays[outcome, default: 0] += count }
    }

    /// Counts one acknowledged interaction by type.
    public func interaction(type: String) {
        state.withLock { $0.interactions[type, default: 0] += 1 }
    }

    /// Counts a database failure.
    public func databaseError() {
        state.withLock { $0.databaseErrors += 1 }
    }

    /// Records how long making one playlist took.
    public func playlistGenerated(seconds: Double) {
        shard.lock.withLock { $0.playlistLatency.observe(seconds) }
    }

    /// Counts whether a recommendation's ranking came from the cache (nothing is counted when it is off).
    public func recommendationCache(_ outcome: RecommendationCacheOutcome) {
        switch outcome {
        case .hit: recommendationHits.add(1, ordering: .relaxed)
        case .miss: recommendationMisses.add(1, ordering: .relaxed)
        case .off: break
        }
    }

    /// The Prometheus exposition, with live gauges supplied by the caller.
    public func render(listenersByStation: [(String, Int)], schedulerLateness: (count: Int, p50: Double, p99: Double, max: Double),
                       groupCommit: GroupCommitTotals? = nil) -> String {
        let s = state.withLock { $0 }
        var httpRequests: [RequestKey: Int] = [:]
        var latency = Histogram(bounds: DaemonMetrics.latencyBounds)
        for shard in shards {
            let part = shard.lock.withLock { $0 }
            httpRequests.merge(part.httpRequests, uniquingKeysWith: +)
            latency.add(part.playlistLatency)
        }
        var out = ""
        out += "# HELP airwave_listeners Listeners per station.\n# TYPE airwave_listeners gauge\n"
        for (station, count) in listenersByStation { out += "airwave_listeners{station=\"\(escape(station))\"} \(count)\n" }
        out += "# HELP airwave_plays_total Finished plays by outcome.\n# TYPE airwave_plays_total counter\n"
        for outcome in ["played", "skipped"] { out += "airwave_plays_total{outcome=\"\(outcome)\"} \(s.plays[outcome] ?? 0)\n" }
        out += "# HELP airwave_interactions_total Acknowledged interactions by type.\n# TYPE airwave_interactions_total counter\n"
        for (type, count) in s.interactions.sorted(by: { $0.key < $1.key }) { out += "airwave_interactions_total{type=\"\(escape(type))\"} \(count)\n" }
        out += "# HELP airwave_playlist_generation_seconds Time to make one playlist.\n# TYPE airwave_playlist_generation_seconds histogram\n"
        for (bound, count) in zip(latency.bounds, latency.counts) {
            out += "airwave_playlist_generation_seconds_bucket{le=\"\(bound)\"} \(count)\n"
        }
        out += "airwave_playlist_generation_seconds_bucket{le=\"+Inf\"} \(latency.total)\n"
        out += "airwave_playlist_generation_seconds_sum \(latency.sum)\n"
        out += "airwave_playlist_generation_seconds_count \(latency.total)\n"
        out += "# HELP airwave_http_requests_total HTTP requests by route, method and status.\n# TYPE airwave_http_requests_total counter\n"
        let ordered = httpRequests.sorted { ($0.key.route, $0.key.method, $0.key.status) < ($1.key.route, $1.key.method, $1.key.status) }
        for (key, count) in ordered {
            out += "airwave_http_requests_total{route=\"\(escape(key.route))\",method=\"\(key.method)\",status=\"\(key.status)\"} \(count)\n"
        }
        out += "# HELP airwave_recommendation_cache_total Recommendation rankings by cache outcome (hit: reused; miss: computed).\n"
        out += "# TYPE airwave_recommendation_cache_total counter\n"
        out += "airwave_recommendation_cache_total{outcome=\"hit\"} \(recommendationHits.load(ordering: .relaxed))\n"
        out += "airwave_recommendation_cache_total{outcome=\"miss\"} \(recommendationMisses.load(ordering: .relaxed))\n"
        if let groupCommit {
            out += "# HELP airwave_group_commit_batches_total Interaction transactions committed (one fsync each).\n"
            out += "# TYPE airwave_group_commit_batches_total counter\nairwave_group_commit_batches_total \(groupCommit.batches)\n"
            out += "# HELP airwave_group_commit_interactions_total Interactions written by those transactions.\n"
            out += "# TYPE airwave_group_commit_interactions_total counter\nairwave_group_commit_interactions_total \(groupCommit.interactions)\n"
            out += "# HELP airwave_group_commit_busy_seconds_total Time the writer spent in transactions.\n"
            out += "# TYPE airwave_group_commit_busy_seconds_total counter\nairwave_group_commit_busy_seconds_total \(groupCommit.busySeconds)\n"
        }
        out += "# HELP airwave_database_errors_total Failed database operations.\n# TYPE airwave_database_errors_total counter\n"
        out += "airwave_database_errors_total \(s.databaseErrors)\n"
        out += "# HELP airwave_scheduler_lateness_seconds Lateness of recent track changes (station seconds).\n# TYPE airwave_scheduler_lateness_seconds gauge\n"
        out += "airwave_scheduler_lateness_seconds{quantile=\"0.5\"} \(schedulerLateness.p50)\n"
        out += "airwave_scheduler_lateness_seconds{quantile=\"0.99\"} \(schedulerLateness.p99)\n"
        return out
    }

    private func escape(_ label: String) -> String {
        label.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"").replacingOccurrences(of: "\n", with: "\\n")
    }
}
