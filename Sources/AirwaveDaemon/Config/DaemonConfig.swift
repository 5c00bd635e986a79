import Foundation

/// Everything `airwaved` can be configured with. Defaults match `etc/airwaved.conf.example`.
public struct DaemonConfig: Sendable, Equatable {
    /// Address and port the control API listens on.
    public var listenHost = "127.0.0.1"
    public var listenPort: UInt16 = 8750
    /// Operator credential; when nil only loopback addresses may be bound.
    public var apiToken: String?
    /// A libpq connection string or URI; nil runs the embedded PostgreSQL under `stateDir`.
    public var databaseURL: String?
    /// Where the embedded cluster and other state live.
    public var stateDir = "/var/lib/airwave"
    /// Station files (`*.json` + their CSV catalogs).
    public var stationsDir = "/etc/airwave/stations"
    /// Where the per-station JSON Lines playlist logs are written; nil means `<state_dir>/logs`.
    public var logDir: String?
    /// Station seconds per real second (demos); 1 is real time.
    public var clockSpeed: Double = 1
    /// Seconds without any request about a listener before they are paused.
    public var idleTimeout: TimeInterval = 1800
    /// Plays older than this many days are pruned.
    public var playRetentionDays = 90
    /// Largest accepted request body in bytes.
    public var bodyLimit = 16 * 1024 * 1024
    /// HTTP worker threads; 0 means eight per core. An acknowledged write holds its thread until its group
    /// commit is durable, so one thread per core capped interactions near 200/s (docs/BENCHMARKS.md).
    public var httpThreads = 0

    /// The worker threads to start: `httpThreads`, or eight per core when it is 0.
    public var effectiveHTTPThreads: Int {
        httpThreads > 0 ? httpThreads : 8 * max(1, ProcessInfo.processInfo.activeProcessorCount)
    }
    /// Most simultaneous HTTP connections.
    public var connectionLimit = 1024
    /// Seconds an idle or slow HTTP connection may stay open.
    public var connectionTimeout = 30
    /// PostgreSQL connections in the pool.
    public var databasePoolSize = 4
    /// Seconds between rebuilds of the collaborative neighbour lists.
    public var collaborativeRefreshSeconds: TimeInterval = 600
    /// Directory with PostgreSQL's server binaries for the embedded cluster; nil finds the newest.
    public var postgresBinDir: String?
    /// Directory with `query-lexicon.json` and `query-labels.tsv` for text queries; nil means `data/` next to
    /// the stations directory.
    public var queryDataDir: String?
    /// Whether `GET …/recommendations` keeps each listener's last ranking and reuses it while its inputs
    /// are unchanged (answers are identical either way; off is for measuring the uncached path).
    public var recommendationCache = true
    /// Threads dispatching track changes from the one deadline heap. One keeps up with about 20,000 changes a
    /// second on a core of its own (docs/BENCHMARKS.md); a second lets track changes use a second core.
    public var schedulerThreads = 1
    /// Connections writing acknowledged interactions, taking turns (group commit).
    public var groupCommitWriters = 2

    /// The defaults.
    public init() {}

    /// The effective playlist-log directory.
    public var effectiveLogDir: String { logDir ?? (stateDir as NSString).appendingPathComponent("logs") }

    /// The effective query data directory: `query_data_dir`, else `data/` next to the stations directory.
    public var effectiveQueryDataDir: String {
        queryDataDir ?? ((stationsDir as NSString).deletingLastPathComponent as NSString).appendingPathComponent("data")
    }

    /// Whether `listenHost` is a loopback address (the only kind allowed without a token).
    public var listensOnLoopbackOnly: Bool {
        listenHost == "127.0.0.1" || listenHost == "::1" || listenHost == "localhost" || listenHost.hasPrefix("127.")
    }

    /// Refuses configurations that must not start: a non-loopback listener without a token, bad numbers.
    public func validate() throws(ConfigError) {
        if apiToken == nil && !listensOnLoopbackOnly {
            throw ConfigError(key: "listen", "binding \(listenHost) needs api_token to be set (without a token only loopback addresses are allowed)")
        }
        if let apiToken, apiToken.count < 16 {
            throw ConfigError(key: "api_token", "must be at least 16 characters")
        }
        guard clockSpeed > 0, clockSpeed <= 10_000, clockSpeed.isFinite else {
            throw ConfigError(key: "clock_speed", "must be a number > 0 and <= 10000")
        }
        guard idleTimeout > 0 else { throw ConfigError(key: "idle_timeout", "must be > 0 seconds") }
        guard playRetentionDays >= 1 else { throw ConfigError(key: "play_retention_days", "must be >= 1") }
        guard bodyLimit >= 1024 else { throw ConfigError(key: "body_limit", "must be >= 1024 bytes") }
        guard (0...256).contains(httpThreads) else { throw ConfigError(key: "http_threads", "must be between 0 and 256") }
        guard (1...100_000).contains(connectionLimit) else { throw ConfigError(key: "connection_limit", "must be between 1 and 100000") }
        guard (1...3600).contains(connectionTimeout) else { throw ConfigError(key: "connection_timeout", "must be between 1 and 3600 seconds") }
        guard collaborativeRefreshSeconds >= 1, collaborativeRefreshSeconds.isFinite else {
            throw ConfigError(key: "collaborative_refresh_seconds", "must be at least 1 second")
        }
        guard (1...16).contains(schedulerThreads) else { throw ConfigError(key: "scheduler_threads", "must be between 1 and 16") }
        guard (1...8).contains(groupCommitWriters) else { throw ConfigError(key: "group_commit_writers", "must be between 1 and 8") }
        guard (1...64).contains(databasePoolSize) else { throw ConfigError(key: "database_pool_size", "must be between 1 and 64") }
    }
}

/// A configuration value that cannot be used; names the key (and the file line when there is one).
public struct ConfigError: Error, Equatable, CustomStringConvertible {
    /// The option name as written in the config file.
    public var key: String
    /// What is wrong.
    public var message: String
    /// `file:line` when the value came from a file.
    public var location: String?

    /// Creates an error about `key`.
    public init(key: String, _ message: String, location: String? = nil) {
        self.key = key
        self.message = message
        self.location = location
    }

    public var description: String {
        (location.map { "\($0): " } ?? "") + "\(key): \(message)"
    }
}
