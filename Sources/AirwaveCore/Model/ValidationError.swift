/// A rejected input value: names the offending field and says what was expected.
public struct ValidationError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The field as a caller spells it in JSON or CSV (for example `energy_level` or `genres.jazz`).
    public var field: String
    /// What was wrong and what is allowed, in plain words.
    public var message: String

    /// Creates an error for `field` with a human-readable `message`.
    public init(field: String, _ message: String) {
        self.field = field
        self.message = message
    }

    public var description: String { "\(field): \(message)" }
}

/// Checks shared by every validating initializer in the core.
enum Validate {
    /// A unit-interval number: finite and within [0, 1].
    static func unit(_ value: Double, field: String) throws(ValidationError) {
        guard value.isFinite, value >= 0, value <= 1 else {
            throw ValidationError(field: field, "must be a number between 0 and 1 (got \(value))")
        }
    }

    /// An identifier: 1–128 characters of `[A-Za-z0-9._:-]`.
    static func identifier(_ value: String, field: String) throws(ValidationError) {
        guard isIdentifier(value) else {
            throw ValidationError(field: field, "must be 1-128 characters of A-Z a-z 0-9 . _ : - (got \"\(value.prefix(40))\")")
        }
    }

    /// Whether `value` is a valid identifier (station, user or track id).
    static func isIdentifier(_ value: String) -> Bool {
        let bytes = value.utf8
        guard (1...128).contains(bytes.count) else { return false }
        return bytes.allSatisfy { b in
            (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A)
                || b == 0x2E || b == 0x5F || b == 0x3A || b == 0x2D
        }
    }

    /// Text PostgreSQL can store: no NUL characters (it would cut the value short or refuse it).
    static func text(_ value: String, field: String) throws(ValidationError) {
        guard !value.utf8.contains(0) else { throw ValidationError(field: field, "must not contain NUL characters") }
    }

    /// A non-empty name of at most `limit` characters without NUL (genre, artist, mood, title).
    static func name(_ value: String, field: String, limit: Int = 512) throws(ValidationError) {
        guard !value.isEmpty else { throw ValidationError(field: field, "must not be empty") }
        // Characters never outnumber UTF-8 bytes, so the O(1) byte count settles almost every case.
        guard value.utf8.count <= limit || value.count <= limit else {
            throw ValidationError(field: field, "must be at most \(limit) characters")
        }
        try text(value, field: field)
    }
}

/// Identifier rules shared with adapters (HTTP paths, CSV rows).
public enum Identifier {
    /// Whether `value` is 1–128 characters of `[A-Za-z0-9._:-]`.
    public static func isValid(_ value: String) -> Bool { Validate.isIdentifier(value) }

    /// Throws a ``ValidationError`` naming `field` unless `value` is a valid identifier.
    public static func validate(_ value: String, field: String) throws(ValidationError) {
        try Validate.identifier(value, field: field)
    }
}
