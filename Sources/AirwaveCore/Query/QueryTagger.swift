/// Tags query words with the kinds of lexicon facet they name ("genre", "mood", "era", "taste", …), for the
/// classifier: a mood or activity word hints at a personal query, a genre or an era at a catalog one, even
/// for words the labeled set never contained ("sunny", "bossa nova" once an operator adds it).
struct QueryTagger: Sendable {
    /// Phrase key → tags.
    let tags: [String: [String]]
    let maxWords: Int

    /// A tagger over `lexicon`'s phrases.
    init(lexicon: QueryLexicon) {
        var tags: [String: Set<String>] = [:]
        for entry in lexicon.entries {
            var kinds: Set<String> = []
            if !(entry.genres ?? [:]).isEmpty { kinds.insert("genre") }
            if !(entry.moods ?? [:]).isEmpty { kinds.insert("mood") }
            if entry.energy != nil { kinds.insert("energy") }
            if entry.tempo != nil { kinds.insert("tempo") }
            if entry.years != nil { kinds.insert("era") }
            if entry.taste == true { kinds.insert("taste") }
            if entry.similar == true { kinds.insert("similar") }
            for phrase in entry.phrases {
                let key = QueryText.key(phrase)
                if !key.isEmpty { tags[key, default: []].formUnion(kinds) }
            }
        }
        self.tags = tags.mapValues { $0.sorted() }
        maxWords = tags.keys.map { $0.split(separator: " ").count }.max() ?? 1
    }

    /// The tags of `words`, longest phrase first, plus "era" for decades and years ("80s", "1987").
    func tag(_ words: [String]) -> [String] {
        var out: [String] = []
        var i = 0
        while i < words.count {
            var matched = false
            for length in stride(from: min(maxWords, words.count - i), through: 1, by: -1) {
                if let found = tags[words[i..<(i + length)].joined(separator: " ")] {
                    out += found
                    i += length
                    matched = true
                    break
                }
            }
            if matched { continue }
            if QueryIndex.era(words[i]) != nil { out.append("era") }
            i += 1
        }
        return out
    }
}
