/// One pick of a text-query playlist: the fused pick plus both sides of the fusion.
public struct QueryPick: Sendable, Hashable {
    /// The pick; its `score` is s_final and its reasons lead with the query match.
    public var pick: Pick
    /// s_query in (0, 1].
    public var queryScore: Double
    /// The DJ's contract score for the listener, before scaling.
    public var personalScore: Double

    /// Creates a query pick.
    public init(pick: Pick, queryScore: Double, personalScore: Double) {
        self.pick = pick
        self.queryScore = queryScore
        self.personalScore = personalScore
    }
}

/// The DJ's answer to a text query.
public struct QueryPlaylist: Sendable, Hashable {
    /// Picks, best s_final first (ties by catalog order).
    public var picks: [QueryPick]
    /// How many tracks matched the query at all (before the size cut and the exclusions).
    public var candidates: Int
    /// The α used.
    public var alpha: Double
    /// Name of the daypart that applied to the personal side.
    public var daypart: String

    /// Creates a query playlist.
    public init(picks: [QueryPick], candidates: Int, alpha: Double, daypart: String) {
        self.picks = picks
        self.candidates = candidates
        self.alpha = alpha
        self.daypart = daypart
    }
}
