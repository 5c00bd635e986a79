import CMicroHTTPD
import Dispatch
import Glibc
import Synchronization

/// Answers one request; runs on a server pool thread, so it must not block for long.
public typealias HTTPHandler = @Sendable (HTTPRequest) throws -> HTTPResponse

/// An HTTP/1.1 server over libmicrohttpd: epoll with a thread pool, bounded bodies and heads, streaming
/// responses, and a shutdown that ends streams before stopping.
///
/// ```swift
/// var router = Router()
/// router.get("/health") { _ in .json(["status": "ok"]) }
/// let server = HTTPServer(configuration: .init(port: 8080), handler: router.handle)
/// try server.start()
/// // …
/// server.stop()
/// ```
/// Errors a handler throws become responses: `HTTPErrorConvertible` ones their own, anything else a generic
/// 500 (logged, never echoed). A started server keeps itself alive until `stop()`.
public final class HTTPServer: @unchecked Sendable {
    /// The configuration the server was created with.
    public let configuration: Configuration
    let handler: HTTPHandler

    // Invariant: all mutable state is in `state`. `daemon` is set once by start() and cleared by stop(); while it
    // is set the server holds one retain on itself (`selfRetain`) because libmicrohttpd's callbacks point at it.
    // The lock is never held while calling into a stream (streams take their own lock), nor while calling
    // MHD_stop_daemon, whose callbacks take this lock.
    let state = Mutex(State())
    /// Requests between their first access call and MHD's completion notice. An atomic, not part of
    /// `state`: every request counts in and out, and sixteen threads doing so through one lock spun for a
    /// fifth of the daemon's CPU under `wrk` (perf, 2026-11-23).
    let inFlight = Atomic<Int>(0)
    /// Deferred responses whose requests have not completed, so `stop()` can answer any that never complete
    /// (a suspended connection must not outlive the MHD daemon). Its own lock: it is touched twice per
    /// deferred request and never while `state` is held.
    let deferreds = Mutex<[ObjectIdentifier: DeferredResponse]>([:])
    /// Set first thing in `stop()`: from then on a deferred response is waited for on its pool thread
    /// instead of suspending its connection.
    let stoppingFlag = Atomic<Bool>(false)

    struct State {
        var daemon: UncheckedPointer<OpaquePointer>?
        var selfRetain: Unmanaged<HTTPServer>?
        var boundPort: UInt16 = 0
        var stopping = false
        var stopped = false
        /// Open streaming responses, so stop() can end them (MHD aborts if stopped with suspended ones).
        var streams: [ObjectIdentifier: HTTPStream] = [:]
        var heartbeatTimer: UncheckedPointer<DispatchSourceTimer>?
    }

    /// Creates a stopped server that will answer with `handler`.
    public init(configuration: Configuration = Configuration(), handler: @escaping HTTPHandler) {
        self.configuration = configuration
        self.handler = handler
    }

    /// The bound port once started (the real one when configured with 0), else 0.
    public var port: UInt16 { state.withLock { $0.boundPort } }

    /// Whether the server is accepting requests.
    public var isRunning: Bool { state.withLock { $0.daemon != nil && !$0.stopping } }

    /// Requests currently being received, handled or streamed.
    public var inFlightRequests: Int { inFlight.load(ordering: .relaxed) }

    /// Connections libmicrohttpd currently holds (0 when stopped).
    public var connectionCount: Int {
        state.withLock { state in state.daemon.map { Int(airwave_mhd_current_connections($0.value)) } ?? 0 }
    }

    /// Streaming responses currently open.
    public var openStreams: Int { state.withLock { $0.streams.count } }

    /// Binds and starts serving; throws `HTTPServerError` naming the bad setting when it cannot.
    public func start() throws {
        try validateConfiguration()
        guard var address = SocketAddress(host: configuration.host, port: configuration.port) else {
            throw HTTPServerError(code: "invalid_host", message: "host must be an IP literal, localhost or *")
        }
        try state.withLock { state in
            guard state.daemon == nil, !state.stopped else {
                throw HTTPServerError(code: "already_started", message: "a server can be started once")
            }
        }
        let retained = Unmanaged.passRetained(self)
        let cls = retained.toOpaque()
        let timeoutSeconds = max(1, Int(configuration.connectionTimeout.components.seconds))
        var flags = MHD_USE_EPOLL_INTERNAL_THREAD.rawValue | MHD_ALLOW_SUSPEND_RESUME.rawValue
            | MHD_USE_ITC.rawValue | MHD_USE_ERROR_LOG.rawValue
        if address.isIPv6 { flags |= MHD_USE_IPv6.rawValue }

        let daemon: OpaquePointer? = withUnsafeMutablePointer(to: &address.storage) { storage in
            let logger: MHD_LogCallback = airwaveMHDLog
            let unescape: AirwaveUnescapeCallback = airwaveMHDUnescape
            let completed: MHD_RequestCompletedCallback = airwaveMHDCompleted
            var options: [MHD_OptionItem] = [
                // The logger must come first so messages about later options reach it.
                MHD_OptionItem(option: .EXTERNAL_LOGGER, value: unsafeBitCast(logger, to: Int.self), ptr_value: cls),
                MHD_OptionItem(option: .UNESCAPE_CALLBACK, value: unsafeBitCast(unescape, to: Int.self), ptr_value: cls),
                MHD_OptionItem(option: .NOTIFY_COMPLETED, value: unsafeBitCast(completed, to: Int.self), ptr_value: cls),
                MHD_OptionItem(option: .CONNECTION_TIMEOUT, value: timeoutSeconds, ptr_value: nil),
                MHD_OptionItem(option: .CONNECTION_LIMIT, value: configuration.connectionLimit, ptr_value: nil),
                MHD_OptionItem(option: .CONNECTION_MEMORY_LIMIT, value: configuration.connectionMemoryLimit, ptr_value: nil),
                MHD_OptionItem(option: .THREAD_POOL_SIZE, value: configuration.threadPoolSize, ptr_value: nil),
                MHD_OptionItem(option: .SOCK_ADDR, value: 0, ptr_value: UnsafeMutableRawPointer(storage)),
                MHD_OptionItem(option: .END, value: 0, ptr_value: nil),
            ]
            let access: MHD_AccessHandlerCallback = airwaveMHDAccess
            return options.withUnsafeMutableBufferPointer { buffer in
                airwave_mhd_start(flags, configuration.port, access, cls, buffer.baseAddress)
            }
        }
        guard let daemon else {
            retained.release()
            throw HTTPServerError(code: "start_failed",
                                  message: "could not listen on \(configuration.host):\(configuration.port)")
        }
        let boundPort = airwave_mhd_bind_port(daemon)
        let timer = makeHeartbeatTimer()
        let handle = UncheckedPointer(daemon)
        let timerHandle = timer.map(UncheckedPointer.init)
        state.withLock { state in
            state.daemon = handle
            state.selfRetain = retained
            state.boundPort = boundPort
            state.heartbeatTimer = timerHandle
        }
        timer?.resume()
    }

    /// Stops accepting, ends every open stream, lets in-flight requests finish (up to `shutdownGrace`),
    /// then stops libmicrohttpd. Idempotent; returns once the pool threads are gone.
    public func stop() {
        let claimed = state.withLock { state -> (UncheckedPointer<OpaquePointer>, UncheckedPointer<DispatchSourceTimer>?)? in
            guard let daemon = state.daemon, !state.stopping else { return nil }
            state.stopping = true
            defer { state.heartbeatTimer = nil }
            return (daemon, state.heartbeatTimer)
        }
        guard let (daemonHandle, timer) = claimed else { return }
        stoppingFlag.store(true, ordering: .relaxed)
        let daemon = daemonHandle.value
        timer?.value.cancel()
        let listenSocket = MHD_quiesce_daemon(daemon)
        // New streams see `stopping` and close themselves; end the ones already open. A closed stream never
        // suspends again, and the suspended ones are resumed, so MHD_stop_daemon will not find any suspended.
        for stream in state.withLock({ Array($0.streams.values) }) { stream.close() }
        let deadline = ContinuousClock.now.advanced(by: configuration.shutdownGrace)
        while inFlight.load(ordering: .relaxed) > 0 && ContinuousClock.now < deadline {
            usleep(5_000)
        }
        for stream in state.withLock({ Array($0.streams.values) }) { stream.close() }
        // Deferred responses still waiting after the grace period (suspended before `stoppingFlag` was set)
        // are answered 503 and their connections resumed; give the pool threads a moment to send those
        // before the daemon goes. Later ones wait on their pool thread, which MHD_stop_daemon joins.
        let waiting = deferreds.withLock { Array($0.values) }.filter { !$0.isComplete }
        if !waiting.isEmpty {
            for deferred in waiting { deferred.complete { Self.stoppingResponse } }
            let shortDeadline = ContinuousClock.now.advanced(by: .seconds(1))
            while inFlight.load(ordering: .relaxed) > 0 && ContinuousClock.now < shortDeadline { usleep(5_000) }
        }
        MHD_stop_daemon(daemon)
        if listenSocket >= 0 { Glibc.close(listenSocket) }
        let retained = state.withLock { state -> Unmanaged<HTTPServer>? in
            state.daemon = nil
            state.stopped = true
            state.boundPort = 0
            defer { state.selfRetain = nil }
            return state.selfRetain
        }
        retained?.release()
    }

    func log(_ line: String) { configuration.logger(line) }

    /// The answer for a deferred request that did not complete before the server stopped.
    static let stoppingResponse = HTTPResponse.error(.serviceUnavailable, code: "stopping",
                                                     message: "the server stopped before this request completed")
        .adding("Connection", "close")

    private func validateConfiguration() throws {
        func bad(_ field: String, _ rule: String) -> HTTPServerError {
            HTTPServerError(code: "invalid_configuration", message: "\(field) \(rule)")
        }
        guard configuration.threadPoolSize >= 1 else { throw bad("threadPoolSize", "must be at least 1") }
        guard configuration.connectionLimit >= 1 else { throw bad("connectionLimit", "must be at least 1") }
        guard configuration.maxBodySize >= 0 else { throw bad("maxBodySize", "must not be negative") }
        guard configuration.connectionMemoryLimit >= 4096 else {
            throw bad("connectionMemoryLimit", "must be at least 4096")
        }
        guard configuration.connectionTimeout > .zero else { throw bad("connectionTimeout", "must be positive") }
        if let interval = configuration.heartbeatInterval, interval <= .zero {
            throw bad("heartbeatInterval", "must be positive")
        }
    }

    private func makeHeartbeatTimer() -> DispatchSourceTimer? {
        guard let interval = configuration.heartbeatInterval else { return nil }
        let (seconds, attoseconds) = interval.components
        let nanoseconds = max(1_000_000, Int(seconds) * 1_000_000_000 + Int(attoseconds / 1_000_000_000))
        let timer = DispatchSource.makeTimerSource(queue: DispatchQueue.global())
        timer.schedule(deadline: .now() + .nanoseconds(nanoseconds), repeating: .nanoseconds(nanoseconds))
        timer.setEventHandler { [weak self] in
            guard let self else { return }
            for stream in self.state.withLock({ Array($0.streams.values) }) { stream.heartbeatTick() }
        }
        return timer
    }
}
