import Foundation
import Synchronization

/// One deadline heap for every listener of every station: wakes when a track's end passes and asks the
/// owning station to advance that listener.
///
/// In production a single thread runs ``run(clock:resolve:)``; tests call ``runDue(now:resolve:)`` with a
/// manual clock instead.
public final class ListenerScheduler: @unchecked Sendable {
    /// Identifies one listener of one station.
    public struct Key: Hashable, Sendable {
        public let station: String
        public let user: String
    }

    // Invariant: `heap` and `stopped` are only touched with `condition` locked.
    private let condition = NSCondition()
    private var heap = DeadlineHeap<Key>()
    private var stopped = false
    /// Seconds between a deadline and its dispatch, for the most recent dispatches (metrics).
    private let lateness = Mutex<LatenessWindow>(LatenessWindow())

    /// An empty scheduler.
    public init() {}

    /// Asks to advance `user` of `station` at `deadline`; `generation` identifies the listener's current plan.
    public func schedule(station: String, user: String, at deadline: Date, generation: UInt64) {
        condition.lock()
        let wasFirst = heap.first.map { deadline < $0.deadline } ?? true
        heap.push(deadline, key: Key(station: station, user: user), generation: generation)
        if wasFirst { condition.signal() }
        condition.unlock()
    }

    /// Entries in the heap (stale ones included).
    public var pendingCount: Int {
        condition.lock()
        defer { condition.unlock() }
        return heap.count
    }

    /// Dispatches every entry due at `now`, in deadline order; returns how many were dispatched.
    @discardableResult
    public func runDue(now: Date, resolve: (Key, _ generation: UInt64) -> Void) -> Int {
        var dispatched = 0
        while true {
            condition.lock()
            let entry = heap.popDue(now: now)
            condition.unlock()
            guard let entry else { return dispatched }
            lateness.withLock {
                let late = now.timeIntervalSince(entry.deadline)
                $0.record(late)
                $0.all.record(late)
            }
            resolve(entry.key, entry.generation)
            dispatched += 1
        }
    }

    /// Runs until ``stop()``: sleeps until the next deadline (by `clock`) and dispatches what is due.
    public func run(clock: any StationClock, resolve: (Key, UInt64) -> Void) {
        while true {
            condition.lock()
            if stopped { condition.unlock(); return }
            let now = clock.now()
            let next = heap.first?.deadline
            if let next, next <= now {
                condition.unlock()
                runDue(now: now, resolve: resolve)
                continue
            }
            // Wake at the next deadline, or at least twice a second so clock-speed changes are noticed.
            let wait = next.map { min(0.5, max(0.001, clock.realSeconds(for: $0.timeIntervalSince(now)))) } ?? 0.5
            _ = condition.wait(until: Date().addingTimeInterval(wait))
            condition.unlock()
        }
    }

    /// Makes ``run(clock:resolve:)`` return.
    public func stop() {
        condition.lock()
        stopped = true
        condition.broadcast()
        condition.unlock()
    }

    /// Lateness of recent dispatches in station seconds: (count, p50, p99, max).
    public func latenessSummary() -> (count: Int, p50: Double, p99: Double, max: Double) {
        lateness.withLock { $0.summary() }
    }

    /// Every dispatch's lateness since the scheduler was made (take two and use ``LatenessHistogram/since(_:)``
    /// for a run's share).
    public func latenessHistogram() -> LatenessHistogram {
        lateness.withLock { $0.all }
    }
}

/// The most recent dispatch latenesses, bounded.
struct LatenessWindow {
    private var samples: [Double] = []
    private var next = 0
    /// Every dispatch, not just the recent ones.
    var all = LatenessHistogram()
    private static let capacity = 4096

    mutating func record(_ seconds: Double) {
        if samples.count < Self.capacity { samples.append(seconds) } else { samples[next] = seconds }
        next = (next + 1) % Self.capacity
    }

    func summary() -> (count: Int, p50: Double, p99: Double, max: Double) {
        guard !samples.isEmpty else { return (0, 0, 0, 0) }
        let sorted = samples.sorted()
        func at(_ q: Double) -> Double { sorted[min(sorted.count - 1, Int(q * Double(sorted.count)))] }
        return (sorted.count, at(0.5), at(0.99), sorted.last!)
    }
}
