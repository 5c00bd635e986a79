import AirwaveHTTP
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Synchronization

/// Collects log lines for assertions.
final class LogSink: Sendable {
    private let lines = Mutex<[String]>([])
    var all: [String] { lines.withLock { $0 } }
    var logger: HTTPServer.Logger { { [self] line in lines.withLock { $0.append(line) } } }
}

/// A server on an ephemeral loopback port, stopped by the test.
func startServer(
    _ configure: (inout HTTPServer.Configuration) -> Void = { _ in },
    logs: LogSink = LogSink(),
    handler: @escaping HTTPHandler
) throws -> HTTPServer {
    var configuration = HTTPServer.Configuration(host: "127.0.0.1", port: 0, threadPoolSize: 2, logger: logs.logger)
    configure(&configuration)
    let server = HTTPServer(configuration: configuration, handler: handler)
    try server.start()
    return server
}

/// A URLSession that does not share connections or caches between tests.
func makeSession() -> URLSession {
    let configuration = URLSessionConfiguration.ephemeral
    configuration.timeoutIntervalForRequest = 10
    return URLSession(configuration: configuration)
}

/// Sends one request with URLSession and returns the status, body and headers.
func fetch(
    _ server: HTTPServer, _ target: String, method: String = "GET", body: Data? = nil,
    headers: [String: String] = [:], session: URLSession? = nil
) async throws -> (status: Int, body: String, headers: [AnyHashable: Any]) {
    guard let url = URL(string: "http://127.0.0.1:\(server.port)\(target)") else { throw ClientError("bad url \(target)") }
    var request = URLRequest(url: url)
    request.httpMethod = method
    request.httpBody = body
    for (name, value) in headers { request.setValue(value, forHTTPHeaderField: name) }
    let session = session ?? makeSession()
    let (data, response) = try await session.data(for: request)
    guard let http = response as? HTTPURLResponse else { throw ClientError("not an HTTP response") }
    return (http.statusCode, String(decoding: data, as: UTF8.self), http.allHeaderFields)
}

/// Waits (polling, bounded) until `condition` holds; false on timeout. For "does not hang" checks only.
func eventually(within seconds: Double = 5, _ condition: () -> Bool) -> Bool {
    let deadline = Date().addingTimeInterval(seconds)
    while Date() < deadline {
        if condition() { return true }
        usleep(10_000)
    }
    return condition()
}

/// A flag set from another thread.
final class Flag: Sendable {
    private let value = Mutex(false)
    func set() { value.withLock { $0 = true } }
    var isSet: Bool { value.withLock { $0 } }
}
