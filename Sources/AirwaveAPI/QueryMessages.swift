import AirwaveCore

/// `{"tracks": [...], "daypart": …, "query": {...}}`: a text-query playlist (`…/recommendations?q=`).
public struct QueryTrackList: Codable, Sendable, Equatable {
    /// Picks, best first; each `score` is s_final = s_query · s_personal^α.
    public var tracks: [RankedTrack]
    /// The daypart the personal side was scored for.
    public var daypart: String?
    /// How the query was read.
    public var query: QueryView

    /// Creates a list.
    public init(tracks: [RankedTrack], daypart: String?, query: QueryView) {
        self.tracks = tracks
        self.daypart = daypart
        self.query = query
    }
}

/// How the daemon read a text query.
public struct QueryView: Codable, Sendable, Equatable {
    /// The query as sent.
    public var text: String
    /// α = P(personalized) in [0, 1]: the exponent on the listener's score.
    public var alpha: Double
    /// The classifier's category (`work_study`, `existing_entities`, …).
    public var category: String
    /// Whether that category is one of the personalized ones.
    public var personalized: Bool
    /// One line per understood phrase ("'jazz' → genres jazz", "title/artist/album words: miles davis").
    public var understood: [String]
    /// Words that matched nothing.
    public var ignored: [String]
    /// How many tracks matched the query at all.
    public var candidates: Int

    /// Creates a view.
    public init(text: String, alpha: Double, category: String, personalized: Bool, understood: [String],
                ignored: [String], candidates: Int) {
        self.text = text
        self.alpha = alpha
        self.category = category
        self.personalized = personalized
        self.understood = understood
        self.ignored = ignored
        self.candidates = candidates
    }
}
