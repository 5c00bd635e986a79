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
