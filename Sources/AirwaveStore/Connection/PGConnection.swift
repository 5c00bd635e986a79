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

    /// One statement of a ``pipeline(_:context:)``.
    struct Statement {
        let sql: String
        let params: [String?]
        let prepared: Bool
        init(_ sql: String, _ params: [String?] = [], prepared: Bool = false) {
            (self.sql, self.params, self.prepared) = (sql, params, prepared)
        }
    }

    /// Sends `statements` at once (libpq pipeline mode) and returns each one's rows: one round trip to the
    /// server instead of one per statement. The server runs them in order and stops at the first error
    /// (the rest are skipped); that error is thrown once every result has been read, so the connection is
    /// ready for the next call (inside a transaction, the caller rolls back as usual).
    func pipeline(_ statements: [Statement], context: String) throws(StoreError) -> [PGRows] {
        for statement in statements {
            for (index, value) in statement.params.enumerated() where value?.utf8.contains(0) == true {
                throw StoreError(.invalidValue, context: "\(context): parameter \(index + 1) contains a NUL character")
            }
        }
        // Prepare first, outside the pipeline, so every statement below is a plain execute.
        let names = try statements.map { statement throws(StoreError) -> String? in
            statement.prepared ? try preparedName(statement.sql, parameterCount: statement.params.count, context: context) : nil
        }
        guard PQenterPipelineMode(handle) == 1 else { throw failure(context) }
        var sent = 0
        for (statement, name) in zip(statements, names) {
            let cStrings: [UnsafeMutablePointer<CChar>?] = statement.params.map { $0.map { strdup($0) } ?? nil }
            defer { for p in cStrings { free(p) } }
            let ok = cStrings.withUnsafeBufferPointer { buffer in
                buffer.baseAddress!.withMemoryRebound(to: UnsafePointer<CChar>?.self, capacity: max(buffer.count, 1)) { values in
                    let count = Int32(statement.params.count), values = statement.params.isEmpty ? nil : values
                    if let name { return PQsendQueryPrepared(handle, name, count, values, nil, nil, 0) }
                    return PQsendQueryParams(handle, statement.sql, count, nil, values, nil, nil, 0)
                }
            }
            guard ok == 1 else { break }
            sent += 1
        }
        guard PQpipelineSync(handle) == 1 else {
            let error = failure(context)
            _ = PQexitPipelineMode(handle)
            throw error
        }
        var results: [PGRows] = []
        var firstError: StoreError? = sent < statements.count ? failure(context) : nil
        for _ in 0..<sent {
            // One result per statement, then a NULL ending that statement's results.
            let result = PQgetResult(handle)
            if let result, PQresultStatus(result) == PGRES_PIPELINE_ABORTED {
                PQclear(result)
                if firstError == nil { firstError = StoreError(.queryFailed, context: context) }
            } else {
                do throws(StoreError) { results.append(try consume(result, context: context)) } catch {
                    if firstError == nil { firstError = error }
                }
            }
            if result != nil {
                while let extra = PQgetResult(handle) { PQclear(extra) }
            }
        }
        // The sync point's result, then leave pipeline mode.
        while let result = PQgetResult(handle) {
            let status = PQresultStatus(result)
            PQclear(result)
            if status == PGRES_PIPELINE_SYNC { break }
        }
        if PQexitPipelineMode(handle) != 1, firstError == nil { firstError = failure(context) }
        if let firstError { throw firstError }
        return results
    }

    /// The connection's current error as a StoreError.
    private func failure(_ context: String) -> StoreError {
        StoreError(isHealthy ? .queryFailed : .unavailable, context: context, serverMessage: String(cString: PQerrorMessage(handle)))
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
