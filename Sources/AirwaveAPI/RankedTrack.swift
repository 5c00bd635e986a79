import AirwaveCore

/// A track as every response shows it: the flat catalog fields plus, where ranked, score/discovery/reasons.
public struct RankedTrack: Codable, Sendable, Equatable {
    public var track: Track
    public var score: Double?
    public var discovery: Bool?
    public var reasons: [String]?

    enum RankKeys: String, CodingKey { case score, discovery, reasons }

    /// Creates a ranked (or, with nils, a plain) track.
    public init(track: Track, score: Double? = nil, discovery: Bool? = nil, reasons: [String]? = nil) {
        self.track = track
        self.score = score
        self.discovery = discovery
        self.reasons = reasons
    }

    public init(from decoder: any Decoder) throws {
        track = try Track(from: decoder)
        let c = try decoder.container(keyedBy: RankKeys.self)
        score = try c.decodeIfPresent(Double.self, forKey: .score)
        discovery = try c.decodeIfPresent(Bool.self, forKey: .discovery)
        reasons = try c.decodeIfPresent([String].self, forKey: .reasons)
    }

    public func encode(to encoder: any Encoder) throws {
        try track.encode(to: encoder)
        var c = encoder.container(keyedBy: RankKeys.self)
        try c.encodeIfPresent(score, forKey: .score)
        try c.encodeIfPresent(discovery, forKey: .discovery)
        try c.encodeIfPresent(reasons, forKey: .reasons)
    }
}

/// `{"tracks": [...]}`: a recommendation list.
public struct TrackList: Codable, Sendable, Equatable {
    public var tracks: [RankedTrack]
    /// The daypart the list was made for.
    public var daypart: String?

    /// Creates a list.
    public init(tracks: [RankedTrack], daypart: String? = nil) {
        self.tracks = tracks
        self.daypart = daypart
    }
}
