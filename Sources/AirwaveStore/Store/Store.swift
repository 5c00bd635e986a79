import AirwaveCore
import Foundation

/// The PostgreSQL-backed store: stations, catalogs, listeners, profiles as an event log, and the as-run log.
///
/// Synchronous and thread-safe: call it from any thread. Every method runs parameterized statements on a
/// pooled connection; explicit interactions go through a group-commit writer (one transaction, one fsync,
/// for everything pending). Example:
/// ```swift
/// let store = try Store(connectionString: "host=/var/lib/airwave/run dbname=airwave user=postgres")
/// _ = try store.migrate()
/// let (id, snapshot) = try store.recordInteraction(input)
/// ```
public final class Store: Sendable {
    let pool: ConnectionPool
    let writer: InteractionWriter

    /// Connects (one connection eagerly, so a bad connection string fails here) and starts the writer.
    public init(connectionString: String, poolSize: Int = 4, groupCommitWriters: Int = 2,
                checkoutTimeout: TimeInterval = 5) throws(StoreError) {
        let writers = max(1, groupCommitWriters)
        // A slot more than asked per group-commit writer: each holds a connection while it flushes.
        pool = ConnectionPool(connectionString: connectionString, size: poolSize + writers, checkoutTimeout: checkoutTimeout)
        try pool.warmUp()
        writer = InteractionWriter(pool: pool, writers: writers)
    }

    deinit { writer.stop() }

    /// Whether the database answers a trivial query now.
    public func ping() -> Bool {
        (try? pool.withConnection(context: "ping") { conn throws(StoreError) in
            try conn.query("SELECT 1", context: "ping")
        }) != nil
    }

    /// Runs an idempotent read; when the connection turns out broken it reconnects and tries once more.
    @discardableResult
    func read<T>(_ context: String, _ body: (PGConnection) throws(StoreError) -> T) throws(StoreError) -> T {
        do {
            return try pool.withConnection(context: context, body)
        } catch where error.code == .unavailable {
            return try pool.withConnection(context: context, body)
        }
    }

    /// Runs a single statement outside an explicit transaction; never retried.
    @discardableResult
    func write<T>(_ context: String, _ body: (PGConnection) throws(StoreError) -> T) throws(StoreError) -> T {
        try pool.withConnection(context: context, body)
    }

    /// Runs `body` in one transaction. Deadlocks and serialization failures (rolled back for sure) are
    /// retried; a connection lost during COMMIT is reported as `commit_outcome_unknown`, never retried.
    @discardableResult
    func transaction<T>(_ context: String, _ body: (PGConnection) throws(StoreError) -> T) throws(StoreError) -> T {
        var attempt = 0
        while true {
            do {
                return try pool.withConnection(context: context) { conn throws(StoreError) -> T in
                    try Store.inTransaction(conn, context: context, body)
                }
            } catch where error.code == .conflict && attempt < 3 {
                attempt += 1
            }
        }
    }

    @discardableResult
    static func inTransaction<T>(_ conn: PGConnection, context: String,
                                 _ body: (PGConnection) throws(StoreError) -> T) throws(StoreError) -> T {
        try conn.query("BEGIN", context: context)
        let value: T
        do {
            value = try body(conn)
        } catch {
            _ = try? conn.query("ROLLBACK", context: context)
            throw error
        }
        do {
            try conn.query("COMMIT", context: context)
        } catch where error.code == .unavailable {
            throw StoreError(.commitUnknown, context: context, sqlState: error.sqlState, serverMessage: error.serverMessage)
        }
        return value
    }

    /// Checks an id before it reaches SQL; the error names the field.
    static func checkID(_ value: String, field: String) throws(StoreError) {
        guard Identifier.isValid(value) else { throw StoreError(.invalidValue, context: field) }
    }

    /// Rejects text PostgreSQL cannot store (NUL); the error names the field, never the value.
    static func checkText(_ value: String?, field: String) throws(StoreError) {
        if let value, value.utf8.contains(0) {
            throw StoreError(.invalidValue, context: "\(field) contains a NUL character")
        }
    }

    /// Rejects NUL in every text field of a track.
    static func checkTrack(_ t: Track, field: String = "track") throws(StoreError) {
        try checkID(t.trackID, field: "\(field).track_id")
        for (name, value) in [("title", t.title), ("artist", t.artist), ("genre", t.genre), ("mood", t.mood),
                              ("album", t.album), ("key", t.key), ("uri", t.uri)] as [(String, String?)] {
            try checkText(value, field: "\(field).\(name)")
        }
    }
}
