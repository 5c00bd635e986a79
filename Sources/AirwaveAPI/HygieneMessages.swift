/// The reply to a redaction or its undo: how many events it covered and the rebuilt profile.
public struct RedactionView: Codable, Sendable, Equatable {
    public var redactionID: Int64
    /// Events marked redacted (or, for an undo, counted again).
    public var events: Int
    public var profile: ProfileView

    enum CodingKeys: String, CodingKey { case redactionID = "redaction_id", events, profile }

    /// Creates a reply.
    public init(redactionID: Int64, events: Int, profile: ProfileView) {
        self.redactionID = redactionID
        self.events = events
        self.profile = profile
    }
}

/// `POST /profiles/{user_id}/reset`.
public struct ResetRequest: Codable, Sendable, Equatable {
    /// Whether the user's overrides go too (default false).
    public var clearOverrides: Bool

    enum CodingKeys: String, CodingKey { case clearOverrides = "clear_overrides" }

    /// Creates a request.
    public init(clearOverrides: Bool) { self.clearOverrides = clearOverrides }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        clearOverrides = try c.decodeIfPresent(Bool.self, forKey: .clearOverrides) ?? false
    }
}
