/// The error body of every failed request: `{"error":{"code":"...","message":"..."}}`.
public struct ErrorBody: Codable, Sendable, Equatable {
    /// A stable machine-readable code and a message that names the bad field.
    public struct Detail: Codable, Sendable, Equatable {
        public var code: String
        public var message: String
    }

    public var error: Detail

    /// Creates an error body.
    public init(code: String, message: String) { error = Detail(code: code, message: message) }
}
