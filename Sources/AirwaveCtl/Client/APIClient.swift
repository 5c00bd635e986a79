import AirwaveAPI
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Synchronization

/// A synchronous client for the daemon's HTTP API: one request, one reply, errors mapped to ``CtlError``.
public struct APIClient: Sendable {
    /// The daemon's base URL without a trailing slash, e.g. `http://127.0.0.1:8750`.
    public let baseURL: String
    /// Operator token sent as `Authorization: Bearer`.
    public let token: String?
    /// Seconds before a request gives up.
    public let timeout: TimeInterval

    /// A raw reply.
    public struct Reply: Sendable {
        public var status: Int
        public var body: Data
    }

    /// Creates a client.
    public init(baseURL: String, token: String?, timeout: TimeInterval = 30) {
        var base = baseURL
        while base.hasSuffix("/") { base.removeLast() }
        self.baseURL = base
        self.token = token
        self.timeout = timeout
    }

    /// The URL for `path` (already percent-encoded) and `query`.
    public func url(_ path: String, query: [(String, String?)] = []) throws(CtlError) -> URL {
        guard var components = URLComponents(string: baseURL + path) else {
            throw .usage("--url must be an http URL such as http://127.0.0.1:8750 (got \(baseURL))")
        }
        let items = query.compactMap { name, value in value.map { URLQueryItem(name: name, value: $0) } }
        if !items.isEmpty { components.queryItems = items }
        // '+' in a query value would read as a space on the server.
        components.percentEncodedQuery = components.percentEncodedQuery?.replacingOccurrences(of: "+", with: "%2B")
        guard let url = components.url, url.scheme == "http" || url.scheme == "https" else {
            throw .usage("--url must be an http URL such as http://127.0.0.1:8750 (got \(baseURL))")
        }
        return url
    }

    /// A request with the auth header set.
    func request(_ method: String, _ url: URL, body: Data? = nil) -> URLRequest {
        var request = URLRequest(url: url)
        request.httpMethod = method
        request.timeoutInterval = timeout
        request.httpBody = body
        if body != nil { request.setValue("application/json", forHTTPHeaderField: "Content-Type") }
        if let token { request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization") }
        return request
    }

    /// Sends one request and waits; a non-2xx reply becomes ``CtlError/daemon(status:code:message:)``.
    public func send(_ method: String, _ path: String, query: [(String, String?)] = [], body: Data? = nil) throws(CtlError) -> Reply {
        let request = request(method, try url(path, query: query), body: body)
        let box = Mutex<(Data?, HTTPURLResponse?, (any Error)?)>((nil, nil, nil))
        let done = DispatchSemaphore(value: 0)
        let configuration = URLSessionConfiguration.ephemeral
        configuration.timeoutIntervalForRequest = timeout
        let session = URLSession(configuration: configuration)
        session.dataTask(with: request) { data, response, error in
            box.withLock { $0 = (data, response as? HTTPURLResponse, error) }
            done.signal()
        }.resume()
        done.wait()
        session.finishTasksAndInvalidate()
        let (data, response, error) = box.withLock { $0 }
        if let error { throw .unreachable(url: baseURL, reason: Self.describe(error)) }
        guard let response else { throw .unreachable(url: baseURL, reason: "no HTTP response") }
        let reply = Reply(status: response.statusCode, body: data ?? Data())
        guard (200..<300).contains(reply.status) else { throw Self.daemonError(reply) }
        return reply
    }

    /// Sends and decodes a JSON reply into `T`.
    public func get<T: Decodable>(_ type: T.Type, _ path: String, query: [(String, String?)] = []) throws(CtlError) -> T {
        try decode(T.self, send("GET", path, query: query))
    }

    /// Encodes `value`, sends it and decodes the reply into `T`.
    public func send<T: Decodable, B: Encodable>(_ method: String, _ path: String, json value: B, as type: T.Type) throws(CtlError) -> T {
        let body: Data
        do { body = try APIJSON.encoder().encode(value) } catch { throw .failed("could not encode the request: \(error)") }
        return try decode(T.self, send(method, path, body: body))
    }

    /// Decodes a reply body.
    public func decode<T: Decodable>(_ type: T.Type, _ reply: Reply) throws(CtlError) -> T {
        do {
            return try APIJSON.decoder().decode(T.self, from: reply.body)
        } catch {
            throw .failed("unexpected reply from the daemon (\(T.self)): \(error)")
        }
    }

    /// The daemon's `{"error": {...}}` as a ``CtlError``, or the status alone when the body is not one.
    static func daemonError(_ reply: Reply) -> CtlError {
        if let body = try? APIJSON.decoder().decode(ErrorBody.self, from: reply.body) {
            return .daemon(status: reply.status, code: body.error.code, message: body.error.message)
        }
        let text = String(decoding: reply.body.prefix(200), as: UTF8.self)
        return .daemon(status: reply.status, code: "http_\(reply.status)", message: text.isEmpty ? "HTTP \(reply.status)" : text)
    }

    /// A short reason for a transport failure.
    static func describe(_ error: any Error) -> String {
        if let error = error as? URLError {
            switch error.code {
            case .cannotConnectToHost: return "connection refused"
            case .timedOut: return "timed out"
            case .cannotFindHost: return "unknown host"
            case .networkConnectionLost: return "connection lost"
            default: return error.localizedDescription
            }
        }
        return "\(error)"
    }
}

extension String {
    /// This string as one percent-encoded path segment ("AC/DC" → "AC%2FDC").
    var pathSegment: String {
        var allowed = CharacterSet.urlPathAllowed
        allowed.remove(charactersIn: "/?#%")
        return addingPercentEncoding(withAllowedCharacters: allowed) ?? self
    }
}
