/// A route path such as `/stations/{id}/listeners/{user_id}/queue`: literal segments and `{name}` captures.
public struct RoutePattern: Sendable, Hashable, CustomStringConvertible {
    /// One segment of a pattern.
    public enum Segment: Sendable, Hashable {
        /// Must equal the (decoded) request segment.
        case literal(String)
        /// Matches any one segment, captured under this name.
        case parameter(String)
    }

    /// The pattern as written; this is the route name used for metrics.
    public let text: String
    /// The parsed segments.
    public let segments: [Segment]

    /// Parses a pattern; it must start with "/" and capture names must be non-empty and unique.
    public init(_ text: String) throws {
        guard text.hasPrefix("/") else {
            throw HTTPServerError(code: "invalid_route", message: "route pattern must start with '/'")
        }
        var names = Set<String>()
        let parts = text == "/" ? [] : text.dropFirst().split(separator: "/", omittingEmptySubsequences: false)
        segments = try parts.map { part in
            guard part.hasPrefix("{"), part.hasSuffix("}") else { return .literal(String(part)) }
            let name = String(part.dropFirst().dropLast())
            guard !name.isEmpty, names.insert(name).inserted else {
                throw HTTPServerError(code: "invalid_route", message: "route capture names must be non-empty and unique")
            }
            return .parameter(name)
        }
        self.text = text
    }

    /// The pattern as written.
    public var description: String { text }

    /// The captures when `pathSegments` fit this pattern, else nil.
    func match(_ pathSegments: [String]) -> PathParameters? {
        guard pathSegments.count == segments.count else { return nil }
        var parameters = PathParameters()
        for (segment, value) in zip(segments, pathSegments) {
            switch segment {
            case .literal(let literal): if literal != value { return nil }
            case .parameter(let name): parameters.set(name, value)
            }
        }
        return parameters
    }

    /// The segments with capture names erased: two patterns with the same shape match the same paths.
    var shape: [String?] {
        segments.map { if case .literal(let text) = $0 { text } else { nil } }
    }

    /// Literal segments win over captures, leftmost first: `/stations/new` beats `/stations/{id}`.
    func isMoreSpecific(than other: RoutePattern) -> Bool {
        for (mine, theirs) in zip(segments, other.segments) {
            switch (mine, theirs) {
            case (.literal, .parameter): return true
            case (.parameter, .literal): return false
            default: continue
            }
        }
        return false
    }
}
