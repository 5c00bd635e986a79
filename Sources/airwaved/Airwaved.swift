import AirwaveDaemon
import ArgumentParser
import Foundation

/// `airwaved`: reads the configuration (file < environment < flags) and runs the daemon.
@main
struct Airwaved: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "airwaved",
        abstract: "Airwave: many radio stations, a personal DJ for every listener.",
        discussion: "Every option of the config file can also be set as AIRWAVE_<OPTION> in the environment. See etc/airwaved.conf.example.")

    @Option(name: .long, help: "Config file (key = value lines).")
    var config: String?
    @Option(name: .long, help: "HOST:PORT for the control API (default 127.0.0.1:8750).")
    var listen: String?
    @Option(name: .customLong("state-dir"), help: "State directory (embedded PostgreSQL, logs).")
    var stateDir: String?
    @Option(name: .long, help: "Directory of station files.")
    var stations: String?
    @Option(name: .customLong("database-url"), help: "libpq connection string; omit to use the embedded PostgreSQL.")
    var databaseURL: String?
    @Option(name: .customLong("log-dir"), help: "Directory for the per-station JSON Lines playlist logs.")
    var logDir: String?
    @Option(name: .customLong("clock-speed"), help: "Station seconds per real second (demos), default 1.")
    var clockSpeed: String?

    func run() throws {
        var settings = DaemonConfig()
        do {
            if let config {
                guard let text = try? String(contentsOfFile: config, encoding: .utf8) else {
                    throw ConfigError(key: "--config", "cannot read \(config)")
                }
                try settings.apply(configText: text, file: config)
            }
            try settings.apply(environment: ProcessInfo.processInfo.environment)
            let flags: [(String, String?)] = [
                ("listen", listen), ("state_dir", stateDir), ("stations_dir", stations),
                ("database_url", databaseURL), ("log_dir", logDir), ("clock_speed", clockSpeed),
            ]
            for (key, value) in flags {
                if let value { try settings.set(key, value, location: "--\(key.replacingOccurrences(of: "_", with: "-"))") }
            }
        } catch let error as ConfigError {
            Daemon.standardErrorLog("configuration: \(error)")
            throw ExitCode(78)
        }
        let code = Daemon(config: settings).run()
        if code != 0 { throw ExitCode(code) }
    }
}
