/// A listener's explicit "more of this, less of that": signed offsets in [-1, 1] per genre, artist and mood.
///
/// Overrides sit on top of the learned profile and never change it; removing one restores the picks the
/// learned profile gives.
public struct ProfileOverrides: Codable, Sendable, Hashable {
    public var genres: [String: Double]
    public var artists: [String: Double]
    public var moods: [String: Double]

    /// The three kinds of override, as they appear in paths (`/overrides/{kind}/{name}`).
    public enum Kind: String, CaseIterable, Sendable {
        case genres, artists, moods
    }

    /// No overrides.
    public static let none = ProfileOverrides(unchecked: [:], artists: [:], moods: [:])

    /// Creates overrides after checking every offset lies in [-1, 1]; the error names e.g. `genres.jazz`.
    public init(genres: [String: Double] = [:], artists: [String: Double] = [:], moods: [String: Double] = [:]) throws(ValidationError) {
        self.init(unchecked: genres, artists: artists, moods: moods)
        try validate()
    }

    init(unchecked genres: [String: Double], artists: [String: Double], moods: [String: Double]) {
        self.genres = genres
        self.artists = artists
        self.moods = moods
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(unchecked: try c.decodeIfPresent([String: Double].self, forKey: .genres) ?? [:],
                  artists: try c.decodeIfPresent([String: Double].self, forKey: .artists) ?? [:],
                  moods: try c.decodeIfPresent([String: Double].self, forKey: .moods) ?? [:])
        try validate()
    }

    /// Checks every name and offset.
    public func validate() throws(ValidationError) {
        for kind in Kind.allCases {
            let offsets = self[kind]
            guard offsets.count <= 1000 else { throw ValidationError(field: kind.rawValue, "must have at most 1000 entries") }
            for (name, offset) in offsets {
                try Validate.name(name, field: "\(kind.rawValue) key", limit: 512)
                guard offset.isFinite, offset >= -1, offset <= 1 else {
                    throw ValidationError(field: "\(kind.rawValue).\(name)", "must be an offset between -1 and 1 (got \(offset))")
                }
            }
        }
    }

    /// Whether there is no override at all.
    public var isEmpty: Bool { genres.isEmpty && artists.isEmpty && moods.isEmpty }

    /// The offsets of one kind.
    public subscript(kind: Kind) -> [String: Double] {
        get {
            switch kind {
            case .genres: return genres
            case .artists: return artists
            case .moods: return moods
            }
        }
        set {
            switch kind {
            case .genres: genres = newValue
            case .artists: artists = newValue
            case .moods: moods = newValue
            }
        }
    }

    /// These overrides with `other`'s entries set on top (an offset of exactly 0 removes the entry).
    public func merging(_ other: ProfileOverrides) -> ProfileOverrides {
        var result = self
        for kind in Kind.allCases {
            for (name, offset) in other[kind] {
                result[kind][name] = offset == 0 ? nil : offset
            }
        }
        return result
    }
}
