import CLibPQ
import Foundation

/// One libpq connection. Owns its `PGconn*` and frees it in `deinit`; the pointer never leaves this file.
///
/// Invariant: used by one thread at a time — the ``ConnectionPool`` hands it out exclusively, which is
/// why it may be marked `@unchecked Sendable`.
final class PGConnection: @unchecked Sendable {
    private let handle: OpaquePointer
    /// Server-side names of the statements prepared on this session, by SQL text; a reset starts a new
    /// session, which has none.
    private var preparedNames: [String: String] = [:]
    /// Most statements kept prepared per connection; past it a statement is parsed per call as usual.
    static let preparedLimit = 64

    /// Connects; throws `unavailable` when the server cannot be reached.
    init(connectionString: String) throws(StoreError) {
        // Keep the handle in a local until success: a throwing init that stored it would run deinit too.
        guard let conn = PQconnectdb(connectionString) else {
            throw StoreError(.unavailable, context: "connect", serverMessage: "out of memory")
        }
        guard PQstatus(conn) == CONNECTION_OK else {
            let message = String(cString: PQerrorMessage(conn))
            PQfinish(conn)
            throw StoreError(.unavailable, context: "connect", serverMessage: message)
        }
        handle = conn
    }

    deinit { PQfinish(handle) }

    /// Whether libpq still considers the connection usable.
    var isHealthy: Bool { PQstatus(handle) == CONNECTION_OK }

    /// Whether a transaction is open (or aborted) on this connection.
    var inTransaction: Bool { PQtransactionStatus(handle) != PQTRANS_IDLE }

    /// Re-establishes a broken connection; returns whether it worked.
    func reset() -> Bool {
        preparedNames = [:]
        PQreset(handle)
        return isHealthy
    }

    /// Runs one parameterized statement. Values travel as bind parameters in text format, never in the SQL.
    ///
    /// With `prepared`, the statement is parsed and planned once per connection (`PQprepare`) and then
    /// only executed: for the statements the group-commit writer runs every few milliseconds, parsing and
    /// planning were a large share of the server's CPU per interaction.
    @discardableResult
    func query(_ sql: String, _ params: [String?] = [], prepared: Bool = false, context: String) throws(StoreError) -> PGRows {
        let name = prepared ? try preparedName(sql, parameterCount: params.count, context: context) : nil
        for (index, value) in params.enumerated() {
            if let value, value.utf8.contains(0) {
                throw StoreError(.invalidValue, context: "\(context): parameter \(index + 1) contains a NUL character")
            }
        }
        // strdup gives stable C strings for the duration of the call; freed below.
        let cStrings: [UnsafeMutablePointer<CChar>?] = params.map { $0.map { strdup($0) } ?? nil }
        defer { for p in cStrings { free(p) } }
        let result: OpaquePointer? = cStrings.withUnsafeBufferPointer { buffer in
            buffer.baseAddress!.withMemoryRebound(to: UnsafePointer<CChar>?.self, capacity: max(buffer.count, 1)) { values in
                if let name {
                    return PQexecPrepared(handle, name, Int32(params.count), params.isEmpty ? nil : values, nil, nil, 0)
                }
                return PQexecParams(handle, sql, Int32(params.count), nil, params.isEmpty ? nil : values, nil, nil, 0)
            }
        }
        return try consume(result, context: context)
    }

    /// The name `sql` is prepared under on this session, preparing it first if needed; nil once the
    /// connection holds `preparedLimit` statements (then the caller runs it unprepared).
    private func preparedName(_ sql: String, parameterCount: Int, context: String) throws(StoreError) -> String? {
        if let name = preparedNames[sql] { return name }
        guard preparedNames.count < Self.preparedLimit else { return nil }
        let name = "airwave_\(preparedNames.count + 1)"
        _ = try consume(PQprepare(handle, name, sql, Int32(parameterCount), nil), context: context)
        preparedNames[sql] = name
        return name
    }

    /// Runs a multi-statement script without parameters. Only for migrations compiled into the binary.
    func executeScript(unsafeSQL sql: String, context: String) throws(StoreError) {
        _ = try consume(PQexec(handle, sql), context: context)
    }

    private func consume(_ result: OpaquePointer?, context: String) throws(StoreError) -> PGRows {
        guard let result else {
            throw StoreError(isHealthy ? .queryFailed : .unavailable, context: context,
                             serverMessage: String(cString: PQerrorMessage(handle)))
        }
        defer { PQclear(result) }
        switch PQresultStatus(result) {
        case PGRES_COMMAND_OK, PGRES_EMPTY_QUERY:
            return PGRows(rows: [], affected: Self.affected(result))
        case PGRES_TUPLES_OK:
            let rowCount = Int(PQntuples(result)), columnCount = Int(PQnfields(result))
            var rows: [[String?]] = []
            rows.reserveCapacity(rowCount)
            for r in 0..<rowCount {
                var row: [String?] = []
                row.reserveCapacity(columnCount)
                for c in 0..<columnCount {
                    if PQgetisnull(result, Int32(r), Int32(c)) == 1 {
                        row.append(nil)
                    } else {
                        row.append(String(cString: PQgetvalue(result, Int32(r), Int32(c))))
                    }
                }
                rows.append(row)
            }
            return PGRows(rows: rows, affected: rowCount)
        default:
            let state = PQresultErrorField(result, Int32(UInt8(ascii: "C"))).map { String(cString: $0) }
            let message = PQresultErrorField(result, Int32(UInt8(ascii: "M"))).map { String(cString: $0) }
                ?? String(cString: PQerrorMessage(handle))
            let code: StoreError.Code
            if let state {
                code = StoreError.code(forSQLState: state)
            } else {
                code = isHealthy ? .queryFailed : .unavailable
            }
            throw StoreError(code, context: context, sqlState: state, serverMessage: message)
        }
    }

    private static func affected(_ result: OpaquePointer) -> Int {
        Int(String(cString: PQcmdTuples(result))) ?? 0
    }
}
