import Foundation

/// What the runtime asks the DJ for: a listener, a moment, a size and the random seed.
public struct PlaylistRequest: Sendable {
    /// The listener's learned profile.
    public var profile: Profile
    /// The moment the playlist is for (its daypart applies to the whole list).
    public var at: Date
    /// Number of picks wanted (K), ≥ 0.
    public var size: Int
    /// Catalog indices that must not appear (now playing, recent history).
    public var excluded: Set<Int>
    /// Discovery share to use instead of the profile's, in [0, 1].
    public var discoveryOverride: Double?
    /// Fractional discovery picks owed from earlier refills (returned by the previous playlist).
    public var discoveryCarry: Double
    /// Seed for the discovery draw; same inputs and seed give the same playlist.
    public var seed: UInt64
    /// Tracks the listener liked recently, newest first, for "because you liked …" reasons.
    public var recentLikes: [Track]
    /// The station's collaborative neighbours and weight; nil (or w = 0) ranks by content alone.
    public var collaborative: CollaborativeBoost?
    /// Whether picks carry their reasons. A caller that ranks many candidates to keep one (the runtime's
    /// refill) turns this off and asks ``DJ/reasons(forIndex:discovery:profile:at:likes:)`` for the one it keeps.
    public var includeReasons = true

    /// Creates a request; only `profile`, `at` and `size` are required.
    public init(profile: Profile, at: Date, size: Int, excluded: Set<Int> = [], discoveryOverride: Double? = nil,
                discoveryCarry: Double = 0, seed: UInt64 = 0, recentLikes: [Track] = [],
                collaborative: CollaborativeBoost? = nil) {
        self.profile = profile
        self.at = at
        self.size = size
        self.excluded = excluded
        self.discoveryOverride = discoveryOverride
        self.discoveryCarry = discoveryCarry
        self.seed = seed
        self.recentLikes = recentLikes
        self.collaborative = collaborative
    }
}
