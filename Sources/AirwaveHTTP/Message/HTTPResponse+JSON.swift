import Foundation

extension HTTPResponse {
    /// The encoder behind `json(_:status:)`: sorted keys (stable output for tests and diffs), ISO 8601 dates.
    public static func makeJSONEncoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        return encoder
    }

    /// `value` encoded as application/json; a value that fails to encode becomes the generic 500.
    public static func json<T: Encodable>(_ value: T, status: HTTPStatus = .ok, encoder: JSONEncoder? = nil) -> HTTPResponse {
        guard let data = try? (encoder ?? makeJSONEncoder()).encode(value) else { return internalError }
        return HTTPResponse(status: status, headers: ["Content-Type": "application/json"], bytes: Array(data))
    }
}
