import Foundation

extension ValidationError {
    /// Converts a decoder error into a field-naming validation error (`dayparts[1].energy: expected a number`).
    public init(decoding error: DecodingError) {
        func path(_ keys: [any CodingKey]) -> String {
            var out = ""
            for key in keys {
                if let i = key.intValue {
                    out += "[\(i)]"
                } else {
                    out += out.isEmpty ? key.stringValue : "." + key.stringValue
                }
            }
            return out.isEmpty ? "body" : out
        }
        switch error {
        case .keyNotFound(let key, let context):
            let parent = path(context.codingPath)
            self.init(field: parent == "body" ? key.stringValue : parent + "." + key.stringValue, "is required")
        case .typeMismatch(let type, let context):
            self.init(field: path(context.codingPath), "has the wrong type (expected \(Self.plain(type)))")
        case .valueNotFound(let type, let context):
            self.init(field: path(context.codingPath), "must not be null (expected \(Self.plain(type)))")
        case .dataCorrupted(let context):
            self.init(field: path(context.codingPath), "is not valid JSON here")
        @unknown default:
            self.init(field: "body", "could not be decoded")
        }
    }

    private static func plain(_ type: Any.Type) -> String {
        switch type {
        case is Double.Type, is Int.Type: return "a number"
        case is String.Type: return "a string"
        case is Bool.Type: return "true or false"
        default: return "\(type)".contains("Dictionary") ? "an object" : "\(type)".contains("Array") ? "an array" : "\(type)"
        }
    }
}
