/// The DJ's answer to a ``PlaylistRequest``.
public struct Playlist: Sendable, Hashable {
    /// Picks in play order.
    public var picks: [Pick]
    /// Discovery picks still owed (pass it back as the next request's `discoveryCarry`).
    public var discoveryCarry: Double
    /// Name of the daypart that applied.
    public var daypart: String

    /// Creates a playlist.
    public init(picks: [Pick], discoveryCarry: Double, daypart: String) {
        self.picks = picks
        self.discoveryCarry = discoveryCarry
        self.daypart = daypart
    }
}
