/// An error a handler throws to answer with a specific status and `{"error":{"code","message"}}` body.
///
/// The message is sent to the client as is, so it must name the bad field, not echo secrets.
public struct HTTPError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The status to answer with.
    public var status: HTTPStatus
    /// A stable machine-readable code, e.g. "invalid_parameter".
    public var code: String
    /// A human-readable message safe to show the client.
    public var message: String
    /// Extra headers for the error response (Retry-After, Allow, WWW-Authenticate).
    public var headers: HTTPHeaders

    /// Creates an error answered with `status`.
    public init(_ status: HTTPStatus, code: String, message: String, headers: HTTPHeaders = HTTPHeaders()) {
        self.status = status
        self.code = code
        self.message = message
        self.headers = headers
    }

    /// "status code: message", for logs.
    public var description: String { "\(status) \(code): \(message)" }

    /// 400 with code "bad_request".
    public static func badRequest(_ message: String, code: String = "bad_request") -> HTTPError {
        HTTPError(.badRequest, code: code, message: message)
    }

    /// 404 with code "not_found".
    public static func notFound(_ message: String = "no such resource") -> HTTPError {
        HTTPError(.notFound, code: "not_found", message: message)
    }

    /// The response this error is answered with.
    public var response: HTTPResponse {
        var response = HTTPResponse.error(status, code: code, message: message)
        for field in headers { response.headers.add(field.name, field.value) }
        return response
    }
}

/// Adopted by errors from other modules (e.g. the core's validation errors) that know their HTTP answer,
/// so handlers can throw them directly instead of getting a generic 500.
public protocol HTTPErrorConvertible: Error {
    /// The error to answer with.
    var httpError: HTTPError { get }
}

extension HTTPError: HTTPErrorConvertible {
    /// Itself.
    public var httpError: HTTPError { self }
}
