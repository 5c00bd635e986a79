import Foundation
import Synchronization

/// What a command run needs from outside: environment, output streams, time zone and a stop signal.
///
/// Commands are ArgumentParser structs, so the context reaches them through a task-local rather than
/// through their initializers; ``Airwavectl/main(arguments:context:)`` sets it for the run.
public final class CtlContext: Sendable {
    /// Environment variables (`AIRWAVE_URL`, `AIRWAVE_TOKEN`).
    public let environment: [String: String]
    /// Output streams.
    public let console: Console
    /// Time zone for human-readable times (the operator's local zone by default).
    public let timeZone: TimeZone
    /// Request timeout in seconds for ordinary requests.
    public let timeout: TimeInterval
    /// Set when the run should end (SIGINT in the binary, the test in-process); `log -f` watches it.
    public let stop: StopSignal
    /// Whether `log -f` installs a SIGINT handler (only the real binary does).
    public let handlesSignals: Bool
    /// Seconds without a byte on a `log -f` stream before it counts as dead (the daemon heartbeats
    /// every 15 s by default).
    public let streamIdleTimeout: TimeInterval

    /// Creates a context.
    public init(environment: [String: String], console: Console, timeZone: TimeZone = .current,
                timeout: TimeInterval = 30, stop: StopSignal = StopSignal(), handlesSignals: Bool = false,
                streamIdleTimeout: TimeInterval = 45) {
        self.environment = environment
        self.console = console
        self.timeZone = timeZone
        self.timeout = timeout
        self.stop = stop
        self.handlesSignals = handlesSignals
        self.streamIdleTimeout = streamIdleTimeout
    }

    /// The context of the current run.
    @TaskLocal public static var current = CtlContext(environment: ProcessInfo.processInfo.environment, console: .standard())
}

/// A one-way flag with a wake-up: waiting code sleeps on it instead of polling blindly.
public final class StopSignal: Sendable {
    private let flag = Atomic<Bool>(false)
    private let semaphore = DispatchSemaphore(value: 0)
    private let callbacks = Mutex<[@Sendable () -> Void]>([])

    /// Creates an unset signal.
    public init() {}

    /// Whether stop was requested.
    public var isSet: Bool { flag.load(ordering: .acquiring) }

    /// Requests a stop and wakes anything waiting.
    public func set() {
        guard !flag.exchange(true, ordering: .acquiringAndReleasing) else { return }
        semaphore.signal()
        for callback in callbacks.withLock({ $0 }) { callback() }
    }

    /// Runs `callback` when the signal is set (at once if it already is).
    public func onSet(_ callback: @escaping @Sendable () -> Void) {
        callbacks.withLock { $0.append(callback) }
        if isSet { callback() }
    }

    /// Sleeps up to `seconds`, returning early (true) when the signal is set.
    public func wait(seconds: TimeInterval) -> Bool {
        if isSet { return true }
        if semaphore.wait(timeout: .now() + seconds) == .success {
            semaphore.signal() // keep it set for other waiters
            return true
        }
        return isSet
    }
}
