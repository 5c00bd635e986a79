@testable import AirwaveStore
import AirwaveTestSupport
import Foundation
import Testing

/// libpq pipeline mode as the group-commit writer uses it: several statements, one round trip.
@Suite("Pipelined statements")
struct PipelineTests {
    @Test("each statement's rows come back in order; prepared and plain statements mix")
    func resultsInOrder() throws {
        let conn = try PGConnection(connectionString: try TestPostgres.shared.freshDatabase())
        let rows = try conn.pipeline([
            PGConnection.Statement("SELECT $1::int + 1", ["41"], prepared: true),
            PGConnection.Statement("SELECT 'b'"),
            PGConnection.Statement("SELECT generate_series(1, $1::int)", ["3"]),
        ], context: "t")
        #expect(rows.count == 3)
        #expect(try rows[0].first?.int64(0, "x") == 42)
        #expect(try rows[1].first?.string(0, "x") == "b")
        #expect(try rows[2].all.map { try $0.int64(0, "x") } == [1, 2, 3])
        // The prepared one runs again from the same name.
        #expect(try conn.pipeline([PGConnection.Statement("SELECT $1::int + 1", ["1"], prepared: true)], context: "t")[0]
            .first?.int64(0, "x") == 2)
    }

    @Test("the first error is thrown, later statements are skipped, and the connection stays usable")
    func errorStopsThePipeline() throws {
        let conn = try PGConnection(connectionString: try TestPostgres.shared.freshDatabase())
        try conn.query("CREATE TABLE marks (n int PRIMARY KEY)", context: "t")
        do {
            _ = try conn.pipeline([
                PGConnection.Statement("BEGIN"),
                PGConnection.Statement("INSERT INTO marks VALUES (1)"),
                PGConnection.Statement("INSERT INTO marks VALUES (1)"),
                PGConnection.Statement("INSERT INTO marks VALUES (2)"),
                PGConnection.Statement("COMMIT"),
            ], context: "t")
            Issue.record("a duplicate key must fail the pipeline")
        } catch {
            #expect(error.sqlState == "23505")
        }
        // The transaction is aborted, not committed; rolling back leaves nothing behind.
        #expect(conn.inTransaction)
        try conn.query("ROLLBACK", context: "t")
        #expect(try conn.query("SELECT count(*) FROM marks", context: "t").first?.int64(0, "n") == 0)
        #expect(try conn.pipeline([PGConnection.Statement("SELECT 7")], context: "t")[0].first?.int64(0, "x") == 7)
    }

    @Test("a NUL in a parameter is refused before anything is sent")
    func nulRefused() throws {
        let conn = try PGConnection(connectionString: try TestPostgres.shared.freshDatabase())
        #expect(throws: StoreError.self) {
            try conn.pipeline([PGConnection.Statement("SELECT $1::text", ["a\u{0}b"])], context: "t")
        }
        #expect(!conn.inTransaction)
        #expect(try conn.query("SELECT 1", context: "t").first?.int64(0, "x") == 1)
    }
}
