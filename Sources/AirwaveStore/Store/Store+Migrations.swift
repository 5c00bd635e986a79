import Foundation

extension Store {
    /// Key of the session advisory lock that serialises migrations across daemons sharing a database.
    static let migrationLockKey = "7383112209"

    /// Applies every embedded migration the database lacks, each in its own transaction, and returns the
    /// versions applied now. A database newer than this binary fails with `schema_too_new`.
    public func migrate() throws(StoreError) -> [Int] {
        try migrate(Migration.all)
    }

    /// Applies `migrations` (in version order); exposed for tests of future versions.
    func migrate(_ migrations: [Migration]) throws(StoreError) -> [Int] {
        try write("migrate") { conn throws(StoreError) -> [Int] in
            try conn.query("SELECT pg_advisory_lock($1::bigint)", [Store.migrationLockKey], context: "migrate: lock")
            defer { _ = try? conn.query("SELECT pg_advisory_unlock($1::bigint)", [Store.migrationLockKey], context: "migrate: unlock") }
            try conn.query("""
                CREATE TABLE IF NOT EXISTS schema_migrations (
                    version integer PRIMARY KEY,
                    name text NOT NULL,
                    applied_at timestamptz NOT NULL DEFAULT now())
                """, context: "migrate: schema_migrations")
            let rows = try conn.query("SELECT version FROM schema_migrations ORDER BY version", context: "migrate: read")
            var applied = Set<Int>()
            for row in rows.all { applied.insert(Int(try row.int64(0, "version"))) }
            let newest = migrations.map(\.version).max() ?? 0
            if let databaseNewest = applied.max(), databaseNewest > newest {
                throw StoreError(.schemaTooNew, context: "migrate: database schema version \(databaseNewest) is newer than this binary's \(newest); upgrade airwaved")
            }
            var done: [Int] = []
            for migration in migrations.sorted(by: { $0.version < $1.version }) where !applied.contains(migration.version) {
                let context = "migration \(migration.version)_\(migration.name)"
                do throws(StoreError) {
                    try Store.inTransaction(conn, context: context) { conn throws(StoreError) in
                        try conn.executeScript(unsafeSQL: migration.sql, context: context)
                        try conn.query("INSERT INTO schema_migrations (version, name) VALUES ($1, $2)",
                                       [String(migration.version), migration.name], context: context)
                    }
                } catch where !error.isUnavailable {
                    throw StoreError(.migrationFailed, context: context, sqlState: error.sqlState, serverMessage: error.serverMessage)
                }
                done.append(migration.version)
            }
            return done
        }
    }

    /// Versions recorded in `schema_migrations`, ascending.
    public func appliedMigrations() throws(StoreError) -> [Int] {
        try read("appliedMigrations") { conn throws(StoreError) -> [Int] in
            var versions: [Int] = []
            for row in try conn.query("SELECT version FROM schema_migrations ORDER BY version", context: "appliedMigrations").all {
                versions.append(Int(try row.int64(0, "version")))
            }
            return versions
        }
    }
}
