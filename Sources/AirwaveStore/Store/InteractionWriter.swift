import AirwaveCore
import Foundation

/// Group commit for explicit interactions: callers on many threads enqueue; one writer thread takes
/// everything pending, runs ONE transaction (one fsync) and wakes each caller with its own result, only
/// after COMMIT.
///
/// Invariant: `queue`, `stopping` and every ticket's `result` are touched only with `condition` locked.
final class InteractionWriter: @unchecked Sendable {
    /// One caller's pending interaction and, once flushed, its outcome.
    final class Ticket {
        let input: InteractionInput
        var result: Result<(interactionID: Int64, snapshot: ProfileSnapshot), StoreError>?
        init(_ input: InteractionInput) { self.input = input }
    }

    /// Most interactions folded into one transaction; keeps a transaction's lock time bounded.
    static let maxBatch = 256

    private let pool: ConnectionPool
    private let condition = NSCondition()
    private var queue: [Ticket] = []
    private var stopping = false

    init(pool: ConnectionPool) {
        self.pool = pool
        let thread = Thread { [self] in self.run() }
        thread.name = "airwave-store-writer"
        thread.start()
    }

    /// Stops the writer after it has flushed what is pending.
    func stop() {
        condition.lock()
        stopping = true
        condition.broadcast()
        condition.unlock()
    }

    /// Enqueues `input` and blocks until the transaction holding it committed (or failed).
    func submit(_ input: InteractionInput) throws(StoreError) -> (interactionID: Int64, snapshot: ProfileSnapshot) {
        let ticket = Ticket(input)
        condition.lock()
        guard !stopping else {
            condition.unlock()
            throw StoreError(.unavailable, context: "recordInteraction: store is shutting down")
        }
        queue.append(ticket)
        condition.broadcast()
        while ticket.result == nil { condition.wait() }
        let result = ticket.result!
        condition.unlock()
        return try result.get()
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

            let results = flush(batch)

            condition.lock()
            for (ticket, result) in zip(batch, results) { ticket.result = result }
            condition.broadcast()
            condition.unlock()
        }
    }

    private typealias Outcome = Result<(interactionID: Int64, snapshot: ProfileSnapshot), StoreError>

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
                return try pool.withConnection(context: context) { conn throws(StoreError) in
                    try Store.inTransaction(conn, context: context) { conn throws(StoreError) in
                        try Self.apply(inputs, on: conn, context: context)
                    }
                }
            } catch where error.code == .conflict && attempt < 3 {
                attempt += 1
            }
        }
    }

    /// Locks the profiles, appends every event in order, folds each into its user's snapshot, writes the
    /// snapshots back. Used by the writer and by the play logger (inside their transactions).
    static func apply(_ inputs: [InteractionInput], on conn: PGConnection,
                      context: String) throws(StoreError) -> [(interactionID: Int64, snapshot: ProfileSnapshot)] {
        guard !inputs.isEmpty else { return [] }
        var snapshots = try ProfileRows.lock(conn, userIDs: inputs.map(\.userID), context: context)
        var results: [(interactionID: Int64, snapshot: ProfileSnapshot)] = []
        var positions: [String: [Int]] = [:]
        for input in inputs {
            guard var snapshot = snapshots[input.userID] else { throw StoreError(.notFound, context: "user_id") }
            let id = try ProfileRows.append(conn, userID: input.userID, stationID: input.stationID, track: input.track,
                                            feedback: input.feedback, at: input.at, context: context)
            snapshot.profile.learn(input.feedback, about: input.track)
            snapshot.version += 1
            snapshots[input.userID] = snapshot
            positions[input.userID, default: []].append(results.count)
            results.append((id, snapshot))
        }
        for user in positions.keys.sorted() {
            let updatedAt = try ProfileRows.update(conn, snapshots[user]!, context: context)
            for index in positions[user]! { results[index].snapshot.updatedAt = updatedAt }
        }
        return results
    }
}
