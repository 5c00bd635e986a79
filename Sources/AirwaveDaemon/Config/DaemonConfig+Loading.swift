import Foundation

extension DaemonConfig {
    /// Every option name accepted in the config file, as `AIRWAVE_<NAME>` in the environment.
    public static let optionNames = [
        "listen", "api_token", "database_url", "state_dir", "stations_dir", "log_dir", "clock_speed",
        "idle_timeout", "play_retention_days", "body_limit", "http_threads", "connection_limit",
        "connection_timeout", "database_pool_size", "postgres_bin_dir", "collaborative_refresh_seconds", "query_data_dir",
        "recommendation_cache", "scheduler_threads", "group_commit_writers",
    ]

    /// Sets one option from its textual value; the error names the key.
    public mutating func set(_ key: String, _ raw: String, location: String? = nil) throws(ConfigError) {
        let value = raw.trimmingCharacters(in: .whitespaces)
        func fail(_ message: String) -> ConfigError { ConfigError(key: key, message, location: location) }
        func number<T: LosslessStringConvertible>(_: T.Type) throws(ConfigError) -> T {
            guard let n = T(value) else { throw fail("must be a number (got \"\(value.prefix(40))\")") }
            return n
        }
        func optional(_ v: String) -> String? { v.isEmpty ? nil : v }
        func boolean() throws(ConfigError) -> Bool {
            switch value.lowercased() {
            case "true", "yes", "on", "1": return true
            case "false", "no", "off", "0": return false
            default: throw fail("must be true or false (got \"\(value.prefix(40))\")")
            }
        }
        switch key {
        case "listen":
            guard let (host, port) = DaemonConfig.parseListen(value) else {
                throw fail("must be HOST:PORT, e.g. 127.0.0.1:8750 or [::1]:8750 (got \"\(value.prefix(60))\")")
            }
            listenHost = host
            listenPort = port
        case "api_token": apiToken = optional(value)
        case "database_url": databaseURL = optional(value)
        case "state_dir": stateDir = value
        case "stations_dir": stationsDir = value
        case "log_dir": logDir = optional(value)
        case "clock_speed": clockSpeed = try number(Double.self)
        case "idle_timeout": idleTimeout = try number(Double.self)
        case "play_retention_days": playRetentionDays = try number(Int.self)
        case "body_limit": bodyLimit = try number(Int.self)
        case "http_threads": httpThreads = try number(Int.self)
        case "connection_limit": connectionLimit = try number(Int.self)
        case "connection_timeout": connectionTimeout = try number(Int.self)
        case "database_pool_size": databasePoolSize = try number(Int.self)
        case "postgres_bin_dir": postgresBinDir = optional(value)
        case "collaborative_refresh_seconds": collaborativeRefreshSeconds = try number(Double.self)
        case "query_data_dir": queryDataDir = optional(value)
        case "recommendation_cache": recommendationCache = try boolean()
        case "scheduler_threads": schedulerThreads = try number(Int.self)
        case "group_commit_writers": groupCommitWriters = try number(Int.self)
        default:
            throw fail("unknown option (known: \(DaemonConfig.optionNames.joined(separator: ", ")))")
        }
    }

    /// Applies a `key = value` config file; `#` starts a comment line.
    public mutating func apply(configText: String, file: String) throws(ConfigError) {
        for (offset, line) in configText.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty || trimmed.hasPrefix("#") { continue }
            let location = "\(file):\(offset + 1)"
            guard let eq = trimmed.firstIndex(of: "=") else {
                throw ConfigError(key: String(trimmed.prefix(40)), "expected key = value", location: location)
            }
            let key = trimmed[..<eq].trimmingCharacters(in: .whitespaces)
            var value = trimmed[trimmed.index(after: eq)...].trimmingCharacters(in: .whitespaces)
            if value.count >= 2, value.hasPrefix("\""), value.hasSuffix("\"") { value = String(value.dropFirst().dropLast()) }
            try set(key, value, location: location)
        }
    }

    /// Applies `AIRWAVE_<OPTION>` variables from `environment`.
    public mutating func apply(environment: [String: String]) throws(ConfigError) {
        for name in DaemonConfig.optionNames {
            if let value = environment["AIRWAVE_" + name.uppercased()] {
                try set(name, value, location: "environment AIRWAVE_\(name.uppercased())")
            }
        }
    }

    /// Splits `HOST:PORT` (IPv6 in brackets) into its parts.
    static func parseListen(_ text: String) -> (String, UInt16)? {
        var host: Substring
        var portText: Substring
        if text.hasPrefix("[") {
            guard let close = text.firstIndex(of: "]") else { return nil }
            host = text[text.index(after: text.startIndex)..<close]
            let rest = text[text.index(after: close)...]
            guard rest.hasPrefix(":") else { return nil }
            portText = rest.dropFirst()
        } else {
            guard let colon = text.lastIndex(of: ":") else { return nil }
            host = text[..<colon]
            portText = text[text.index(after: colon)...]
        }
        guard !host.isEmpty, let port = UInt16(portText) else { return nil }
        return (String(host), port)
    }
}
