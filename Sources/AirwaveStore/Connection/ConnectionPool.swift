import Foundation

/// A small pool of libpq connections for a threaded daemon: blocking checkout with a timeout, lazy
/// connects, and reconnection with exponential backoff after the server restarts.
///
/// Invariant: every mutable field is read and written only while `condition` is locked; a connection is
/// either in `idle` or held by exactly one caller.
final class ConnectionPool: @unchecked Sendable {
    private let connectionString: String
    private let size: Int
    private let checkoutTimeout: TimeInterval
    private let condition = NSCondition()
    private var idle: [PGConnection] = []
    private var open = 0
    /// No reconnect attempt before this instant (backoff after a failed reset or connect).
    private var retryNotBefore = Date.distantPast
    private var backoff: TimeInterval = 0.05
    private static let maxBackoff: TimeInterval = 2

    init(connectionString: String, size: Int, checkoutTimeout: TimeInterval) {
        self.connectionString = connectionString
        self.size = max(1, size)
        self.checkoutTimeout = checkoutTimeout
    }

    /// Opens one connection eagerly so a bad connection string fails at start-up.
    func warmUp() throws(StoreError) {
        try withConnection(context: "connect") { _ throws(StoreError) in }
    }

    /// Runs `body` with an exclusive, healthy connection.
    func withConnection<T>(context: String, _ body: (PGConnection) throws(StoreError) -> T) throws(StoreError) -> T {
        let conn = try checkout(context: context)
        defer { checkin(conn) }
        return try body(conn)
    }

    private func checkout(context: String) throws(StoreError) -> PGConnection {
        let deadline = Date().addingTimeInterval(checkoutTimeout)
        condition.lock()
        while true {
            if let conn = idle.popLast() {
                condition.unlock()
                return try ensureHealthy(conn, context: context)
            }
            if open < size {
                open += 1
                let wait = retryNotBefore.timeIntervalSinceNow
                condition.unlock()
                if wait > 0 {
                    releaseSlot()
                    throw StoreError(.unavailable, context: context)
                }
                do throws(StoreError) {
                    let conn = try PGConnection(connectionString: connectionString)
                    noteSuccess()
                    return conn
                } catch {
                    noteFailure()
                    releaseSlot()
                    throw StoreError(error.code, context: context, sqlState: error.sqlState, serverMessage: error.serverMessage)
                }
            }
            if !condition.wait(until: deadline) {
                condition.unlock()
                throw StoreError(.poolTimeout, context: context)
            }
        }
    }

    private func ensureHealthy(_ conn: PGConnection, context: String) throws(StoreError) -> PGConnection {
        if conn.isHealthy { return conn }
        condition.lock()
        let wait = retryNotBefore.timeIntervalSinceNow
        condition.unlock()
        if wait <= 0, conn.reset() {
            noteSuccess()
            return conn
        }
        if wait <= 0 { noteFailure() }
        checkin(conn)
        throw StoreError(.unavailable, context: context)
    }

    private func checkin(_ conn: PGConnection) {
        if conn.isHealthy, conn.inTransaction {
            // A caller left a transaction open (it threw mid-way): never hand that state to the next one.
            _ = try? conn.query("ROLLBACK", context: "rollback")
        }
        condition.lock()
        idle.append(conn)
        condition.signal()
        condition.unlock()
    }

    private func releaseSlot() {
        condition.lock()
        open -= 1
        condition.signal()
        condition.unlock()
    }

    private func noteSuccess() {
        condition.lock()
        backoff = 0.05
        retryNotBefore = .distantPast
        condition.unlock()
    }

    private func noteFailure() {
        condition.lock()
        retryNotBefore = Date().addingTimeInterval(backoff)
        backoff = min(backoff * 2, Self.maxBackoff)
        condition.unlock()
    }
}
