/// One schema migration: `sql/NNNN_name.sql`, embedded into the binary by scripts/embed-migrations.sh.
public struct Migration: Sendable, Hashable {
    /// The NNNN prefix; applied in ascending order and recorded in `schema_migrations`.
    public let version: Int
    /// The file name after the prefix.
    public let name: String
    /// The script, applied in one transaction.
    public let sql: String

    /// Creates a migration value.
    public init(version: Int, name: String, sql: String) {
        self.version = version
        self.name = name
        self.sql = sql
    }

    /// Every migration compiled into this binary, in version order.
    public static var all: [Migration] { embedded }
}
