import Foundation

/// `docs/openapi.json` as the conformance tests read it: its operations and their response schemas.
struct OpenAPIDocument {
    /// The repository's `docs/openapi.json`, found from this file's location.
    static let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("docs/openapi.json")

    /// HTTP methods an OpenAPI path item may hold, in the spelling the document uses.
    static let methods = ["get", "put", "post", "delete", "options", "head", "patch", "trace"]

    /// The parsed document.
    let root: JSONValue

    /// Loads and parses the repository's document.
    static func load() throws -> OpenAPIDocument {
        OpenAPIDocument(root: try JSONValue.parse(try Data(contentsOf: url)))
    }

    /// A checker whose `$ref`s resolve against this document.
    var checker: SchemaChecker { SchemaChecker(document: root) }

    /// Every operation as "METHOD /path/{template}", e.g. "GET /stations/{id}".
    var operations: Set<String> {
        var out = Set<String>()
        for (path, item) in root["paths"]?.members ?? [:] {
            for method in Self.methods where item[method] != nil { out.insert("\(method.uppercased()) \(path)") }
        }
        return out
    }

    /// The operation object for `method` and the path template `path`.
    func operation(_ method: String, _ path: String) -> JSONValue? {
        root["paths"]?[path]?[method.lowercased()]
    }

    /// The documented status codes of an operation ("200", "404", …).
    func statuses(_ method: String, _ path: String) -> Set<String> {
        Set((operation(method, path)?["responses"]?.members ?? [:]).keys)
    }

    /// The schema documented for `status` with `contentType`, following a `$ref` to components/responses.
    func responseSchema(_ method: String, _ path: String, status: Int, contentType: String = "application/json") -> JSONValue? {
        guard var response = operation(method, path)?["responses"]?["\(status)"] else { return nil }
        if let reference = response["$ref"]?.stringValue {
            guard let target = checker.resolve(reference) else { return nil }
            response = target
        }
        return response["content"]?[contentType]?["schema"]
    }

    /// Every `$ref` string anywhere in the document.
    var references: [String] {
        var out: [String] = []
        func walk(_ node: JSONValue) {
            switch node {
            case .object(let members):
                if let reference = members["$ref"]?.stringValue { out.append(reference) }
                members.values.forEach(walk)
            case .array(let elements): elements.forEach(walk)
            default: break
            }
        }
        walk(root)
        return out
    }
}
