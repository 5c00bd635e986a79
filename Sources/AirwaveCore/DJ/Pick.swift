/// One track the DJ chose, with its score and why.
public struct Pick: Sendable, Hashable {
    /// The track's catalog index.
    public var index: Int
    /// The picked track as stored in the catalog.
    public var track: Track
    /// The contract score in [0, 1] for the effective profile.
    public var score: Double
    /// Whether this pick came from outside the familiar top set.
    public var discovery: Bool
    /// Two or three plain-words reasons, strongest first (plus "because you liked …" when it applies).
    public var reasons: [String]

    /// Creates a pick.
    public init(index: Int, track: Track, score: Double, discovery: Bool, reasons: [String]) {
        self.index = index
        self.track = track
        self.score = score
        self.discovery = discovery
        self.reasons = reasons
    }
}
