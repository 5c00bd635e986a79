/// How adventurous a listener's playlists are: a fixed share in [0, 1], or `auto` (by experience).
public enum DiscoveryFactor: Sendable, Hashable, Codable, CustomStringConvertible {
    case fixed(Double)
    /// Fewer than 50 interactions → 0.3, more than 500 → 0.1, otherwise 0.2.
    case auto

    /// Creates a fixed factor after checking it lies in [0, 1].
    public static func validated(_ value: Double, field: String = "discovery_factor") throws(ValidationError) -> DiscoveryFactor {
        try Validate.unit(value, field: field)
        return .fixed(value)
    }

    /// The share of discovery picks for a listener with `interactions` interactions.
    public func resolved(interactions: Int) -> Double {
        switch self {
        case .fixed(let value): return value
        case .auto:
            if interactions < 50 { return 0.3 }
            if interactions > 500 { return 0.1 }
            return 0.2
        }
    }

    public var description: String {
        switch self {
        case .fixed(let value): return "\(value)"
        case .auto: return "auto"
        }
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        if let text = try? c.decode(String.self) {
            guard text == "auto" else {
                throw ValidationError(field: "discovery_factor", "must be a number between 0 and 1 or \"auto\" (got \"\(text.prefix(40))\")")
            }
            self = .auto
        } else {
            self = try DiscoveryFactor.validated(try c.decode(Double.self))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        switch self {
        case .fixed(let value): try c.encode(value)
        case .auto: try c.encode("auto")
        }
    }
}
