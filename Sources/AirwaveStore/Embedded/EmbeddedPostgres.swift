import AirwaveCore
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A private PostgreSQL cluster under `<state_dir>/postgres`, reachable only through a Unix socket.
///
/// `start()` runs `initdb` on first use (trust auth, UTF8, locale C), then `pg_ctl start -w` with
/// `listen_addresses=''`; a postmaster left running by a crashed daemon is reused and a stale pid file is
/// cleared, so there is never a second postmaster. As root, the cluster runs as the `postgres` system
/// user (PostgreSQL refuses root). `stop()` is `pg_ctl stop -m fast`. Example:
/// ```swift
/// let pg = try EmbeddedPostgres(stateDirectory: "/var/lib/airwave")
/// let store = try Store(connectionString: try pg.start())
/// ```
public final class EmbeddedPostgres: Sendable {
    /// The daemon's state directory; the cluster lives in `postgres/` below it.
    public let stateDirectory: String
    /// Where `initdb` and `pg_ctl` are.
    public let binDirectory: String
    /// The port number: with no TCP listener it only names the socket file (`.s.PGSQL.<port>`).
    public let port: Int
    /// The database `start()` creates if missing and connects to.
    public let database: String
    /// The system user the cluster runs as when we are root; nil when running as the current user.
    public let runAsUser: String?

    /// The cluster's data directory.
    public var dataDirectory: String { stateDirectory + "/postgres" }
    /// The server log (`pg_ctl -l`).
    public var logFile: String { stateDirectory + "/postgres.log" }

    /// The socket directory: `<state_dir>/run`, or a short directory under /tmp when that path would
    /// exceed the ~107-byte Unix socket limit.
    public var socketDirectory: String {
        let preferred = stateDirectory + "/run"
        if (preferred + "/.s.PGSQL.\(port)").utf8.count <= 100 { return preferred }
        var hash = StableHash()
        hash.combine(stateDirectory)
        return "/tmp/airwave-pg-" + String(hash.finalized, radix: 16)
    }

    /// Prepares (does not start) a cluster under `stateDirectory`; `binDirectory` overrides discovery of
    /// the PostgreSQL binaries (newest /usr/lib/postgresql/<N>/bin, then `pg_config --bindir`).
    public init(stateDirectory: String, binDirectory: String? = nil, port: Int = 5432,
                database: String = "airwave") throws(StoreError) {
        let absolute = URL(fileURLWithPath: stateDirectory).standardizedFileURL.path
        guard !absolute.contains("'"), !absolute.contains("\n") else {
            throw StoreError(.embeddedCluster, context: "state_dir must not contain quotes or newlines")
        }
        guard (1...65535).contains(port) else { throw StoreError(.embeddedCluster, context: "port out of range") }
        guard EmbeddedPostgres.isPlainName(database) else { throw StoreError(.embeddedCluster, context: "database name") }
        self.stateDirectory = absolute
        self.port = port
        self.database = database
        if let binDirectory {
            self.binDirectory = binDirectory
        } else {
            self.binDirectory = try EmbeddedPostgres.findBinDirectory()
        }
        self.runAsUser = geteuid() == 0 ? "postgres" : nil
    }

    /// Starts (or reuses) the cluster, creates the database if missing, and returns its connection string.
    public func start() throws(StoreError) -> String {
        try makeDirectory(stateDirectory, owned: false, mode: 0o755)
        return try withStartLock { () throws(StoreError) -> String in
            if let runAsUser { try Self.ensureSystemUser(runAsUser) }
            try makeDirectory(socketDirectory, owned: true, mode: 0o700)
            if !FileManager.default.fileExists(atPath: dataDirectory + "/PG_VERSION") {
                try makeDirectory(dataDirectory, owned: true, mode: 0o700)
                try run("initdb", ["-D", dataDirectory, "--auth=trust", "-U", "postgres", "-E", "UTF8",
                                   "--locale=C", "--no-instructions"], what: "initdb")
            }
            if let running = runningPostmaster() {
                // Left by a crashed daemon (or another instance on this state dir): reuse, never start a second.
                try createDatabase(database, host: running.socketDirectory, port: running.port)
                return Self.connectionString(host: running.socketDirectory, port: running.port, database: database)
            }
            // A pid file without a live postmaster is stale (crash, reboot): clear it so start cannot trip on it.
            try? FileManager.default.removeItem(atPath: dataDirectory + "/postmaster.pid")
            if !FileManager.default.fileExists(atPath: logFile) {
                _ = FileManager.default.createFile(atPath: logFile, contents: nil)
                try chownToRunUser(logFile)
            }
            try run("pg_ctl", ["-D", dataDirectory, "-l", logFile, "-w", "-t", "60",
                               "-o", "-k '\(socketDirectory)' -p \(port) -c listen_addresses=''", "start"],
                    what: "pg_ctl start")
            try createDatabase(database, host: socketDirectory, port: port)
            return Self.connectionString(host: socketDirectory, port: port, database: database)
        }
    }

    /// Stops the cluster (`pg_ctl stop -m fast`); does nothing when it is not running.
    public func stop() throws(StoreError) {
        guard runningPostmaster() != nil else { return }
        try run("pg_ctl", ["-D", dataDirectory, "-m", "fast", "-w", "-t", "60", "stop"], what: "pg_ctl stop")
    }

    /// The libpq connection string for `database` on this cluster.
    public func connectionString(database: String? = nil) -> String {
        let (host, port) = runningPostmaster().map { ($0.socketDirectory, $0.port) } ?? (socketDirectory, self.port)
        return Self.connectionString(host: host, port: port, database: database ?? self.database)
    }

    /// The live postmaster's pid, or nil when the cluster is not running.
    public var postmasterPID: Int32? { runningPostmaster()?.pid }

    /// Creates database `name` (letters, digits, underscore) unless it exists.
    public func createDatabase(_ name: String) throws(StoreError) {
        let (host, port) = runningPostmaster().map { ($0.socketDirectory, $0.port) } ?? (socketDirectory, self.port)
        try createDatabase(name, host: host, port: port)
    }

    // MARK: - Internals

    struct Postmaster { let pid: Int32; let port: Int; let socketDirectory: String }

    /// Reads `postmaster.pid` (pid, data dir, start time, port, socket dir, …) and checks the pid is alive.
    func runningPostmaster() -> Postmaster? {
        guard let text = try? String(contentsOfFile: dataDirectory + "/postmaster.pid", encoding: .utf8) else { return nil }
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard lines.count >= 5, let pid = Int32(lines[0].trimmingCharacters(in: .whitespaces)), pid > 0,
              let port = Int(lines[3].trimmingCharacters(in: .whitespaces)) else { return nil }
        guard kill(pid, 0) == 0 || errno == EPERM else { return nil }
        // A recycled pid belonging to something else is not our postmaster.
        let cmdline = (try? Data(contentsOf: URL(fileURLWithPath: "/proc/\(pid)/cmdline"))) ?? Data()
        guard String(decoding: cmdline, as: UTF8.self).contains("postgres") else { return nil }
        let socket = lines[4].trimmingCharacters(in: .whitespaces)
        return Postmaster(pid: pid, port: port, socketDirectory: socket.isEmpty ? socketDirectory : socket)
    }

    private func createDatabase(_ name: String, host: String, port: Int) throws(StoreError) {
        guard Self.isPlainName(name) else { throw StoreError(.invalidValue, context: "database name") }
        let conn = try PGConnection(connectionString: Self.connectionString(host: host, port: port, database: "postgres"))
        let exists = try conn.query("SELECT 1 FROM pg_database WHERE datname = $1", [name], context: "createDatabase")
        guard exists.rows.isEmpty else { return }
        do {
            // Identifiers cannot be bind parameters; `name` is checked to be [A-Za-z0-9_] above.
            try conn.executeScript(unsafeSQL: "CREATE DATABASE \"\(name)\"", context: "createDatabase")
        } catch where error.sqlState == "42P04" {
            // Created concurrently by another process: fine.
        }
    }

    static func isPlainName(_ name: String) -> Bool {
        !name.isEmpty && name.utf8.count <= 63 && name.utf8.allSatisfy { b in
            (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) || b == 0x5F
        }
    }

    static func connectionString(host: String, port: Int, database: String) -> String {
        "host=\(quote(host)) port=\(port) dbname=\(quote(database)) user=postgres"
    }

    /// libpq connection-string quoting: single quotes, with `\` and `'` escaped.
    static func quote(_ value: String) -> String {
        "'" + value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "'", with: "\\'") + "'"
    }

    /// Serialises start-up across processes sharing a state dir (two daemons starting at once).
    private func withStartLock<T>(_ body: () throws(StoreError) -> T) throws(StoreError) -> T {
        let fd = open(stateDirectory + "/postgres.lock", O_CREAT | O_RDWR | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw StoreError(.embeddedCluster, context: "open \(stateDirectory)/postgres.lock") }
        defer { close(fd) }
        guard flock(fd, LOCK_EX) == 0 else { throw StoreError(.embeddedCluster, context: "lock postgres.lock") }
        defer { flock(fd, LOCK_UN) }
        return try body()
    }

    private func makeDirectory(_ path: String, owned: Bool, mode: Int) throws(StoreError) {
        do {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        } catch {
            throw StoreError(.embeddedCluster, context: "create directory \(path)", serverMessage: "\(error)")
        }
        if owned {
            try chownToRunUser(path)
            chmod(path, mode_t(mode))
        }
    }

    private func chownToRunUser(_ path: String) throws(StoreError) {
        guard let runAsUser else { return }
        guard let pw = getpwnam(runAsUser) else { throw StoreError(.embeddedCluster, context: "user \(runAsUser) missing") }
        guard chown(path, pw.pointee.pw_uid, pw.pointee.pw_gid) == 0 else {
            throw StoreError(.embeddedCluster, context: "chown \(path) to \(runAsUser)")
        }
    }

    /// Creates the system user PostgreSQL runs as when root (Debian's package normally already has).
    static func ensureSystemUser(_ name: String) throws(StoreError) {
        guard getpwnam(name) == nil else { return }
        let result = execute("/usr/sbin/useradd", ["--system", "--no-create-home", "--home-dir", "/nonexistent",
                                                   "--shell", "/usr/sbin/nologin", name])
        guard result.status == 0 else {
            throw StoreError(.embeddedCluster, context: "useradd \(name)", serverMessage: result.output)
        }
    }

    /// Runs a PostgreSQL tool as the cluster's user; a non-zero exit becomes an error carrying its output.
    private func run(_ tool: String, _ arguments: [String], what: String) throws(StoreError) {
        // `env -C /`: start in / so a working directory the postgres user cannot read does not upset initdb.
        let command = ["/usr/bin/env", "-C", "/", binDirectory + "/" + tool] + arguments
        let result = runAsUser.map { Self.execute("/usr/sbin/runuser", ["-u", $0, "--"] + command) }
            ?? Self.execute(command[0], Array(command.dropFirst()))
        guard result.status == 0 else {
            throw StoreError(.embeddedCluster, context: "\(what) exited with status \(result.status)",
                             serverMessage: result.output)
        }
    }

    /// Runs a command and returns its exit status and combined stdout/stderr.
    ///
    /// `posix_spawn` + `waitpid` rather than Foundation `Process`: under the test runner, `Process`
    /// never noticed that `runuser` had exited (it stayed a zombie and `waitUntilExit` hung). Output goes
    /// to a temporary file, not a pipe: `pg_ctl start` leaves a postmaster behind that could inherit a pipe.
    static func execute(_ executable: String, _ arguments: [String]) -> (status: Int32, output: String) {
        let outputPath = FileManager.default.temporaryDirectory
            .appendingPathComponent("airwave-cmd-\(getpid())-\(UInt64.random(in: 0...UInt64.max)).out").path
        defer { unlink(outputPath) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outputPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        let argv: [UnsafeMutablePointer<CChar>?] = ([executable] + arguments).map { strdup($0) } + [nil]
        defer { for p in argv { free(p) } }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, executable, &actions, nil, argv, environ)
        guard spawned == 0 else { return (-1, "cannot run \(executable): errno \(spawned)") }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        let exitCode: Int32 = (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
        let text = (try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? ""
        return (exitCode, String(text.suffix(4000)))
    }

    /// Newest /usr/lib/postgresql/<N>/bin with pg_ctl, else `pg_config --bindir`.
    static func findBinDirectory() throws(StoreError) -> String {
        let root = "/usr/lib/postgresql"
        let versions = ((try? FileManager.default.contentsOfDirectory(atPath: root)) ?? [])
            .compactMap { Int($0) }.sorted(by: >)
        for v in versions where FileManager.default.isExecutableFile(atPath: "\(root)/\(v)/bin/pg_ctl") {
            return "\(root)/\(v)/bin"
        }
        for candidate in ["/usr/bin/pg_config", "/usr/local/bin/pg_config"] where FileManager.default.isExecutableFile(atPath: candidate) {
            let result = execute(candidate, ["--bindir"])
            let dir = result.output.trimmingCharacters(in: .whitespacesAndNewlines)
            if result.status == 0, FileManager.default.isExecutableFile(atPath: dir + "/pg_ctl") { return dir }
        }
        throw StoreError(.embeddedCluster, context: "PostgreSQL binaries not found (install postgresql or set the bin directory)")
    }
}
