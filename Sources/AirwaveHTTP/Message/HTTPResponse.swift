import JSONText

/// What a handler answers: a status, header fields and either bytes or a live stream.
public struct HTTPResponse: Sendable {
    /// The body of a response.
    public enum Body: Sendable {
        /// A complete body, sent with Content-Length.
        case bytes([UInt8])
        /// A body produced over time, sent with chunked encoding until the stream closes.
        case stream(HTTPStream)
        /// Not a body yet: the whole response is made when the deferred response completes.
        case deferred(DeferredResponse)
    }

    /// The status code.
    public var status: HTTPStatus
    /// Header fields (Content-Type, Retry-After, Allow, Set-Cookie, …); Content-Length is added by the server.
    public var headers: HTTPHeaders
    /// The body.
    public var body: Body

    /// Creates a response.
    public init(status: HTTPStatus = .ok, headers: HTTPHeaders = HTTPHeaders(), body: Body = .bytes([])) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    /// Creates a response with a byte body.
    public init(status: HTTPStatus = .ok, headers: HTTPHeaders = HTTPHeaders(), bytes: [UInt8]) {
        self.init(status: status, headers: headers, body: .bytes(bytes))
    }

    /// The body bytes, or [] for a stream.
    public var bodyBytes: [UInt8] {
        if case .bytes(let bytes) = body { return bytes }
        return []
    }

    /// A response made later: the connection waits, holding no server thread, until `deferred` completes.
    public static func deferred(_ deferred: DeferredResponse) -> HTTPResponse {
        HTTPResponse(status: .accepted, body: .deferred(deferred))
    }

    /// A `text/plain; charset=utf-8` response.
    public static func text(_ text: String, status: HTTPStatus = .ok) -> HTTPResponse {
        HTTPResponse(status: status, headers: ["Content-Type": "text/plain; charset=utf-8"], bytes: Array(text.utf8))
    }

    /// An empty response, e.g. 204.
    public static func empty(_ status: HTTPStatus = .noContent) -> HTTPResponse {
        HTTPResponse(status: status)
    }

    /// `{"error":{"code":…,"message":…}}` as application/json.
    public static func error(_ status: HTTPStatus, code: String, message: String) -> HTTPResponse {
        let text = "{\"error\":{\"code\":\(JSONText.quote(code)),\"message\":\(JSONText.quote(message))}}"
        return HTTPResponse(status: status, headers: ["Content-Type": "application/json"], bytes: Array(text.utf8))
    }

    /// A chunked streaming response; `contentType` e.g. "application/x-ndjson" or "text/event-stream".
    public static func stream(_ stream: HTTPStream, contentType: String, status: HTTPStatus = .ok) -> HTTPResponse {
        // No caching or proxy buffering: a follower wants each chunk as soon as it is written.
        HTTPResponse(status: status, headers: ["Content-Type": contentType, "Cache-Control": "no-cache",
                                               "X-Accel-Buffering": "no"], body: .stream(stream))
    }

    /// A Server-Sent Events stream (the caller formats `id:`/`data:` lines and blank-line separators).
    public static func eventStream(_ stream: HTTPStream) -> HTTPResponse {
        .stream(stream, contentType: "text/event-stream")
    }

    /// A JSON Lines stream (the caller writes one JSON document per line).
    public static func jsonLines(_ stream: HTTPStream) -> HTTPResponse {
        .stream(stream, contentType: "application/x-ndjson")
    }

    /// Returns a copy with one more header field.
    public func adding(_ name: String, _ value: String) -> HTTPResponse {
        var copy = self
        copy.headers.add(name, value)
        return copy
    }

    /// The generic 500 answer: never the error's text, which may carry user data.
    static let internalError = HTTPResponse.error(.internalServerError, code: "internal_error",
                                                  message: "internal server error")
}
