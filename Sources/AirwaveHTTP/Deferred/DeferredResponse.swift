import CMicroHTTPD
import Dispatch
import Synchronization

/// A response made later, when something the handler waits for is done (a group commit).
///
/// The handler returns `.deferred(d)` at once; the server suspends the connection, so the pool thread goes
/// on serving its other connections instead of blocking until the wait is over, and `complete(_:)` — called
/// once, from any thread — resumes it. The pool thread that picks the connection up again runs the
/// completion's body to make the response, so the waker (one writer thread for every waiting request) does
/// no per-request work. Errors the body throws are answered as a handler's are.
public final class DeferredResponse: @unchecked Sendable {
    /// Makes the response; runs on a server pool thread.
    public typealias Body = @Sendable () throws -> HTTPResponse

    // Invariant: every mutable field lives in `state`; MHD_suspend_connection and MHD_resume_connection are
    // only called while holding it, so a resume never overtakes the suspend it undoes, and a connection is
    // resumed at most once.
    private let state = Mutex(State())
    /// Signalled once by the first `complete`, for a server thread that waits instead of suspending.
    private let completion = DispatchSemaphore(value: 0)

    private struct State {
        /// Set by the first `complete`; later calls are ignored.
        var body: Body?
        var completed = false
        /// The body was handed to the server (it runs exactly once).
        var taken = false
        /// The connection, while it is suspended waiting for `complete`.
        var suspended: UncheckedPointer<OpaquePointer>?
        var observers: [@Sendable (HTTPResponse) -> Void] = []
    }

    /// Creates a response that is not complete yet.
    public init() {}

    /// Provides the body that makes the response and wakes the connection; only the first call counts.
    public func complete(_ body: @escaping Body) {
        state.withLock { state in
            guard !state.completed else { return }
            state.completed = true
            state.body = body
            if let connection = state.suspended {
                state.suspended = nil
                MHD_resume_connection(connection.value)
            }
            completion.signal()
        }
    }

    /// Whether `complete` has been called.
    public var isComplete: Bool { state.withLock { $0.completed } }

    /// Runs `observer` with the final response when it is made (router after-hooks). Register before the
    /// handler returns: the server makes the response only after that.
    func onResponse(_ observer: @escaping @Sendable (HTTPResponse) -> Void) {
        state.withLock { $0.observers.append(observer) }
    }

    // MARK: - Server side

    /// Suspends `connection` until `complete`; false (and nothing suspended) when it is complete already.
    func suspendUnlessComplete(_ connection: OpaquePointer) -> Bool {
        let handle = UncheckedPointer(connection)
        return state.withLock { state in
            guard !state.completed else { return false }
            state.suspended = handle
            MHD_suspend_connection(handle.value)
            return true
        }
    }

    /// Blocks until `complete` or `timeout`; whether it completed. For a server that is stopping, where a
    /// connection must not be left suspended when libmicrohttpd goes.
    func waitForCompletion(timeout: Duration) -> Bool {
        let (seconds, attoseconds) = timeout.components
        let nanoseconds = max(0, Int(seconds) * 1_000_000_000 + Int(attoseconds / 1_000_000_000))
        return completion.wait(timeout: .now() + .nanoseconds(nanoseconds)) == .success
    }

    /// The body, once, after `complete`; nil before it and after the first take.
    func takeBody() -> Body? {
        state.withLock { state in
            guard state.completed, !state.taken else { return nil }
            state.taken = true
            defer { state.body = nil }
            return state.body
        }
    }

    /// Hands the final response to the observers (once; they are dropped after).
    func made(_ response: HTTPResponse) {
        let observers = state.withLock { state in
            defer { state.observers = [] }
            return state.observers
        }
        for observer in observers { observer(response) }
    }
}
