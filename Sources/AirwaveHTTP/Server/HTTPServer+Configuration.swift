import Foundation

extension HTTPServer {
    /// Receives the server's own log lines (libmicrohttpd messages, handler errors); must be thread-safe.
    public typealias Logger = @Sendable (String) -> Void

    /// Everything the server needs to start; defaults match the daemon's documented defaults.
    public struct Configuration: Sendable {
        /// Address to bind: an IPv4 or IPv6 literal, "localhost" (127.0.0.1), or "*" for every IPv4 address.
        public var host: String
        /// Port to bind; 0 picks a free one (read it back from `HTTPServer.port`).
        public var port: UInt16
        /// Pool threads that run the event loop and the handlers (default: one per core).
        public var threadPoolSize: Int
        /// A connection idle this long is closed, whole seconds, at least 1 (libmicrohttpd's unit).
        public var connectionTimeout: Duration
        /// Most simultaneous connections; more are refused.
        public var connectionLimit: Int
        /// Largest request body accepted; larger gets 413 before it is buffered.
        public var maxBodySize: Int
        /// Per-connection memory for the request line and headers; a larger request head is refused by
        /// libmicrohttpd (431/414), which is what bounds URL and header sizes.
        public var connectionMemoryLimit: Int
        /// How often streams with heartbeat bytes get them when quiet (nil: never).
        public var heartbeatInterval: Duration?
        /// How long `stop()` waits for in-flight requests before closing them anyway.
        public var shutdownGrace: Duration
        /// Where log lines go (default: standard error).
        public var logger: Logger

        /// Creates a configuration; every parameter has the documented default.
        public init(
            host: String = "127.0.0.1",
            port: UInt16 = 0,
            threadPoolSize: Int = ProcessInfo.processInfo.activeProcessorCount,
            connectionTimeout: Duration = .seconds(30),
            connectionLimit: Int = 1024,
            maxBodySize: Int = 16 * 1024 * 1024,
            connectionMemoryLimit: Int = 64 * 1024,
            heartbeatInterval: Duration? = .seconds(15),
            shutdownGrace: Duration = .seconds(5),
            logger: @escaping Logger = HTTPServer.standardErrorLogger
        ) {
            self.host = host
            self.port = port
            self.threadPoolSize = threadPoolSize
            self.connectionTimeout = connectionTimeout
            self.connectionLimit = connectionLimit
            self.maxBodySize = maxBodySize
            self.connectionMemoryLimit = connectionMemoryLimit
            self.heartbeatInterval = heartbeatInterval
            self.shutdownGrace = shutdownGrace
            self.logger = logger
        }
    }

    /// Writes each line to standard error (Glibc's `stderr` global is off limits in Swift 6).
    public static let standardErrorLogger: Logger = { line in
        FileHandle.standardError.write(Data(("airwave-http: " + line + "\n").utf8))
    }
}
