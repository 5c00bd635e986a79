/// The classifier's view of a query: word unigrams and bigrams, character trigrams of each word (so
/// "studying" and "study" share evidence, and unseen spellings still land somewhere), and the lexicon's
/// facet kinds for the words it knows (``QueryTagger``).
enum QueryFeatures {
    /// Feature strings of `text`, duplicates kept (counts matter to naive Bayes).
    static func of(_ text: String, tagger: QueryTagger? = nil) -> [String] {
        let words = QueryText.words(text)
        var out: [String] = []
        out.reserveCapacity(words.count * 8)
        for (i, word) in words.enumerated() {
            out.append("w:" + word)
            if i + 1 < words.count { out.append("b:" + word + "_" + words[i + 1]) }
            let chars = Array("<" + word + ">")
            if chars.count >= 3 {
                for j in 0...(chars.count - 3) { out.append("c:" + String(chars[j..<(j + 3)])) }
            }
        }
        if let tagger {
            for tag in tagger.tag(words) { out.append("lex:" + tag) }
        }
        if words.isEmpty { out.append("empty") }
        // Very short or digit-less gibberish is told apart mostly by shape; one coarse length feature helps.
        out.append("len:\(min(words.count, 6))")
        return out
    }
}
