/// One lexicon entry: phrases and the facets they stand for. Every facet is optional.
public struct QueryLexiconEntry: Codable, Sendable, Hashable {
    /// Phrases that trigger the entry ("chill", "laid back"); matched on whole words, longest first.
    public var phrases: [String]
    /// Genre name → strength in (0, 1] (a track of that genre scores that much on the genre facet).
    public var genres: [String: Double]?
    /// Mood name → strength in (0, 1].
    public var moods: [String: Double]?
    /// Target energy in [0, 1].
    public var energy: Double?
    /// Wanted tempo.
    public var tempo: Tempo?
    /// Inclusive year range `[from, to]`.
    public var years: [Int]?
    /// "Answer from my taste" ("songs I will like", "for me"): with no other facet, every track is a
    /// candidate and the listener's score decides.
    public var taste: Bool?
    /// "Sounds like what follows" ("like", "similar to", "in the style of"): the tracks the following
    /// names find lend their genres, moods and energy to the query.
    public var similar: Bool?

    /// Creates an entry.
    public init(phrases: [String], genres: [String: Double]? = nil, moods: [String: Double]? = nil,
                energy: Double? = nil, tempo: Tempo? = nil, years: [Int]? = nil, taste: Bool? = nil,
                similar: Bool? = nil) {
        self.similar = similar
        self.phrases = phrases
        self.genres = genres
        self.moods = moods
        self.energy = energy
        self.tempo = tempo
        self.years = years
        self.taste = taste
    }

    func validate(at path: String) throws(ValidationError) {
        guard !phrases.isEmpty, phrases.allSatisfy({ !QueryText.words($0).isEmpty }) else {
            throw ValidationError(field: "\(path).phrases", "needs at least one phrase with a letter or digit")
        }
        for (name, w) in genres ?? [:] where !(w > 0 && w <= 1) {
            throw ValidationError(field: "\(path).genres.\(name)", "must be in (0, 1] (got \(w))")
        }
        for (name, w) in moods ?? [:] where !(w > 0 && w <= 1) {
            throw ValidationError(field: "\(path).moods.\(name)", "must be in (0, 1] (got \(w))")
        }
        if let energy, !(0...1).contains(energy) {
            throw ValidationError(field: "\(path).energy", "must be in [0, 1] (got \(energy))")
        }
        if let years, years.count != 2 || years[0] > years[1] {
            throw ValidationError(field: "\(path).years", "must be [from, to] with from ≤ to")
        }
    }
}
