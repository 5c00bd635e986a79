import AirwaveRuntime
import Foundation
import Synchronization

/// An in-memory journal that batches like the daemon's `StoreJournal` (DECISIONS 16): plays and listener
/// states are queued under a lock and a writer thread takes the batch every 0.25 s and turns every play into
/// the row it would write (JSON-encoded, as the store's batch parameter is), then drops it.
///
/// What it leaves out: PostgreSQL's own CPU and the round trips; the scheduler side (queueing under a lock)
/// costs exactly what the real journal costs.
final class BatchingJournal: RuntimeJournal, @unchecked Sendable {
    private struct Pending {
        var plays: [PlayEvent] = []
        var listeners: [String: ListenerState] = [:]
    }

    /// The row a play becomes (the columns of the `plays` table that vary per play).
    private struct Row: Encodable {
        var station_id: String, user_id: String, track_id: String
        var started_at: Double, ended_at: Double, outcome: String, discovery: Bool, score: Double
        var reasons: [String], daypart: String
    }

    private let pending = Mutex(Pending())
    private let stopped = Atomic<Bool>(false)
    /// Plays and listener states written so far, and the bytes they encoded to.
    let plays = Atomic<Int>(0), states = Atomic<Int>(0), bytes = Atomic<Int>(0), batches = Atomic<Int>(0)

    func trackEnded(_ play: PlayEvent) { pending.withLock { $0.plays.append(play) } }

    func listenerChanged(_ state: ListenerState) {
        pending.withLock { $0.listeners[state.stationID + "\u{1F}" + state.userID] = state }
    }

    func listenerLeft(stationID: String, userID: String, at: Date) {
        _ = pending.withLock { $0.listeners.removeValue(forKey: stationID + "\u{1F}" + userID) }
    }

    /// Takes the batch and encodes it.
    func flush() {
        let batch = pending.withLock { p -> Pending in
            defer { p = Pending() }
            return p
        }
        guard !batch.plays.isEmpty || !batch.listeners.isEmpty else { return }
        let rows = batch.plays.map {
            Row(station_id: $0.stationID, user_id: $0.userID, track_id: $0.track.trackID,
                started_at: $0.startedAt.timeIntervalSince1970, ended_at: $0.endedAt.timeIntervalSince1970,
                outcome: $0.outcome.rawValue, discovery: $0.discovery, score: $0.score, reasons: $0.reasons, daypart: $0.daypart)
        }
        let encoded = (try? JSONEncoder().encode(rows))?.count ?? 0
        plays.add(batch.plays.count, ordering: .relaxed)
        states.add(batch.listeners.count, ordering: .relaxed)
        bytes.add(encoded, ordering: .relaxed)
        batches.add(1, ordering: .relaxed)
    }

    /// Flushes every `interval` seconds until ``stop()``.
    func run(interval: TimeInterval = 0.25) {
        while !stopped.load(ordering: .relaxed) {
            Thread.sleep(forTimeInterval: interval)
            flush()
        }
    }

    func stop() { stopped.store(true, ordering: .relaxed) }
}
