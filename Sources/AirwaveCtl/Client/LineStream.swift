import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Synchronization

/// One streaming GET whose body is read line by line as it arrives (JSON Lines).
///
/// URLSession calls the delegate on its own queue; events go into a locked queue that the caller
/// drains with ``next(timeout:)``.
final class LineStream: NSObject, URLSessionDataDelegate, @unchecked Sendable {
    /// What the stream produced.
    enum Event: Equatable {
        /// The response head arrived with this status.
        case status(Int)
        /// One complete line, without its newline.
        case line(String)
        /// The stream ended: nil error for a clean end, else why.
        case end(String?)
    }

    private struct State {
        var events: [Event] = []
        var partial = Data()
        var status = 0
        /// Body of a non-2xx reply (an error document, not lines).
        var errorBody = Data()
    }

    // Invariant: `state` is only touched under its lock; `available` counts events in `state.events`.
    private let state = Mutex(State())
    private let available = DispatchSemaphore(value: 0)
    private var session: URLSession?
    private var task: URLSessionDataTask?

    /// Starts the request; the idle timeout covers the gap between chunks (the daemon sends heartbeats).
    func start(_ request: URLRequest, idleTimeout: TimeInterval) {
        let configuration = URLSessionConfiguration.ephemeral
        configuration.timeoutIntervalForRequest = idleTimeout
        configuration.timeoutIntervalForResource = .infinity
        let queue = OperationQueue()
        queue.maxConcurrentOperationCount = 1
        let session = URLSession(configuration: configuration, delegate: self, delegateQueue: queue)
        self.session = session
        let task = session.dataTask(with: request)
        self.task = task
        task.resume()
    }

    /// Cancels the request and releases the session.
    func cancel() {
        task?.cancel()
        session?.invalidateAndCancel()
    }

    /// The next event, or nil when none arrived within `timeout` seconds.
    func next(timeout: TimeInterval) -> Event? {
        guard available.wait(timeout: .now() + timeout) == .success else { return nil }
        return state.withLock { $0.events.removeFirst() }
    }

    /// The body of a non-2xx reply, once the stream has ended.
    var errorBody: Data { state.withLock { $0.errorBody } }

    private func push(_ events: [Event]) {
        guard !events.isEmpty else { return }
        state.withLock { $0.events.append(contentsOf: events) }
        for _ in events { available.signal() }
    }

    func urlSession(_ session: URLSession, dataTask: URLSessionDataTask, didReceive response: URLResponse,
                    completionHandler: @escaping (URLSession.ResponseDisposition) -> Void) {
        let status = (response as? HTTPURLResponse)?.statusCode ?? 0
        state.withLock { $0.status = status }
        push([.status(status)])
        completionHandler(.allow)
    }

    func urlSession(_ session: URLSession, dataTask: URLSessionDataTask, didReceive data: Data) {
        let lines: [Event] = state.withLock { s in
            guard (200..<300).contains(s.status) else {
                s.errorBody.append(data)
                return []
            }
            s.partial.append(data)
            var out: [Event] = []
            while let newline = s.partial.firstIndex(of: UInt8(ascii: "\n")) {
                let line = s.partial[s.partial.startIndex..<newline]
                out.append(.line(String(decoding: line, as: UTF8.self)))
                s.partial = Data(s.partial[s.partial.index(after: newline)...])
            }
            return out
        }
        push(lines)
    }

    func urlSession(_ session: URLSession, task: URLSessionTask, didCompleteWithError error: (any Error)?) {
        // A partial last line is dropped: the daemon only sends whole lines, so it means a cut connection.
        push([.end(error.map(APIClient.describe))])
        session.finishTasksAndInvalidate()
    }
}
