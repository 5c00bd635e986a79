import Foundation

/// A small JSON Schema (2020-12 subset, as OpenAPI 3.1 uses it) checker for conformance tests.
///
/// Supports `$ref` into the same document, `type` (a name or an array of names, so `["string","null"]`
/// expresses nullable), `enum`, `const`, `required`, `properties`, `additionalProperties` (false or a
/// schema), `items`, `minItems`/`maxItems`, `anyOf`/`oneOf`/`allOf`, `minimum`/`maximum`/
/// `exclusiveMinimum`/`exclusiveMaximum`, `minLength`/`maxLength` and `pattern`. Keywords it does not
/// know are ignored, so it can only be too lenient, never reject a valid body by mistake.
struct SchemaChecker {
    /// The document `$ref`s resolve against (the whole OpenAPI file).
    let document: JSONValue

    /// Every violation of `schema` by `value`, each as "path: problem"; empty when the value conforms.
    func violations(of value: JSONValue, against schema: JSONValue, at path: String = "$") -> [String] {
        var found: [String] = []
        check(value, schema, path, &found, depth: 0)
        return found
    }

    /// Resolves a local reference such as `#/components/schemas/Track` (JSON Pointer, `~0`/`~1` escapes).
    func resolve(_ reference: String) -> JSONValue? {
        guard reference.hasPrefix("#") else { return nil }
        var node = document
        for raw in reference.dropFirst().split(separator: "/", omittingEmptySubsequences: true) {
            let key = raw.replacingOccurrences(of: "~1", with: "/").replacingOccurrences(of: "~0", with: "~")
            guard let next = node[key] else { return nil }
            node = next
        }
        return node
    }

    private func check(_ value: JSONValue, _ schema: JSONValue, _ path: String, _ found: inout [String], depth: Int) {
        guard depth < 64 else { found.append("\(path): schema nesting too deep (a $ref cycle?)"); return }
        if case .bool(let allowed) = schema {
            if !allowed { found.append("\(path): no value is allowed here") }
            return
        }
        let s = schema.members
        if let reference = s["$ref"]?.stringValue {
            guard let target = resolve(reference) else { found.append("\(path): unresolvable $ref \(reference)"); return }
            check(value, target, path, &found, depth: depth + 1)
        }
        if let type = s["type"] {
            let allowed = Set(type.stringValue.map { [$0] } ?? type.elements.compactMap(\.stringValue))
            if allowed.isDisjoint(with: value.schemaTypes) {
                found.append("\(path): expected \(allowed.sorted().joined(separator: " or ")), got \(value)")
                return
            }
        }
        if let options = s["enum"], !options.elements.contains(value) {
            found.append("\(path): \(value) is not one of \(options.elements.map(\.description).joined(separator: ", "))")
        }
        if let constant = s["const"], constant != value { found.append("\(path): expected \(constant), got \(value)") }
        checkCombinators(value, s, path, &found, depth: depth)
        switch value {
        case .object(let members): checkObject(members, s, path, &found, depth: depth)
        case .array(let elements): checkArray(elements, s, path, &found, depth: depth)
        case .number(let number): checkNumber(number, s, path, &found)
        case .string(let text): checkString(text, s, path, &found)
        case .null, .bool: break
        }
    }

    private func checkCombinators(_ value: JSONValue, _ s: [String: JSONValue], _ path: String, _ found: inout [String], depth: Int) {
        for part in s["allOf"]?.elements ?? [] { check(value, part, path, &found, depth: depth + 1) }
        if let options = s["anyOf"]?.elements {
            let passing = options.filter { violations(of: value, against: $0, at: path).isEmpty }.count
            if passing == 0 { found.append("\(path): \(value) matches none of anyOf") }
        }
        if let options = s["oneOf"]?.elements {
            let passing = options.filter { violations(of: value, against: $0, at: path).isEmpty }.count
            if passing != 1 { found.append("\(path): \(value) matches \(passing) of oneOf (exactly 1 required)") }
        }
    }

    private func checkObject(_ members: [String: JSONValue], _ s: [String: JSONValue], _ path: String, _ found: inout [String], depth: Int) {
        for case .string(let name) in s["required"]?.elements ?? [] where members[name] == nil {
            found.append("\(path): missing required property '\(name)'")
        }
        let properties = s["properties"]?.members ?? [:]
        for (name, member) in members.sorted(by: { $0.key < $1.key }) {
            if let propertySchema = properties[name] {
                check(member, propertySchema, "\(path).\(name)", &found, depth: depth + 1)
            } else if case .bool(false)? = s["additionalProperties"] {
                found.append("\(path): unexpected property '\(name)'")
            } else if let extra = s["additionalProperties"] {
                check(member, extra, "\(path).\(name)", &found, depth: depth + 1)
            }
        }
    }

    private func checkArray(_ elements: [JSONValue], _ s: [String: JSONValue], _ path: String, _ found: inout [String], depth: Int) {
        if case .number(let least)? = s["minItems"], Double(elements.count) < least {
            found.append("\(path): \(elements.count) items, at least \(Int(least)) required")
        }
        if case .number(let most)? = s["maxItems"], Double(elements.count) > most {
            found.append("\(path): \(elements.count) items, at most \(Int(most)) allowed")
        }
        if let items = s["items"] {
            for (i, element) in elements.enumerated() { check(element, items, "\(path)[\(i)]", &found, depth: depth + 1) }
        }
    }

    private func checkNumber(_ number: Double, _ s: [String: JSONValue], _ path: String, _ found: inout [String]) {
        if case .number(let bound)? = s["minimum"], number < bound { found.append("\(path): \(number) < minimum \(bound)") }
        if case .number(let bound)? = s["maximum"], number > bound { found.append("\(path): \(number) > maximum \(bound)") }
        if case .number(let bound)? = s["exclusiveMinimum"], number <= bound { found.append("\(path): \(number) <= exclusiveMinimum \(bound)") }
        if case .number(let bound)? = s["exclusiveMaximum"], number >= bound { found.append("\(path): \(number) >= exclusiveMaximum \(bound)") }
    }

    private func checkString(_ text: String, _ s: [String: JSONValue], _ path: String, _ found: inout [String]) {
        let length = text.unicodeScalars.count
        if case .number(let least)? = s["minLength"], Double(length) < least { found.append("\(path): shorter than \(Int(least))") }
        if case .number(let most)? = s["maxLength"], Double(length) > most { found.append("\(path): longer than \(Int(most))") }
        if let pattern = s["pattern"]?.stringValue {
            guard let regex = try? NSRegularExpression(pattern: pattern) else {
                found.append("\(path): the schema's pattern \(pattern) does not compile")
                return
            }
            let range = NSRange(text.startIndex..., in: text)
            if regex.firstMatch(in: text, range: range) == nil {
                found.append("\(path): \"\(text.prefix(60))\" does not match \(pattern)")
            }
        }
    }
}
