import Foundation

/// Tunables every station of a runtime shares.
public struct RuntimeOptions: Sendable {
    /// A listener with no request for this long is paused (DECISIONS 8).
    public var idleTimeout: TimeInterval = 1800
    /// Repeat window: the last `repeatPlays` plays or the last `repeatHours` hours, whichever is longer.
    public var repeatPlays = 50
    public var repeatHours = 3.0
    /// Whether `GET …/recommendations` keeps each listener's last ranking (see `RecommendationCache`);
    /// answers are the same either way, only slower without it.
    public var recommendationCache = true

    /// The defaults.
    public init(idleTimeout: TimeInterval = 1800, repeatPlays: Int = 50, repeatHours: Double = 3,
                recommendationCache: Bool = true) {
        self.idleTimeout = idleTimeout
        self.repeatPlays = repeatPlays
        self.repeatHours = repeatHours
        self.recommendationCache = recommendationCache
    }
}
