/// One request's reason words by catalog id, built on first use: a playlist's picks share a few genres,
/// artists and moods, and formatting a weight (`Double` to text) or looking a name up in the profile per pick
/// was most of the reasons' cost.
///
/// Lists are searched linearly: a request touches a few dozen ids at most, and that beats hashing.
struct ReasonWords {
    /// Per genre id: the listener genre that earned it similar credit (nil if none) and its term's words.
    var genres: [(id: UInt16, parent: String?, words: String)] = []
    /// Per artist id: the artist term's words (built only for terms that are shown).
    var artists: [(id: Int32, words: String)] = []
    /// Per mood id: the term's words.
    var moods: [(id: UInt16, words: String)] = []

    /// "tempo slow", "tempo medium", "tempo fast" by tempo code.
    static let tempoWords = [Tempo.slow, .medium, .fast].map { "tempo \($0.rawValue)" }
}
