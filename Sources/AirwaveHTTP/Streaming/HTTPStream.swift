import CMicroHTTPD
import Synchronization

/// A response body written over time (log following: JSON Lines or Server-Sent Events).
///
/// The producer calls `send` from any thread and `close()` when done; the server reads it on a pool thread
/// and sends each chunk with chunked encoding. When nothing is buffered the connection is suspended and the
/// next `send` resumes it, so an idle follower costs no CPU. A client that stops reading while data keeps
/// coming is disconnected once `bufferLimit` bytes are pending, rather than growing memory.
/// `onClose` handlers run exactly once, when the stream is over for good — the producer closed it, the
/// client went away (noticed on the next write: send heartbeats), the buffer overflowed, or the server stopped.
public final class HTTPStream: @unchecked Sendable {
    /// Most bytes allowed to wait for a slow client before it is disconnected.
    public let bufferLimit: Int
    /// Bytes the server's heartbeat timer sends when nothing else was sent in an interval (nil: none).
    public let heartbeat: [UInt8]?

    // Invariant: every mutable field lives in `state`, and MHD_suspend_connection / MHD_resume_connection on
    // `state.connection` are only called while holding it, so a resume can never overtake the suspend it
    // undoes and a suspended connection is resumed at most once. onClose handlers run outside the lock.
    private let state = Mutex(State())

    private struct State {
        /// Bytes written but not yet read by MHD are `buffer[readOffset...]`.
        var buffer: [UInt8] = []
        var readOffset = 0
        /// No more `send`s are accepted; the reader drains the buffer, then ends the body.
        var closed = false
        /// The buffer overflowed: the reader ends with an error so MHD drops the connection.
        var failed = false
        /// MHD released the response: nothing will read again and the handlers have run.
        var finished = false
        /// The reader suspended the connection because the buffer was empty.
        var suspended = false
        /// The MHD connection, set when the response is queued and cleared when it is released.
        var connection: UncheckedPointer<OpaquePointer>?
        /// Whether anything was sent since the last heartbeat tick.
        var activeSinceTick = false
        var closeHandlers: [@Sendable () -> Void] = []

        var pending: Int { buffer.count - readOffset }
    }

    /// Creates an open stream; return it in `HTTPResponse.stream(_:contentType:)` (or `.eventStream`, `.jsonLines`).
    public init(bufferLimit: Int = 1 << 20, heartbeat: [UInt8]? = nil) {
        self.bufferLimit = max(1, bufferLimit)
        self.heartbeat = heartbeat
    }

    /// Queues bytes for the client; false once the stream is closed (by anyone) or the client was dropped.
    @discardableResult
    public func send(_ bytes: some Collection<UInt8>) -> Bool {
        state.withLock { state in
            guard !state.closed else { return false }
            guard state.pending + bytes.count <= bufferLimit else {
                // The client is not keeping up: drop it instead of buffering without bound.
                state.failed = true
                state.closed = true
                state.buffer = []
                state.readOffset = 0
                Self.resumeIfSuspended(&state)
                return false
            }
            state.buffer.append(contentsOf: bytes)
            state.activeSinceTick = true
            Self.resumeIfSuspended(&state)
            return true
        }
    }

    /// Queues the UTF-8 bytes of `text`; see `send(_:)`.
    @discardableResult
    public func send(_ text: String) -> Bool { send(Array(text.utf8)) }

    /// Sends the heartbeat bytes now (if the stream has any); false once closed.
    @discardableResult
    public func sendHeartbeat() -> Bool {
        guard let heartbeat else { return isOpen }
        return send(heartbeat)
    }

    /// Ends the body after what is already buffered has been sent. Idempotent.
    public func close() {
        state.withLock { state in
            guard !state.closed else { return }
            state.closed = true
            Self.resumeIfSuspended(&state)
        }
    }

    /// Whether `send` still accepts bytes.
    public var isOpen: Bool { state.withLock { !$0.closed } }

    /// Whether the stream is over for good (its close handlers have run or are running).
    public var isFinished: Bool { state.withLock { $0.finished } }

    /// Registers a handler run once when the stream is over for good; runs at once if it already is.
    public func onClose(_ handler: @escaping @Sendable () -> Void) {
        let runNow = state.withLock { state in
            if state.finished { return true }
            state.closeHandlers.append(handler)
            return false
        }
        if runNow { handler() }
    }

    // MARK: - Server side

    /// Binds the stream to the connection its response was queued on.
    func attach(_ connection: OpaquePointer) {
        let handle = UncheckedPointer(connection)
        state.withLock { $0.connection = handle }
    }

    /// MHD's content reader: copies buffered bytes, or suspends the connection when there are none.
    func read(into destination: UnsafeMutableRawBufferPointer) -> Int {
        let destination = UncheckedPointer(destination)
        return state.withLock { state in
            if state.failed || state.finished { return MHD_CONTENT_READER_END_WITH_ERROR }
            let pending = state.pending
            if pending > 0 {
                let count = min(pending, destination.value.count)
                state.buffer.withUnsafeBytes { source in
                    destination.value.copyMemory(from: UnsafeRawBufferPointer(rebasing: source[state.readOffset..<state.readOffset + count]))
                }
                state.readOffset += count
                if state.readOffset == state.buffer.count {
                    state.buffer.removeAll(keepingCapacity: state.buffer.capacity <= 64 * 1024)
                    state.readOffset = 0
                } else if state.readOffset >= 64 * 1024 {
                    state.buffer.removeFirst(state.readOffset)
                    state.readOffset = 0
                }
                return count
            }
            if state.closed { return MHD_CONTENT_READER_END_OF_STREAM }
            guard let connection = state.connection else { return 0 }
            state.suspended = true
            MHD_suspend_connection(connection.value)
            return 0
        }
    }

    /// MHD released the response (sent, client gone, or daemon stopping): run the close handlers once.
    func finish() {
        let handlers = state.withLock { state -> [@Sendable () -> Void] in
            guard !state.finished else { return [] }
            state.finished = true
            state.closed = true
            state.suspended = false
            state.connection = nil
            state.buffer = []
            state.readOffset = 0
            defer { state.closeHandlers = [] }
            return state.closeHandlers
        }
        for handler in handlers { handler() }
    }

    /// Called by the server's heartbeat timer: sends the heartbeat if nothing was sent since the last tick.
    func heartbeatTick() {
        let quiet = state.withLock { state -> Bool in
            defer { state.activeSinceTick = false }
            return !state.activeSinceTick && !state.closed
        }
        if quiet { sendHeartbeat() }
    }

    private static func resumeIfSuspended(_ state: inout State) {
        guard state.suspended, let connection = state.connection else { return }
        state.suspended = false
        MHD_resume_connection(connection.value)
    }
}
