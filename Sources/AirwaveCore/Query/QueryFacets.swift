/// What a query asks of the catalog, as understood by a ``QueryIndex``: the facets a track can match.
///
/// Every facet is optional; a query with none of them (and no words found in titles, artists or albums)
/// is not understood.
public struct QueryFacets: Sendable, Hashable {
    /// Wanted genres → strength in (0, 1] (several phrases naming one genre keep the strongest).
    public var genres: [String: Double] = [:]
    /// Wanted moods → strength in (0, 1].
    public var moods: [String: Double] = [:]
    /// Target energy in [0, 1] (the mean of every phrase that named one).
    public var energy: Double?
    /// Wanted tempos (any of them matches).
    public var tempos: Set<Tempo> = []
    /// Wanted release years, inclusive (the hull of every era named).
    public var years: ClosedRange<Int>?
    /// Whether the query asked for the listener's own taste ("something I will like"); alone, it makes
    /// every track a candidate with s_query = 1.
    public var taste = false
    /// Whether the query asked for music like the names it searches ("songs like Radiohead"); the index
    /// then adds the sound of the tracks found (genres, moods, energy) and the text match weighs less.
    public var similar = false
    /// Words left for the title/artist/album search, in query order, without duplicates.
    public var searchTerms: [String] = []
    /// Words the index could not place anywhere (neither the lexicon nor any title, artist or album).
    public var ignored: [String] = []
    /// The phrase that brought each genre, mood, tempo or era in ("genre:jazz" → "jazz"), for reasons.
    public var phraseFor: [String: String] = [:]
    /// One plain-words line per understood phrase, in query order ("'studying' → moods calm, focused; energy 0.3").
    public var understood: [String] = []

    /// Creates empty facets (fill them through a ``QueryIndex``, or by hand in tests).
    public init() {}

    /// Whether any structured facet (genre, mood, energy, tempo, era) was named.
    public var hasStructuredFacet: Bool {
        !genres.isEmpty || !moods.isEmpty || energy != nil || !tempos.isEmpty || years != nil
    }

    /// Whether nothing at all was understood (no facet, no taste request, nothing to search).
    public var isEmpty: Bool { !hasStructuredFacet && searchTerms.isEmpty && !taste }

    /// Whether only the listener's taste was asked for (every track is a candidate).
    public var tasteOnly: Bool { taste && !hasStructuredFacet && searchTerms.isEmpty }

    /// The era as people say it: "1980s" for a whole decade, "1987" for one year, else "1975–1989".
    public var eraLabel: String? {
        guard let years else { return nil }
        if years.lowerBound == years.upperBound { return "\(years.lowerBound)" }
        if years.lowerBound % 10 == 0 && years.upperBound == years.lowerBound + 9 { return "\(years.lowerBound)s" }
        return "\(years.lowerBound)–\(years.upperBound)"
    }
}
