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
