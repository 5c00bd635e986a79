/// One listener's signal about one track, as the similarity builder consumes it: positive for likes,
/// favorites and high ratings, negative for skips, dislikes and low ratings.
public struct CollaborativeEvent: Sendable, Hashable {
    /// Who sent the feedback.
    public var userID: String
    /// The track it was about (ids are per station).
    public var trackID: String
    /// Signed strength; events of one user about one track add up.
    public var weight: Double

    /// Creates an event.
    public init(userID: String, trackID: String, weight: Double) {
        self.userID = userID
        self.trackID = trackID
        self.weight = weight
    }

    /// The event for a stored interaction, or nil for types that carry no collaborative signal.
    ///
    /// Implicit plays are left out on purpose: the DJ chose them, so co-plays would mostly echo the DJ's
    /// own ranking back into it. A skip counts half a dislike (impatience, not rejection).
    public init?(userID: String, trackID: String, type: FeedbackType, rating: Double? = nil) {
        let weight: Double
        switch type {
        case .like: weight = 1
        case .favorite: weight = 1.5
        case .dislike: weight = -1
        case .skip: weight = -0.5
        case .rate:
            guard let rating, rating.isFinite else { return nil }
            // 1 → +1 (a like), 0 → −1 (a dislike), 0.5 → no signal.
            weight = (min(1, max(0, rating)) - 0.5) * 2
        case .play: return nil
        }
        guard weight != 0 else { return nil }
        self.init(userID: userID, trackID: trackID, weight: weight)
    }
}
