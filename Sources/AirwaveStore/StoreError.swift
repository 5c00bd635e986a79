/// The one error type of the store: a stable code, the SQLSTATE when the server sent one, and the operation.
///
/// `description` never contains parameter values or server messages (they may quote user data); the
/// server's primary message is kept in ``serverMessage`` for operator logs that opt in.
public struct StoreError: Error, Sendable, CustomStringConvertible {
    /// A stable, machine-readable error code; extensible without breaking callers.
    public struct Code: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
        public let rawValue: String
        /// Creates a code from its stable spelling.
        public init(rawValue: String) { self.rawValue = rawValue }
        public var description: String { rawValue }

        /// The server cannot be reached, is starting up or shutting down, or the connection broke. Retryable.
        public static let unavailable = Code(rawValue: "database_unavailable")
        /// No pooled connection became free in time. Retryable.
        public static let poolTimeout = Code(rawValue: "pool_timeout")
        /// The connection broke while COMMIT was in flight: the write may or may not have happened.
        public static let commitUnknown = Code(rawValue: "commit_outcome_unknown")
        /// A unique, foreign-key, check or not-null constraint rejected the write (SQLSTATE class 23).
        public static let constraintViolation = Code(rawValue: "constraint_violation")
        /// A value the database cannot store (SQLSTATE class 22, or a NUL character in text).
        public static let invalidValue = Code(rawValue: "invalid_value")
        /// A named row (station, profile) does not exist.
        public static let notFound = Code(rawValue: "not_found")
        /// Deadlock or serialization failure that outlived its retries.
        public static let conflict = Code(rawValue: "conflict")
        /// The database schema is newer than this binary understands.
        public static let schemaTooNew = Code(rawValue: "schema_too_new")
        /// A migration failed to apply.
        public static let migrationFailed = Code(rawValue: "migration_failed")
        /// Stored data could not be decoded (a bug or a hand edit).
        public static let corruptData = Code(rawValue: "corrupt_data")
        /// The embedded PostgreSQL cluster could not be initialised, started or stopped.
        public static let embeddedCluster = Code(rawValue: "embedded_cluster")
        /// Any other server error.
        public static let queryFailed = Code(rawValue: "query_failed")
    }

    /// What went wrong, stably.
    public var code: Code
    /// The five-character SQLSTATE, when the server reported one.
    public var sqlState: String?
    /// The store operation or field involved (for example `recordInteraction` or `station_id`); never a value.
    public var context: String
    /// The server's or tool's own message. May quote user data: keep it out of API responses.
    public var serverMessage: String?

    /// Creates an error; `context` must not contain user data.
    public init(_ code: Code, context: String, sqlState: String? = nil, serverMessage: String? = nil) {
        self.code = code
        self.context = context
        self.sqlState = sqlState
        self.serverMessage = serverMessage
    }

    /// Whether the failure is about the database being unreachable (the API answers 503; retry later).
    public var isUnavailable: Bool {
        code == .unavailable || code == .poolTimeout || code == .commitUnknown
    }

    /// Whether the caller sent something the database refuses (the API answers 4xx).
    public var isBadRequest: Bool {
        code == .constraintViolation || code == .invalidValue || code == .notFound
    }

    public var description: String {
        var text = "store error \(code.rawValue) in \(context)"
        if let sqlState { text += " (SQLSTATE \(sqlState))" }
        return text
    }

    /// Maps a SQLSTATE to a stable code.
    static func code(forSQLState state: String) -> Code {
        if state.hasPrefix("08") || state == "57P01" || state == "57P02" || state == "57P03" || state.hasPrefix("53") {
            return .unavailable
        }
        if state.hasPrefix("23") { return .constraintViolation }
        if state.hasPrefix("22") { return .invalidValue }
        if state == "40001" || state == "40P01" { return .conflict }
        return .queryFailed
    }
}
