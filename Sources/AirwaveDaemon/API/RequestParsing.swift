import AirwaveAPI
import AirwaveCore
import AirwaveHTTP
import Foundation

/// Strict parsing of request bodies and query parameters: every failure names the field.
enum RequestParsing {
    /// Decodes a JSON object body into `T` after checking it has no keys outside `allowed`.
    static func body<T: Decodable>(_ request: HTTPRequest, as type: T.Type, allowed: Set<String>) throws -> T {
        guard !request.body.isEmpty else { throw HTTPError.badRequest("body must be a JSON object", code: "invalid_json") }
        let object: Any
        do {
            object = try JSONSerialization.jsonObject(with: Data(request.body), options: [.fragmentsAllowed])
        } catch {
            throw HTTPError.badRequest("body is not valid JSON", code: "invalid_json")
        }
        guard let dictionary = object as? [String: Any] else {
            throw HTTPError.badRequest("body must be a JSON object", code: "invalid_json")
        }
        if let unknown = dictionary.keys.sorted().first(where: { !allowed.contains($0) }) {
            throw HTTPError.badRequest("unknown field '\(unknown.prefix(64))' (allowed: \(allowed.sorted().joined(separator: ", ")))", code: "unknown_field")
        }
        return try request.decode(T.self, decoder: APIJSON.decoder())
    }

    /// An integer query parameter within `range`, or `defaultValue` when absent.
    static func int(_ request: HTTPRequest, _ name: String, default defaultValue: Int, range: ClosedRange<Int>) throws -> Int {
        guard let text = request.queryValue(name) else { return defaultValue }
        guard let value = Int(text), range.contains(value) else {
            throw HTTPError.badRequest("\(name) must be an integer between \(range.lowerBound) and \(range.upperBound)", code: "invalid_parameter")
        }
        return value
    }

    /// A number query parameter in [0, 1], or nil when absent.
    static func unit(_ request: HTTPRequest, _ name: String) throws -> Double? {
        guard let text = request.queryValue(name) else { return nil }
        guard let value = Double(text), value.isFinite, value >= 0, value <= 1 else {
            throw HTTPError.badRequest("\(name) must be a number between 0 and 1", code: "invalid_parameter")
        }
        return value
    }

    /// An ISO 8601 time with an offset or `Z`, or nil when absent; a bare local time is a 400 (DECISIONS 4).
    static func time(_ request: HTTPRequest, _ name: String) throws -> Date? {
        guard let text = request.queryValue(name) else { return nil }
        guard let date = APIJSON.parseTimestamp(text) else {
            throw HTTPError.badRequest("\(name) must be an ISO 8601 time with an offset or Z, e.g. 2026-11-23T18:30:00Z", code: "invalid_parameter")
        }
        return date
    }

    /// A boolean query parameter (`true`/`false`/`1`/`0`), default false.
    static func flag(_ request: HTTPRequest, _ name: String) throws -> Bool {
        guard let text = request.queryValue(name) else { return false }
        switch text.lowercased() {
        case "true", "1", "yes": return true
        case "false", "0", "no", "": return false
        default: throw HTTPError.badRequest("\(name) must be true or false", code: "invalid_parameter")
        }
    }

    /// An identifier from the path or query (station, user, track id).
    static func identifier(_ value: String, field: String) throws -> String {
        guard Identifier.isValid(value) else {
            throw HTTPError.badRequest("\(field) must be 1-128 characters of A-Z a-z 0-9 . _ : -", code: "invalid_identifier")
        }
        return value
    }

    /// A path parameter that must be an identifier.
    static func pathID(_ request: HTTPRequest, _ name: String) throws -> String {
        try identifier(try request.parameters.require(name), field: name)
    }
}

extension HTTPResponse {
    /// JSON in the API's conventions (ISO 8601 dates with milliseconds, sorted keys).
    static func api<T: Encodable>(_ value: T, status: HTTPStatus = .ok) -> HTTPResponse {
        .json(value, status: status, encoder: APIJSON.encoder())
    }
}
