import Foundation

/// One catalog's query index: the lexicon's phrases plus the catalog's own genre and mood names, and a
/// BM25 index over the words of every track's title, artist and album.
///
/// Built once per catalog (O(total words)); the station caches it until the catalog changes. Pure: the
/// lexicon comes in as data.
public struct QueryIndex: Sendable {
    /// Phrase key ("laid back") → what it means.
    let phrases: [String: QueryLexiconEntry]
    /// Longest phrase, in words.
    let maxPhraseWords: Int
    let stopwords: Set<String>
    /// Complete titles, artists and albums of two or more words ("kind of blue", "miles davis"), so a name
    /// that contains a lexicon word ("blue") is searched as a name rather than read as a mood.
    let names: Set<String>
    /// Longest such name considered, in words.
    static let maxNameWords = 8
    /// Word → the slots whose title/artist/album contain it.
    let postings: [String: [Posting]]
    /// Weighted word count per slot (BM25 document length).
    let lengths: [Float]
    let averageLength: Double
    /// Live slots when the index was built (BM25's N).
    let documents: Int
    /// Slot count of the catalog this index was built for.
    public let slotCount: Int
    /// Release year per slot (0 = unknown), so era matching never touches the track structs.
    let years: [Int32]
    /// The catalog's genre, mood and energy columns and names when the index was built (for "like X").
    let genreIDs: [UInt16], moodIDs: [UInt16], energyColumn: [Double]
    let genreNames: [String], moodNames: [String]
    /// Seeds of a "like X" query: tracks whose text score is at least this share of the best.
    static let seedShare = 0.5

    /// Where a word occurs in one track.
    struct Posting: Sendable {
        var slot: Int32
        /// Field-weighted term frequency (artist words count ``artistBoost``, title and album words 1).
        var frequency: Float
        /// Fields containing the word (``Field`` bits).
        var fields: UInt8
    }

    /// Field bits for postings and matches.
    enum Field {
        static let title: UInt8 = 1
        static let artist: UInt8 = 2
        static let album: UInt8 = 4
    }

    /// Artist words weigh double: "songs by X" is the most common catalog query.
    static let artistBoost: Float = 2
    static let k1 = 1.2
    static let b = 0.75

    /// Indexes `catalog` (live tracks only) with `lexicon`'s phrases; catalog genre and mood names are added
    /// as phrases unless the lexicon already defines the same words (the lexicon wins: "romantic").
    public init(catalog: Catalog, lexicon: QueryLexicon) {
        var phrases: [String: QueryLexiconEntry] = [:]
        for entry in lexicon.entries {
            for phrase in entry.phrases {
                let key = QueryText.key(phrase)
                guard !key.isEmpty else { continue }
                phrases[key] = phrases[key].map { QueryIndex.merge($0, entry) } ?? entry
            }
        }
        for name in catalog.genres.names {
            let key = QueryText.key(name)
            if !key.isEmpty, phrases[key] == nil { phrases[key] = QueryLexiconEntry(phrases: [name], genres: [name: 1]) }
        }
        for name in catalog.moods.names {
            let key = QueryText.key(name)
            if !key.isEmpty, phrases[key] == nil { phrases[key] = QueryLexiconEntry(phrases: [name], moods: [name: 1]) }
        }
        self.phrases = phrases
        maxPhraseWords = phrases.keys.map { $0.split(separator: " ").count }.max() ?? 1
        stopwords = lexicon.stopwordSet

        var postings: [String: [Posting]] = [:]
        var names: Set<String> = []
        var lengths = [Float](repeating: 0, count: catalog.count)
        var years = [Int32](repeating: 0, count: catalog.count)
        var total = 0.0
        var documents = 0
        for slot in 0..<catalog.count where catalog.alive[slot] {
            let track = catalog.tracks[slot]
            years[slot] = Int32(clamping: track.year ?? 0)
            var counts: [String: (Float, UInt8)] = [:]
            func add(_ text: String?, _ field: UInt8, _ weight: Float) {
                guard let text else { return }
                let words = QueryText.words(text)
                if words.count >= 2, words.count <= QueryIndex.maxNameWords { names.insert(words.joined(separator: " ")) }
                for word in words {
                    let old = counts[word] ?? (0, 0)
                    counts[word] = (old.0 + weight, old.1 | field)
                    lengths[slot] += weight
                }
            }
            add(track.title, Field.title, 1)
            add(track.artist, Field.artist, QueryIndex.artistBoost)
            add(track.album, Field.album, 1)
            // Each word's list grows in slot order whatever the dictionary's order, so answers stay deterministic.
            for (word, value) in counts {
                postings[word, default: []].append(Posting(slot: Int32(slot), frequency: value.0, fields: value.1))
            }
            total += Double(lengths[slot])
            documents += 1
        }
        self.postings = postings
        self.names = names
        self.years = years
        self.lengths = lengths
        self.documents = documents
        averageLength = documents > 0 ? total / Double(documents) : 1
        slotCount = catalog.count
        genreIDs = catalog.genreIDs
        moodIDs = catalog.moodIDs
        energyColumn = catalog.energies
        genreNames = catalog.genres.names
        moodNames = catalog.moods.names
    }

    /// Two entries for the same phrase: facets unioned (strongest weight kept), the later scalar wins.
    static func merge(_ a: QueryLexiconEntry, _ b: QueryLexiconEntry) -> QueryLexiconEntry {
        var out = a
        out.phrases = a.phrases + b.phrases
        if let g = b.genres { out.genres = (a.genres ?? [:]).merging(g, uniquingKeysWith: max) }
        if let m = b.moods { out.moods = (a.moods ?? [:]).merging(m, uniquingKeysWith: max) }
        out.energy = b.energy ?? a.energy
        out.tempo = b.tempo ?? a.tempo
        out.years = b.years ?? a.years
        out.taste = b.taste ?? a.taste
        out.similar = b.similar ?? a.similar
        return out
    }

    /// Reads `text` left to right. At each word: a complete title/artist/album name longer than any lexicon
    /// phrase starting there is searched whole (stopwords included: "Kind of Blue"); else the longest
    /// lexicon phrase applies; else a decade or year ("80s", "1980s", "1987"); else a non-stopword is kept
    /// for the title/artist/album search (or ignored when no track contains it).
    public func understand(_ text: String) -> QueryFacets {
        let words = QueryText.words(text)
        var facets = QueryFacets()
        var energies: [Double] = []
        var i = 0
        while i < words.count {
            var phrase: (length: Int, entry: QueryLexiconEntry)?
            for length in stride(from: min(maxPhraseWords, words.count - i), through: 1, by: -1) {
                if let entry = phrases[words[i..<(i + length)].joined(separator: " ")] { phrase = (length, entry); break }
            }
            var name = 0
            for length in stride(from: min(QueryIndex.maxNameWords, words.count - i), through: 2, by: -1)
            where length > (phrase?.length ?? 0) && names.contains(words[i..<(i + length)].joined(separator: " ")) {
                name = length
                break
            }
            if name > 0 {
                for word in words[i..<(i + name)] where !facets.searchTerms.contains(word) { facets.searchTerms.append(word) }
                i += name
                continue
            }
            if let phrase {
                apply(phrase.entry, phrase: words[i..<(i + phrase.length)].joined(separator: " "), to: &facets, energies: &energies)
                i += phrase.length
                continue
            }
            let word = words[i]
            i += 1
            if let era = QueryIndex.era(word) {
                facets.years = facets.years.map { min($0.lowerBound, era.lowerBound)...max($0.upperBound, era.upperBound) } ?? era
                facets.phraseFor["era"] = word
                facets.understood.append("'\(word)' → years \(era.lowerBound)–\(era.upperBound)")
                continue
            }
            guard !stopwords.contains(word) else { continue }
            if postings[word] != nil {
                if !facets.searchTerms.contains(word) { facets.searchTerms.append(word) }
            } else if !facets.ignored.contains(word) {
                facets.ignored.append(word)
            }
        }
        if !facets.searchTerms.isEmpty {
            facets.understood.append("title/artist/album words: " + facets.searchTerms.joined(separator: " "))
            if facets.similar { addSound(of: facets.searchTerms, to: &facets, energies: &energies) }
        }
        if !energies.isEmpty { facets.energy = energies.reduce(0, +) / Double(energies.count) }
        return facets
    }

    private func apply(_ entry: QueryLexiconEntry, phrase: String, to facets: inout QueryFacets, energies: inout [Double]) {
        var parts: [String] = []
        if let genres = entry.genres, !genres.isEmpty {
            for (name, w) in genres where w > (facets.genres[name] ?? 0) {
                facets.genres[name] = w
                facets.phraseFor["genre:\(name)"] = phrase
            }
            parts.append("genres " + genres.keys.sorted().joined(separator: ", "))
        }
        if let moods = entry.moods, !moods.isEmpty {
            for (name, w) in moods where w > (facets.moods[name] ?? 0) {
                facets.moods[name] = w
                facets.phraseFor["mood:\(name)"] = phrase
            }
            parts.append("moods " + moods.keys.sorted().joined(separator: ", "))
        }
        if let energy = entry.energy {
            energies.append(energy)
            facets.phraseFor["energy"] = phrase
            parts.append("energy \(DJ.format(energy))")
        }
        if let tempo = entry.tempo {
            facets.tempos.insert(tempo)
            facets.phraseFor["tempo"] = phrase
            parts.append("tempo \(tempo.rawValue)")
        }
        if let y = entry.years, y.count == 2 {
            let era = y[0]...y[1]
            facets.years = facets.years.map { min($0.lowerBound, era.lowerBound)...max($0.upperBound, era.upperBound) } ?? era
            facets.phraseFor["era"] = phrase
            parts.append("years \(y[0])–\(y[1])")
        }
        if entry.similar == true {
            facets.similar = true
            facets.phraseFor["similar"] = phrase
            parts.append("sounds like what follows")
        }
        if entry.taste == true {
            facets.taste = true
            facets.phraseFor["taste"] = phrase
            parts.append("your taste")
        }
        facets.understood.append("'\(phrase)' → " + (parts.isEmpty ? "nothing" : parts.joined(separator: "; ")))
    }

    /// "Like X": the live tracks whose text score for `terms` is at least ``seedShare`` of the best lend their
    /// genres and moods (strength = share of those tracks, relative to the commonest) and their mean energy.
    private func addSound(of terms: [String], to facets: inout QueryFacets, energies: inout [Double]) {
        let hits = search(terms)
        guard hits.best > 0 else { return }
        var genreCounts: [UInt16: Double] = [:], moodCounts: [UInt16: Double] = [:]
        var energy = 0.0, seeds = 0.0
        for slot in hits.scores.indices where hits.scores[slot] >= QueryIndex.seedShare * hits.best {
            genreCounts[genreIDs[slot], default: 0] += 1
            moodCounts[moodIDs[slot], default: 0] += 1
            energy += energyColumn[slot]
            seeds += 1
        }
        let label = "like " + terms.joined(separator: " ")
        let topGenre = genreCounts.values.max() ?? 1, topMood = moodCounts.values.max() ?? 1
        for (id, n) in genreCounts {
            let name = genreNames[Int(id)]
            if n / topGenre > (facets.genres[name] ?? 0) {
                facets.genres[name] = n / topGenre
                facets.phraseFor["genre:\(name)"] = label
            }
        }
        for (id, n) in moodCounts {
            let name = moodNames[Int(id)]
            if n / topMood > (facets.moods[name] ?? 0) {
                facets.moods[name] = n / topMood
                facets.phraseFor["mood:\(name)"] = label
            }
        }
        energies.append(energy / seeds)
        facets.phraseFor["energy"] = facets.phraseFor["energy"] ?? label
        facets.understood.append("'\(label)' → genres \(genreCounts.keys.map { genreNames[Int($0)] }.sorted().joined(separator: ", ")); "
            + "moods \(moodCounts.keys.map { moodNames[Int($0)] }.sorted().joined(separator: ", ")); energy \(DJ.format(energy / seeds))")
    }

    /// "80s"/"1980s" → the decade, "1987" → that year (1900–2099), else nil.
    static func era(_ word: String) -> ClosedRange<Int>? {
        let digits = word.hasSuffix("s") ? String(word.dropLast()) : word
        guard !digits.isEmpty, digits.allSatisfy(\.isASCII), let n = Int(digits) else { return nil }
        if word.hasSuffix("s") {
            if digits.count == 2, n % 10 == 0 { let start = (n >= 30 ? 1900 : 2000) + n; return start...(start + 9) }
            if digits.count == 4, n % 10 == 0, (1900...2090).contains(n) { return n...(n + 9) }
            return nil
        }
        if digits.count == 4, (1900...2099).contains(n) { return n...n }
        return nil
    }

    /// BM25 scores per slot (0 = no match) and the fields that matched, for every slot containing at least
    /// one of `terms`; dense arrays of `slotCount`, since a common word can hit most of the catalog.
    func search(_ terms: [String]) -> TextHits {
        var hits = TextHits(scores: [Double](repeating: 0, count: slotCount), fields: [UInt8](repeating: 0, count: slotCount))
        let n = Double(documents)
        for term in terms {
            guard let list = postings[term] else { continue }
            let df = Double(list.count)
            let idf = log(1 + (n - df + 0.5) / (df + 0.5))
            for posting in list {
                let slot = Int(posting.slot)
                let tf = Double(posting.frequency)
                let norm = 1 - QueryIndex.b + QueryIndex.b * Double(lengths[slot]) / averageLength
                hits.scores[slot] += idf * tf * (QueryIndex.k1 + 1) / (tf + QueryIndex.k1 * norm)
                hits.fields[slot] |= posting.fields
            }
        }
        hits.best = hits.scores.max() ?? 0
        return hits
    }

    /// A text search's result for every slot the index knows.
    struct TextHits: Sendable {
        /// BM25 score per slot (0 = no match).
        var scores: [Double]
        /// ``Field`` bits that matched per slot.
        var fields: [UInt8]
        /// The highest score (0 when nothing matched).
        var best = 0.0

        static let empty = TextHits(scores: [], fields: [])

        /// The score of `slot` (0 beyond the index, for tracks added since it was built).
        func score(_ slot: Int) -> Double { slot < scores.count ? scores[slot] : 0 }
    }
}
