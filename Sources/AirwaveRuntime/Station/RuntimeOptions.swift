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
    /// Picks kept hidden behind the station's `queue_size` so up-next refills in batches: a track change
    /// that leaves fewer than `queue_size` queued picks `queue_size + reserve − count` slots with one
    /// ranking. nil means half the queue size, rounded up; 0 refills one slot per track change.
    public var queueReserve: Int?
    /// Threads dispatching due track changes. Stations are independent (each has its own lock), so a
    /// second thread lets track changes use a second core; one is enough while they fit in one core.
    public var schedulerThreads = 1

    /// The defaults.
    public init(idleTimeout: TimeInterval = 1800, repeatPlays: Int = 50, repeatHours: Double = 3,
                recommendationCache: Bool = true, queueReserve: Int? = nil, schedulerThreads: Int = 1) {
        self.idleTimeout = idleTimeout
        self.repeatPlays = repeatPlays
        self.repeatHours = repeatHours
        self.recommendationCache = recommendationCache
        self.queueReserve = queueReserve
        self.schedulerThreads = schedulerThreads
    }

    /// The hidden reserve for a station whose queue size is `queueSize`.
    public func queueReserve(forQueueSize queueSize: Int) -> Int {
        max(0, queueReserve ?? (queueSize + 1) / 2)
    }
}
