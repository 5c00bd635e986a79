import AirwaveCore
import Foundation
import JSONText
import Synchronization

/// Group commit for explicit interactions: callers on many threads enqueue; a free writer thread takes
/// everything pending, runs ONE transaction (one fsync) and wakes each caller with its own result, only
/// after COMMIT.
///
/// Two writers (each on its own connection; `group_commit_writers`) take turns by default: while one
/// waits for its COMMIT's fsync, the other already writes the next batch. A lone writer was busy 97% of
/// the time with the cores partly idle. Per-user order stays safe: a batch locks its profiles (in user-id
/// order, so writers never deadlock) before drawing ids, so a user's events fold in id order whichever
/// writer commits first.
///
/// Invariant: `queue` and `stopping` are touched only with `condition` locked; each ticket is delivered
/// exactly once, by the writer thread that took it.
final class InteractionWriter: @unchecked Sendable {
    /// What a committed (or failed) interaction hands back.
    typealias Outcome = Result<(interactionID: Int64, snapshot: ProfileSnapshot), StoreError>

    /// One caller's pending interaction and what to do with its outcome. Each caller is woken on its own:
    /// with one condition for everybody, each enqueue and each batch woke every waiting caller (64 threads
    /// woken to find their result still missing, thousands of times a second).
    final class Ticket: @unchecked Sendable {
        let input: InteractionInput
        /// Called on the writer thread once the outcome is known; must return quickly.
        let deliver: @Sendable (Outcome) -> Void
        init(_ input: InteractionInput, deliver: @escaping @Sendable (Outcome) -> Void) {
            self.input = input
            self.deliver = deliver
        }
    }

    /// Most interactions folded into one transaction; keeps a transaction's lock time bounded.
    static let maxBatch = 256

    private let pool: ConnectionPool
    /// Profiles the writers committed last.
    private let cache = ProfileCache()
    private let condition = NSCondition()
    private var queue: [Ticket] = []
    private var stopping = false
    private let batches = Atomic<Int>(0)
    private let written = Atomic<Int>(0)
    private let busyNanoseconds = Atomic<Int>(0)

    /// Counters since start: transactions, interactions in them, time spent writing (for /metrics).
    var totals: GroupCommitTotals {
        GroupCommitTotals(batches: batches.load(ordering: .relaxed), interactions: written.load(ordering: .relaxed),
                          busySeconds: Double(busyNanoseconds.load(ordering: .relaxed)) / 1e9)
    }

    /// Starts `writers` writer threads; the pool must have a connection for each besides its readers'.
    init(pool: ConnectionPool, writers: Int) {
        self.pool = pool
        for index in 0..<max(1, writers) {
            let thread = Thread { [self] in self.run() }
            thread.name = "airwave-store-writer-\(index + 1)"
            thread.start()
        }
    }

    /// Stops the writers after they have flushed what is pending.
    func stop() {
        condition.lock()
        stopping = true
        condition.broadcast()
        condition.unlock()
    }

    /// Enqueues `input` and blocks until the transaction holding it committed (or failed).
    func submit(_ input: InteractionInput) throws(StoreError) -> (interactionID: Int64, snapshot: ProfileSnapshot) {
        let box = OutcomeBox()
        try submit(input) { outcome in box.set(outcome) }
        return try box.wait().get()
    }

    /// Enqueues `input`; `completion` runs on the writer thread once the transaction holding it committed
    /// (or failed). It must return quickly: the next batch waits for it. Throws only when stopping.
    func submit(_ input: InteractionInput, completion: @escaping @Sendable (Outcome) -> Void) throws(StoreError) {
        condition.lock()
        guard !stopping else {
            condition.unlock()
            throw StoreError(.unavailable, context: "recordInteraction: store is shutting down")
        }
        queue.append(Ticket(input, deliver: completion))
        condition.signal()
        condition.unlock()
    }

    /// One blocking caller's outcome, handed over from the writer thread.
    private final class OutcomeBox: @unchecked Sendable {
        // Written once before `ready` is signalled, read after the wait: the semaphore orders the two.
        private var outcome: Outcome?
        private let ready = DispatchSemaphore(value: 0)
        func set(_ outcome: Outcome) {
            self.outcome = outcome
            ready.signal()
        }
        func wait() -> Outcome {
            ready.wait()
            return outcome!
        }
    }

    private func run() {
        while true {
            condition.lock()
            while queue.isEmpty && !stopping { condition.wait() }
            if queue.isEmpty && stopping {
                condition.unlock()
                return
            }
            let batch = Array(queue.prefix(Self.maxBatch))
            queue.removeFirst(batch.count)
            condition.unlock()

            let started = DispatchTime.now().uptimeNanoseconds
            let results = flush(batch)
            busyNanoseconds.add(Int(DispatchTime.now().uptimeNanoseconds - started), ordering: .relaxed)
            batches.add(1, ordering: .relaxed)
            written.add(batch.count, ordering: .relaxed)

            for (ticket, result) in zip(batch, results) { ticket.deliver(result) }
        }
    }

    /// One transaction for the batch; when the server rejects it for a reason other than availability,
    /// each interaction is retried alone (nothing committed), so one bad input cannot fail the others.
    private func flush(_ batch: [Ticket]) -> [Outcome] {
        do {
            return try commit(batch.map(\.input)).map { .success($0) }
        } catch {
            if error.isUnavailable || batch.count == 1 {
                return batch.map { _ in .failure(error) }
            }
            return batch.map { ticket in
                do throws(StoreError) { return .success(try commit([ticket.input])[0]) } catch { return .failure(error) }
            }
        }
    }

    private func commit(_ inputs: [InteractionInput]) throws(StoreError) -> [(interactionID: Int64, snapshot: ProfileSnapshot)] {
        let context = "recordInteraction"
        var attempt = 0
        while true {
            do {
                let applied = try pool.withConnection(context: context) { conn throws(StoreError) in
                    do throws(StoreError) {
                        return try Self.apply(inputs, on: conn, cache: cache, ownTransaction: true, context: context)
                    } catch {
                        if conn.inTransaction { _ = try? conn.query("ROLLBACK", context: context) }
                        throw error
                    }
                }
                // Committed: these row versions are what PostgreSQL now holds.
                for (snapshot, xmin) in applied.written { cache.store(snapshot, xmin: xmin) }
                return applied.results
            } catch where error.code == .conflict && attempt < 3 {
                attempt += 1
            }
        }
    }

    /// Locks the profiles, appends every event in order, folds each into its user's snapshot, writes the
    /// snapshots back. Used by the writer and by the play logger (inside their transactions).
    ///
    /// Ids are drawn from the sequence only after every profile lock is held, and handed out in input
    /// order, so per user the id order is the fold order (the snapshot == fold invariant relies on it).
    ///
    /// `cache` spares reading back profiles this writer wrote last (validated under the lock); `written`
    /// is each user's final snapshot with the `xmin` of its new row version, for the caller to cache once
    /// the transaction committed.
    ///
    /// With `ownTransaction` (the group-commit writer) it also opens and commits the transaction, and the
    /// whole batch takes two round trips (one more for profiles the cache lacks): BEGIN, the profile insert
    /// and lock and the id draw are pipelined, then the write and COMMIT. Pipelining keeps the order that
    /// matters: the server runs the id draw only after the lock statement has returned every row.
    static func apply(_ inputs: [InteractionInput], on conn: PGConnection, cache: ProfileCache? = nil,
                      ownTransaction: Bool = false, context: String) throws(StoreError) -> Applied {
        guard !inputs.isEmpty else { return Applied(results: [], written: []) }
        var statements = try ProfileRows.lockStatements(userIDs: inputs.map(\.userID), context: context)
        statements.append(PGConnection.Statement("""
            SELECT nextval(pg_get_serial_sequence('interactions', 'id')) FROM generate_series(1, $1::int)
            """, [PGParam.int(inputs.count)], prepared: true))
        if ownTransaction { statements.insert(PGConnection.Statement("BEGIN"), at: 0) }
        let rows = try conn.pipeline(statements, context: context)
        let stored = try ProfileRows.snapshots(locked: rows[rows.count - 2], conn, cache: cache, context: context)
        var snapshots = stored
        var ids: [Int64] = []
        for row in rows[rows.count - 1].all {
            ids.append(try row.int64(0, "id"))
        }
        ids.sort()
        guard ids.count == inputs.count else { throw StoreError(.queryFailed, context: context) }
        var results: [(interactionID: Int64, snapshot: ProfileSnapshot)] = []
        var events: [EventRow] = []
        var positions: [String: [Int]] = [:]
        var touched: [String: ProfileRows.TouchedKeys] = [:]
        for (input, id) in zip(inputs, ids) {
            guard var snapshot = snapshots[input.userID] else { throw StoreError(.notFound, context: "user_id") }
            snapshot.profile.learn(input.feedback, about: input.track)
            touched[input.userID, default: ProfileRows.TouchedKeys()].genres.insert(input.track.genre)
            touched[input.userID]!.artists.insert(input.track.artist)
            touched[input.userID]!.moods.insert(input.track.mood)
            snapshot.version += 1
            snapshots[input.userID] = snapshot
            positions[input.userID, default: []].append(results.count)
            results.append((id, snapshot))
            events.append(EventRow(id: id, user_id: input.userID, station_id: input.stationID, track_id: input.track.trackID,
                                   genre: input.track.genre, artist: input.track.artist, mood: input.track.mood,
                                   type: input.feedback.type.rawValue, rating: input.feedback.rating,
                                   at: input.at.timeIntervalSince1970))
        }
        let users = positions.keys.sorted()
        // One statement logs the events and writes the profiles.
        let written = try ProfileRows.update(conn, users.map { (stored[$0], snapshots[$0]!) },
                                             loggingEvents: EventRow.json(events), touched: touched,
                                             thenCommit: ownTransaction, context: context)
        var finals: [(ProfileSnapshot, String)] = []
        for user in users {
            let (updatedAt, xmin) = written[user]!
            for index in positions[user]! { results[index].snapshot.updatedAt = updatedAt }
            var final = snapshots[user]!
            final.updatedAt = updatedAt
            finals.append((final, xmin))
        }
        return Applied(results: results, written: finals)
    }

    /// What ``apply(_:on:cache:context:)`` did: each input's id and snapshot, in input order, and each
    /// user's final snapshot with the `xmin` of the row version written.
    struct Applied {
        let results: [(interactionID: Int64, snapshot: ProfileSnapshot)]
        let written: [(snapshot: ProfileSnapshot, xmin: String)]
    }

    /// One `interactions` row as JSON for `jsonb_to_recordset` (keys are the column names).
    private struct EventRow {
        let id: Int64
        let user_id: String
        let station_id: String
        let track_id: String
        let genre: String
        let artist: String
        let mood: String
        let type: String
        let rating: Double?
        let at: Double

        /// The rows as a JSON array, written by hand (JSONEncoder was a tenth of the writer's CPU).
        static func json(_ rows: [EventRow]) -> String {
            var out = "["
            out.reserveCapacity(rows.count * 200)
            for (index, row) in rows.enumerated() {
                out += index == 0 ? "{\"id\":" : ",{\"id\":"
                out += String(row.id)
                for (key, value) in [("user_id", row.user_id), ("station_id", row.station_id), ("track_id", row.track_id),
                                     ("genre", row.genre), ("artist", row.artist), ("mood", row.mood), ("type", row.type)] {
                    out += ",\"" + key + "\":"
                    JSONText.append(value, to: &out)
                }
                // Ratings are validated finite (Feedback) and times are finite dates.
                out += ",\"rating\":" + (row.rating.map { $0.description } ?? "null")
                out += ",\"at\":" + row.at.description + "}"
            }
            return out + "]"
        }
    }
}
