/// What a playlist request needs for the collaborative term: the station's neighbour lists and its weight.
///
/// The DJ scores `(1 − weight)·content + weight·collab`, where collab(t) is the highest similarity between
/// t and one of the request's recent likes (0 without evidence), so scores stay in [0, 1] (DECISIONS 23).
public struct CollaborativeBoost: Sendable {
    /// The collaborative weight w in [0, 1]; 0 disables the term.
    public var weight: Double
    /// The station's item-to-item neighbour lists.
    public var neighbours: NeighbourLists

    /// Creates a boost; `weight` is clamped into [0, 1] (NaN counts as 0).
    public init(weight: Double, neighbours: NeighbourLists) {
        self.weight = weight.isNaN ? 0 : min(1, max(0, weight))
        self.neighbours = neighbours
    }

    /// Whether the boost can change anything at all.
    public var isActive: Bool { weight > 0 && !neighbours.isEmpty }
}
