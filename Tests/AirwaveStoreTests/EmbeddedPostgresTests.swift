import AirwaveStore
import Foundation
import Testing

@Suite("Embedded PostgreSQL")
struct EmbeddedPostgresTests {
    static func tempDir(_ label: String) -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("airwave-emb-\(label)-\(UInt32.random(in: 0...UInt32.max))").path
    }

    @Test("starts, is reused after the daemon side dies, recovers a stale pid file, and stops")
    func lifecycle() throws {
        let dir = Self.tempDir("life")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let first = try EmbeddedPostgres(stateDirectory: dir)
        defer { try? first.stop() }
        let url = try first.start()
        #expect(url.contains("dbname='airwave'"))
        let pid = try #require(first.postmasterPID)
        let store = try Store(connectionString: url)
        #expect(try store.migrate() == Migration.all.map(\.version))

        // The daemon side "crashes": nobody calls stop(); the postmaster keeps running. A new start reuses it.
        let second = try EmbeddedPostgres(stateDirectory: dir)
        let again = try second.start()
        #expect(second.postmasterPID == pid)
        #expect(again == url)
        #expect(try Store(connectionString: again).migrate().isEmpty)
        #expect(FileManager.default.fileExists(atPath: second.socketDirectory + "/.s.PGSQL.5432"))

        try second.stop()
        #expect(second.postmasterPID == nil)
        #expect(!store.ping())

        // A pid file left by a crash whose process is gone is recovered, not fatal.
        let dead = Process()
        dead.executableURL = URL(fileURLWithPath: "/bin/true")
        try dead.run()
        dead.waitUntilExit()
        try "\(dead.processIdentifier)\n\(second.dataDirectory)\n0\n5432\n\(second.socketDirectory)\n\n"
            .write(toFile: second.dataDirectory + "/postmaster.pid", atomically: true, encoding: .utf8)
        #expect(second.postmasterPID == nil)
        let third = try second.start()
        #expect(second.postmasterPID != nil)
        #expect(try Store(connectionString: third).appliedMigrations() == Migration.all.map(\.version))
        try second.stop()
    }

    @Test("a long state directory gets a short socket directory under /tmp")
    func longSocketPath() throws {
        let long = "/tmp/" + String(repeating: "very-long-directory-name/", count: 6)
        let pg = try EmbeddedPostgres(stateDirectory: long)
        #expect(pg.socketDirectory.hasPrefix("/tmp/airwave-pg-"))
        #expect(try EmbeddedPostgres(stateDirectory: "/tmp/short").socketDirectory == "/tmp/short/run")
        #expect(pg.dataDirectory == long.dropLast() + "/postgres")
    }
}
