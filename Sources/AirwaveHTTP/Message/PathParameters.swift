/// Values captured by `{name}` segments of a route pattern, already percent-decoded.
public struct PathParameters: Sendable, Equatable {
    /// Captured name → value pairs.
    public private(set) var values: [String: String] = [:]

    /// Creates an empty set.
    public init(_ values: [String: String] = [:]) { self.values = values }

    /// The raw captured value for `name`.
    public subscript(_ name: String) -> String? { values[name] }

    /// The value for `name`; a 400 naming the parameter when the route did not capture it.
    public func require(_ name: String) throws -> String {
        guard let value = values[name] else {
            throw HTTPError.badRequest("missing path parameter '\(name)'", code: "invalid_parameter")
        }
        return value
    }

    /// The value for `name` converted to `T`; 400 naming the parameter when it does not convert.
    public func require<T: LosslessStringConvertible>(_ name: String, as type: T.Type) throws -> T {
        guard let value = T(try require(name)) else {
            throw HTTPError.badRequest("path parameter '\(name)' must be \(T.self)", code: "invalid_parameter")
        }
        return value
    }

    mutating func set(_ name: String, _ value: String) { values[name] = value }
}
