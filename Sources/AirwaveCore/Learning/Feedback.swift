/// The kinds of listener feedback the DJ learns from.
public enum FeedbackType: String, Codable, Sendable, CaseIterable, Hashable {
    case play, skip, like, dislike, favorite, rate

    /// Whether this feedback is an explicit listener action (everything but the implicit `play`).
    public var isExplicit: Bool { self != .play }
}

/// One feedback event about one track: its type and, for `rate`, a rating in [0, 1].
public struct Feedback: Sendable, Hashable {
    public let type: FeedbackType
    /// Present exactly when `type == .rate`.
    public let rating: Double?

    /// Creates feedback after checking the rating rules; the error names `rating`.
    public init(_ type: FeedbackType, rating: Double? = nil) throws(ValidationError) {
        if type == .rate {
            guard let rating else { throw ValidationError(field: "rating", "is required for type rate (a number between 0 and 1)") }
            try Validate.unit(rating, field: "rating")
        } else if rating != nil {
            throw ValidationError(field: "rating", "is only allowed with type rate")
        }
        self.type = type
        self.rating = rating
    }

    /// How far this feedback moves the track's genre, artist and mood weights.
    ///
    /// play +0.05, skip −0.05, like +0.1, dislike −0.1, favorite +0.2, rate (r − 0.5)·0.2.
    public var strength: Double {
        switch type {
        case .play: return 0.05
        case .skip: return -0.05
        case .like: return 0.1
        case .dislike: return -0.1
        case .favorite: return 0.2
        case .rate: return ((rating ?? 0.5) - 0.5) * 0.2
        }
    }
}
