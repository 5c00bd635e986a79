import AirwaveStore
import Foundation
import Synchronization

/// A real PostgreSQL for tests: one embedded cluster per test process (in a temp dir removed at exit),
/// and a brand-new database per test so tests run in parallel without seeing each other's rows.
///
/// ```swift
/// let store = try Store(connectionString: try TestPostgres.shared.freshDatabase())
/// ```
public final class TestPostgres: Sendable {
    /// The process-wide server, started on first use.
    public static let shared = TestPostgres(label: "shared")

    /// The cluster behind this harness.
    public let server: EmbeddedPostgres?
    /// Why the cluster could not be prepared, if it could not.
    private let setupError: StoreError?
    private let state: Mutex<State>

    private struct State {
        var started = false
        var databases = 0
    }

    private init(label: String) {
        let dir = FileManager.default.temporaryDirectory
            .appendingPathComponent("airwave-test-\(getpid())-\(label)-\(UInt32.random(in: 0...UInt32.max))").path
        do throws(StoreError) {
            server = try EmbeddedPostgres(stateDirectory: dir)
            setupError = nil
        } catch {
            server = nil
            setupError = error
        }
        state = Mutex(State())
        TestPostgres.reapAbandoned()
        TestPostgres.registry.withLock { $0.append(self) }
        TestPostgres.registerCleanup()
    }

    /// A separate server of its own (for tests that stop and restart it); removed at exit.
    public static func makePrivate(label: String = "private") -> TestPostgres {
        TestPostgres(label: label)
    }

    /// The running server, started on first call.
    public func ensureStarted() throws(StoreError) -> EmbeddedPostgres {
        guard let server else { throw setupError! }
        try state.withLock { (s: inout State) throws(StoreError) in
            if !s.started {
                _ = try server.start()
                s.started = true
            }
        }
        return server
    }

    /// Creates a new, empty database and returns its connection string.
    public func freshDatabase() throws(StoreError) -> String {
        let server = try ensureStarted()
        let name = state.withLock { (s: inout State) -> String in
            s.databases += 1
            return "t\(getpid())_\(s.databases)_\(UInt32.random(in: 0...UInt32.max))"
        }
        try server.createDatabase(name)
        return server.connectionString(database: name)
    }

    /// Stops the server (connections break; tests of outage behaviour use it).
    public func stop() throws(StoreError) {
        guard let server else { throw setupError! }
        try server.stop()
    }

    /// Starts the server again after ``stop()``; databases and data survive.
    public func restart() throws(StoreError) {
        guard let server else { throw setupError! }
        _ = try server.start()
    }

    /// Stops the server and deletes its directory.
    public func destroy() {
        guard let server else { return }
        try? server.stop()
        try? FileManager.default.removeItem(atPath: server.stateDirectory)
        if server.socketDirectory.hasPrefix("/tmp/airwave-pg-") {
            try? FileManager.default.removeItem(atPath: server.socketDirectory)
        }
    }

    /// Stops and removes clusters left by test processes that died without cleaning up (killed by a
    /// timeout, crashed), so repeated runs do not pile up postmasters.
    private static func reapAbandoned() {
        let tmp = FileManager.default.temporaryDirectory
        for entry in (try? FileManager.default.contentsOfDirectory(atPath: tmp.path)) ?? [] where entry.hasPrefix("airwave-test-") {
            let parts = entry.split(separator: "-")
            guard parts.count >= 3, let pid = Int32(parts[2]), pid != getpid() else { continue }
            if kill(pid, 0) == 0 || errno == EPERM { continue }  // its owner is still running
            let dir = tmp.appendingPathComponent(entry).path
            if let server = try? EmbeddedPostgres(stateDirectory: dir) { try? server.stop() }
            try? FileManager.default.removeItem(atPath: dir)
        }
    }

    private static let registry = Mutex<[TestPostgres]>([])
    private static let cleanupRegistered = Atomic<Bool>(false)

    private static func registerCleanup() {
        guard cleanupRegistered.compareExchange(expected: false, desired: true, ordering: .relaxed).exchanged else { return }
        atexit {
            for harness in TestPostgres.registry.withLock({ $0 }) { harness.destroy() }
        }
    }
}
