/// A track similar to another by collaborative evidence, with its similarity in (0, 1].
public struct Neighbour: Sendable, Hashable {
    /// The similar track's id.
    public var trackID: String
    /// Item-to-item similarity in (0, 1].
    public var similarity: Double

    /// Creates a neighbour.
    public init(trackID: String, similarity: Double) {
        self.trackID = trackID
        self.similarity = similarity
    }
}

/// A station's sparse item-to-item similarity: for each track, its top neighbours, most similar first.
///
/// A value (copy-on-write dictionary), so the refresher builds a new one off-lock and the runtime swaps
/// it in whole; requests holding the old one keep a consistent view.
public struct NeighbourLists: Sendable, Hashable {
    /// Neighbours per track id, most similar first (ties by track id); tracks without any are absent.
    public private(set) var byTrack: [String: [Neighbour]]

    /// No collaborative evidence at all.
    public static let empty = NeighbourLists(byTrack: [:])

    /// Wraps ready lists (each is sorted here, so callers need not).
    public init(byTrack: [String: [Neighbour]]) {
        self.byTrack = byTrack.mapValues { list in
            list.sorted { $0.similarity != $1.similarity ? $0.similarity > $1.similarity : $0.trackID < $1.trackID }
        }
    }

    /// The neighbours of `trackID`, most similar first (empty when it has none).
    public func neighbours(of trackID: String) -> [Neighbour] { byTrack[trackID] ?? [] }

    /// Whether no track has neighbours.
    public var isEmpty: Bool { byTrack.isEmpty }

    /// Number of tracks with at least one neighbour.
    public var trackCount: Int { byTrack.count }

    /// Total number of (track, neighbour) entries.
    public var entryCount: Int { byTrack.values.reduce(0) { $0 + $1.count } }
}
