import AirwaveHTTP
import AirwaveRuntime
import AirwaveStore
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The `airwaved` process: starts every service in dependency order, serves until SIGTERM, and stops
/// them in reverse.
public final class Daemon: @unchecked Sendable {
    private let config: DaemonConfig
    private let log: @Sendable (String) -> Void
    private let notifier = SystemdNotifier()
    private let finished = DispatchSemaphore(value: 0)
    private var signalSources: [DispatchSourceSignal] = []

    /// Prepares a daemon for `config`; nothing starts until ``run()``.
    public init(config: DaemonConfig, log: @escaping @Sendable (String) -> Void = Daemon.standardErrorLog) {
        self.config = config
        self.log = log
    }

    /// Human logs go to standard error (journald under systemd).
    public static let standardErrorLog: @Sendable (String) -> Void = { line in
        FileHandle.standardError.write(Data(("airwaved: " + line + "\n").utf8))
    }

    /// Runs until SIGTERM or SIGINT; returns the process exit code.
    public func run() -> Int32 {
        do {
            try config.validate()
        } catch {
            log("configuration: \(error)")
            return 78 // EX_CONFIG
        }
        var embedded: EmbeddedPostgres?
        let services: DaemonServices
        let server: HTTPServer
        do {
            try FileManager.default.createDirectory(atPath: config.stateDir, withIntermediateDirectories: true)
            let connection: String
            if let url = config.databaseURL {
                connection = url
            } else {
                notifier.status("starting the embedded PostgreSQL")
                let cluster = try EmbeddedPostgres(stateDirectory: config.stateDir, binDirectory: config.postgresBinDir)
                connection = try cluster.start()
                embedded = cluster
                log("embedded PostgreSQL running in \(cluster.dataDirectory) (socket in \(cluster.socketDirectory))")
            }
            let store = try Store(connectionString: connection, poolSize: config.databasePoolSize,
                                  groupCommitWriters: config.groupCommitWriters)
            let applied = try store.migrate()
            if !applied.isEmpty { log("database migrated to version \(applied.max()!)") }
            services = DaemonServices(config: config, store: store, clock: SystemClock(speed: config.clockSpeed), log: log)
            try services.startStations()
            let router = ControlAPI(services: services).makeRouter()
            server = HTTPServer(configuration: HTTPServer.Configuration(
                host: config.listenHost, port: config.listenPort,
                threadPoolSize: config.effectiveHTTPThreads,
                connectionTimeout: .seconds(config.connectionTimeout), connectionLimit: config.connectionLimit,
                maxBodySize: config.bodyLimit, logger: log), handler: router.handle)
            try server.start()
        } catch {
            log("start-up failed: \(error)")
            if let embedded { try? embedded.stop() }
            return 1
        }

        let journalThread = Thread { services.journal.run() }
        journalThread.name = "airwave-journal"
        journalThread.start()
        services.runtime.startScheduler()
        services.collaborative.start()
        startRetention(services)

        let url = "http://\(config.listenHost.contains(":") ? "[\(config.listenHost)]" : config.listenHost):\(server.port)"
        log("listening on \(url) with \(services.runtime.allStations().count) stations")
        notifier.ready(status: "serving \(services.runtime.allStations().count) stations on \(url)")
        installSignalHandlers(services)
        finished.wait()

        notifier.stopping()
        log("stopping: closing the API and streams")
        server.stop()
        services.runtime.stopScheduler()
        services.collaborative.stop()
        services.journal.stop()
        do {
            try services.journal.flush()
        } catch {
            log("stopping: the last plays could not be written: \(error)")
        }
        services.logHub.close()
        if let embedded {
            do {
                try embedded.stop()
                log("embedded PostgreSQL stopped")
            } catch {
                log("stopping the embedded PostgreSQL failed: \(error)")
            }
        }
        log("stopped")
        return 0
    }

    /// Asks a running daemon to stop (as SIGTERM does).
    public func requestStop() { finished.signal() }

    private func installSignalHandlers(_ services: DaemonServices) {
        let queue = DispatchQueue(label: "airwave-signals")
        for sig in [SIGTERM, SIGINT, SIGHUP] {
            signal(sig, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: sig, queue: queue)
            source.setEventHandler { [self] in
                if sig == SIGHUP {
                    notifier.reloading()
                    log("SIGHUP: reloading station files")
                    services.reloadStationFiles()
                    services.collaborative.requestRefresh()
                    notifier.ready(status: "serving \(services.runtime.allStations().count) stations")
                } else {
                    finished.signal()
                }
            }
            source.resume()
            signalSources.append(source)
        }
    }

    private func startRetention(_ services: DaemonServices) {
        let thread = Thread {
            while true {
                services.prunePlays()
                Thread.sleep(forTimeInterval: 3600)
            }
        }
        thread.name = "airwave-retention"
        thread.start()
    }
}
