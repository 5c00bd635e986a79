import Foundation

/// Any JSON document, decoded without Foundation's `Any` (whose NSNumber blurs booleans and numbers on Linux).
enum JSONValue: Decodable, Equatable, CustomStringConvertible {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        // JSONDecoder is strict about kinds (a Bool never decodes from 1), so the order only saves work.
        if c.decodeNil() { self = .null; return }
        if let value = try? c.decode(Bool.self) { self = .bool(value); return }
        if let value = try? c.decode(Double.self) { self = .number(value); return }
        if let value = try? c.decode(String.self) { self = .string(value); return }
        if let value = try? c.decode([JSONValue].self) { self = .array(value); return }
        self = .object(try c.decode([String: JSONValue].self))
    }

    /// Parses a JSON text (objects, arrays or scalars).
    static func parse(_ data: Data) throws -> JSONValue {
        try JSONDecoder().decode(JSONValue.self, from: data)
    }

    /// The member `key` of an object, nil otherwise.
    subscript(key: String) -> JSONValue? {
        if case .object(let members) = self { return members[key] }
        return nil
    }

    /// The members of an object ([:] otherwise).
    var members: [String: JSONValue] {
        if case .object(let members) = self { return members }
        return [:]
    }

    /// The elements of an array ([] otherwise).
    var elements: [JSONValue] {
        if case .array(let elements) = self { return elements }
        return []
    }

    /// The text of a string, nil otherwise.
    var stringValue: String? {
        if case .string(let text) = self { return text }
        return nil
    }

    /// The JSON Schema type names this value satisfies ("integer" values are numbers too).
    var schemaTypes: Set<String> {
        switch self {
        case .null: return ["null"]
        case .bool: return ["boolean"]
        case .number(let n): return n.rounded() == n && n.isFinite ? ["number", "integer"] : ["number"]
        case .string: return ["string"]
        case .array: return ["array"]
        case .object: return ["object"]
        }
    }

    var description: String {
        switch self {
        case .null: return "null"
        case .bool(let b): return "\(b)"
        case .number(let n): return "\(n)"
        case .string(let s): return "\"\(s.prefix(60))\""
        case .array(let a): return "[\(a.count) items]"
        case .object(let o): return "{\(o.keys.sorted().prefix(8).joined(separator: ","))}"
        }
    }
}
