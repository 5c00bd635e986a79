@testable import AirwaveStore
import AirwaveTestSupport
import Foundation
import Testing

@Suite("Migrations")
struct MigrationTests {
    @Test("migrating an empty database applies every embedded migration once, in order")
    func fromEmpty() throws {
        let store = try Store(connectionString: try TestPostgres.shared.freshDatabase())
        let applied = try store.migrate()
        #expect(applied == Migration.all.map(\.version))
        #expect(applied == applied.sorted())
        #expect(try store.appliedMigrations() == applied)
        #expect(try store.loadStations().isEmpty)
    }

    @Test("a restart migrates nothing; two stores migrating at once apply each migration once")
    func idempotentAndConcurrent() throws {
        let url = try TestPostgres.shared.freshDatabase()
        let a = try Store(connectionString: url)
        let b = try Store(connectionString: url)
        let results = Mutex2<[[Int]]>([])
        let group = DispatchGroup()
        for store in [a, b] {
            DispatchQueue.global().async(group: group) {
                let applied = (try? store.migrate()) ?? [-1]
                results.append(applied)
            }
        }
        group.wait()
        let all = results.value.flatMap { $0 }
        #expect(all.sorted() == Migration.all.map(\.version))
        #expect(try a.migrate().isEmpty)
        #expect(try b.migrate().isEmpty)
        #expect(try a.appliedMigrations() == Migration.all.map(\.version))
    }

    @Test("profile weight maps are compressed with lz4 when the server was built with it")
    func profileMapsUseLZ4() throws {
        let store = try Store(connectionString: try TestPostgres.shared.freshDatabase())
        _ = try store.migrate()
        try store.read("lz4") { conn throws(StoreError) in
            let supported = try conn.query("""
                SELECT count(*) FROM pg_settings WHERE name = 'default_toast_compression' AND 'lz4' = ANY(enumvals)
                """, context: "lz4").first?.int64(0, "count") == 1
            let methods = try conn.query("""
                SELECT attname, attcompression::text FROM pg_attribute
                WHERE attrelid = 'profiles'::regclass AND attname IN ('genres', 'artists', 'moods') ORDER BY attname
                """, context: "lz4").all.map { row throws(StoreError) in
                    "\(try row.string(0, "attname"))=\(row.optionalString(1) ?? "")"
                }
            let expected = supported ? "l" : ""
            #expect(methods == ["artists=\(expected)", "genres=\(expected)", "moods=\(expected)"])
        }
    }

    @Test("profile pages are half filled, so a profile update can stay on its page")
    func profilesFillfactor() throws {
        let store = try Store(connectionString: try TestPostgres.shared.freshDatabase())
        _ = try store.migrate()
        let options = try store.read("fillfactor") { conn throws(StoreError) in
            try conn.query("SELECT array_to_string(reloptions, ',') FROM pg_class WHERE relname = 'profiles'",
                           context: "fillfactor").first?.optionalString(0)
        }
        #expect(options == "fillfactor=50")
    }

    @Test("a database newer than the binary is a clear start-up error")
    func newerDatabase() throws {
        let url = try TestPostgres.shared.freshDatabase()
        let store = try Store(connectionString: url)
        _ = try store.migrate()
        // Pretend a newer airwaved ran here.
        let newer = Migration(version: 9999, name: "from_the_future", sql: "CREATE TABLE future_thing (id int)")
        #expect(try store.migrate([newer]) == [9999])
        do {
            _ = try store.migrate()
            Issue.record("migrate should refuse a newer schema")
        } catch {
            #expect(error.code == .schemaTooNew)
            #expect(error.description.contains("9999"))
        }
    }

    @Test("the embedded migrations equal the files in sql/ (run make migrations when this fails)")
    func embeddedMatchesFiles() throws {
        let sqlDir = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("sql")
        let files = try FileManager.default.contentsOfDirectory(atPath: sqlDir.path)
            .filter { $0.hasSuffix(".sql") }.sorted()
        #expect(files.count == Migration.all.count)
        for (file, migration) in zip(files, Migration.all) {
            let text = try String(contentsOf: sqlDir.appendingPathComponent(file), encoding: .utf8)
            let expectedName = String(file.dropLast(4).drop { $0 != "_" }.dropFirst())
            #expect(Int(file.prefix(4)) == migration.version)
            #expect(expectedName == migration.name)
            #expect(migration.sql == (text.hasSuffix("\n") ? String(text.dropLast()) : text), "stale: \(file)")
        }
    }
}

/// A tiny lock-protected box for collecting results from threads.
final class Mutex2<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: Value
    init(_ value: Value) { stored = value }
    var value: Value { lock.withLock { stored } }
    func mutate(_ body: (inout Value) -> Void) { lock.withLock { body(&stored) } }
}

extension Mutex2 {
    func append<E>(_ element: E) where Value == [E] { mutate { $0.append(element) } }
}
