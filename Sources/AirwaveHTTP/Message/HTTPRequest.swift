/// A fully received HTTP request, handed to handlers on a server pool thread.
public struct HTTPRequest: Sendable {
    /// The method, e.g. GET.
    public var method: HTTPMethod
    /// The path exactly as received (still percent-encoded), without the query string.
    public var rawPath: String
    /// The path split on "/" with each segment percent-decoded; "/" gives [], "/a/b" gives ["a", "b"].
    public var pathSegments: [String]
    /// Query parameters in order, decoded ("+" is a space); repeated names are kept.
    public var query: [(name: String, value: String)]
    /// Request header fields.
    public var headers: HTTPHeaders
    /// The request body (empty when none was sent).
    public var body: [UInt8]
    /// The client's numeric address ("127.0.0.1", "::1") when known.
    public var remoteAddress: String?
    /// The route pattern that matched, e.g. "/stations/{id}"; set by `Router`, nil when nothing matched.
    public var route: String?
    /// Path parameters captured by the matching route; set by `Router`.
    public var parameters: PathParameters

    /// Creates a request; the server builds these, tests may too.
    public init(
        method: HTTPMethod, rawPath: String, pathSegments: [String], query: [(name: String, value: String)] = [],
        headers: HTTPHeaders = HTTPHeaders(), body: [UInt8] = [], remoteAddress: String? = nil
    ) {
        self.method = method
        self.rawPath = rawPath
        self.pathSegments = pathSegments
        self.query = query
        self.headers = headers
        self.body = body
        self.remoteAddress = remoteAddress
        self.route = nil
        self.parameters = PathParameters()
    }

    /// Builds a request from a path and query as sent on the wire ("/a%2Fb?x=1"); throws 400 on bad encoding.
    public init(method: HTTPMethod, target: String, headers: HTTPHeaders = HTTPHeaders(), body: [UInt8] = []) throws {
        let parts = target.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)
        let path = String(parts[0])
        var query: [(name: String, value: String)] = []
        if parts.count == 2 {
            for pair in parts[1].split(separator: "&") {
                let kv = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
                let name = Self.plusAsSpace(kv[0])
                let value = kv.count == 2 ? Self.plusAsSpace(kv[1]) : []
                guard let n = PercentDecoding.decode(name), let v = PercentDecoding.decode(value) else {
                    throw HTTPError.badRequest("query parameter has invalid percent-encoding", code: "invalid_query")
                }
                query.append((n, v))
            }
        }
        self.init(method: method, rawPath: path, pathSegments: try Self.segments(of: path), query: query,
                  headers: headers, body: body)
    }

    /// The first value of query parameter `name`.
    public func queryValue(_ name: String) -> String? {
        query.first { $0.name == name }?.value
    }

    /// Every value of query parameter `name`, in order.
    public func queryValues(_ name: String) -> [String] {
        query.filter { $0.name == name }.map(\.value)
    }

    /// Query parameter `name` converted to `T`; nil when absent, 400 naming the parameter when malformed.
    public func queryValue<T: LosslessStringConvertible>(_ name: String, as type: T.Type) throws -> T? {
        guard let text = queryValue(name) else { return nil }
        guard let value = T(text) else {
            throw HTTPError.badRequest("query parameter '\(name)' must be \(T.self)", code: "invalid_query")
        }
        return value
    }

    /// Splits a raw path into percent-decoded segments; 400 when it does not start with "/" or an escape is bad.
    static func segments(of rawPath: String) throws -> [String] {
        guard rawPath.hasPrefix("/") else {
            throw HTTPError.badRequest("request target must be an absolute path", code: "invalid_path")
        }
        if rawPath == "/" { return [] }
        return try rawPath.dropFirst().split(separator: "/", omittingEmptySubsequences: false).map { raw in
            guard let segment = PercentDecoding.decode(raw) else {
                throw HTTPError.badRequest("path has invalid percent-encoding or UTF-8", code: "invalid_path")
            }
            return segment
        }
    }

    private static func plusAsSpace(_ text: Substring) -> [UInt8] {
        text.utf8.map { $0 == UInt8(ascii: "+") ? UInt8(ascii: " ") : $0 }
    }
}
