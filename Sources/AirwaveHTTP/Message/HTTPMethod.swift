/// An HTTP request method such as GET or POST, compared case-sensitively as RFC 9110 requires.
public struct HTTPMethod: RawRepresentable, Hashable, Sendable, ExpressibleByStringLiteral, CustomStringConvertible {
    /// The method token as sent on the wire.
    public let rawValue: String

    /// Wraps a method token.
    public init(rawValue: String) { self.rawValue = rawValue }
    /// Wraps a method token written as a literal.
    public init(stringLiteral value: String) { self.rawValue = value }

    /// The method token.
    public var description: String { rawValue }

    /// GET.
    public static let get: HTTPMethod = "GET"
    /// HEAD (the router answers it with the GET route; MHD drops the body).
    public static let head: HTTPMethod = "HEAD"
    /// POST.
    public static let post: HTTPMethod = "POST"
    /// PUT.
    public static let put: HTTPMethod = "PUT"
    /// PATCH.
    public static let patch: HTTPMethod = "PATCH"
    /// DELETE.
    public static let delete: HTTPMethod = "DELETE"
    /// OPTIONS.
    public static let options: HTTPMethod = "OPTIONS"
}
