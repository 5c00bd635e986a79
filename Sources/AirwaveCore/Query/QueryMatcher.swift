/// Scores tracks against understood ``QueryFacets``: the semantic score s_query in (0, 1], or 0 for a
/// track that matches nothing (not a candidate).
///
/// `s_query = Σ w_f·match_f / Σ w_f` over the facets the query named, with match_f in [0, 1]:
/// text = BM25 / best BM25; genre = its strength (half for a similar genre); mood = its strength;
/// energy = max(0, 1 − 2·|e − target|); tempo = 1 if wanted; era = 1 inside, ½ within 5 years.
/// A track is a candidate when it matches a discrete facet (text, genre, mood, tempo, era); a query that
/// names only an energy makes every track whose energy match is at least ½ a candidate; a query that asks
/// only for the listener's taste makes every track a candidate with s_query = 1.
struct QueryMatcher {
    let facets: QueryFacets
    let catalog: Catalog
    let similarity: SimilarityMap
    let hits: QueryIndex.TextHits
    let index: QueryIndex
    /// Genre strength per genre id (exact or similar), precomputed once per query.
    let genreMatch: [Double]
    let genreIsSimilar: [Bool]
    let moodMatch: [Double]
    /// Whether each tempo code (slow, medium, fast, as in ``Catalog/tempos``) is wanted.
    let wantedTempoCodes: [Bool]
    let weightSum: Double
    /// The text facet's weight for this query (lower for "like X").
    let textWeight: Double

    /// A "like X" query weighs X's own tracks less: the point is their sound, not their names.
    static let similarTextWeight = 0.4
    static let textWeight = 1.0, genreWeight = 1.0, moodWeight = 0.8, eraWeight = 0.8
    static let energyWeight = 0.6, tempoWeight = 0.4
    static let similarGenreCredit = 0.5
    static let eraSlack = 5

    init(facets: QueryFacets, index: QueryIndex, catalog: Catalog, similarity: SimilarityMap) {
        self.facets = facets
        self.catalog = catalog
        self.similarity = similarity
        self.index = index
        hits = facets.searchTerms.isEmpty ? .empty : index.search(facets.searchTerms)
        var genreMatch = [Double](repeating: 0, count: catalog.genres.count)
        var genreIsSimilar = [Bool](repeating: false, count: catalog.genres.count)
        for (id, name) in catalog.genres.names.enumerated() {
            if let w = facets.genres[name] {
                genreMatch[id] = w
            } else if let w = similarity.similar(to: name).compactMap({ facets.genres[$0] }).max() {
                genreMatch[id] = w * QueryMatcher.similarGenreCredit
                genreIsSimilar[id] = true
            }
        }
        self.genreMatch = genreMatch
        self.genreIsSimilar = genreIsSimilar
        moodMatch = catalog.moods.names.map { facets.moods[$0] ?? 0 }
        wantedTempoCodes = [Tempo.slow, .medium, .fast].map { facets.tempos.contains($0) }
        textWeight = facets.similar ? QueryMatcher.similarTextWeight : QueryMatcher.textWeight
        var sum = 0.0
        if !facets.searchTerms.isEmpty { sum += textWeight }
        if !facets.genres.isEmpty { sum += QueryMatcher.genreWeight }
        if !facets.moods.isEmpty { sum += QueryMatcher.moodWeight }
        if facets.years != nil { sum += QueryMatcher.eraWeight }
        if facets.energy != nil { sum += QueryMatcher.energyWeight }
        if !facets.tempos.isEmpty { sum += QueryMatcher.tempoWeight }
        weightSum = sum
    }

    /// Whether the query names a discrete facet (otherwise only energy decides candidacy).
    var hasDiscreteFacet: Bool {
        !facets.searchTerms.isEmpty || !facets.genres.isEmpty || !facets.moods.isEmpty || facets.years != nil
            || !facets.tempos.isEmpty
    }

    /// The per-facet matches of slot `i`, in [0, 1] each (nil for facets the query did not name).
    func matches(_ i: Int) -> Matches {
        var m = Matches()
        if !facets.searchTerms.isEmpty { m.text = hits.best > 0 ? hits.score(i) / hits.best : 0 }
        if !facets.genres.isEmpty { m.genre = genreMatch[Int(catalog.genreIDs[i])] }
        if !facets.moods.isEmpty { m.mood = moodMatch[Int(catalog.moodIDs[i])] }
        if let target = facets.energy { m.energy = max(0, 1 - 2 * abs(catalog.energies[i] - target)) }
        if !facets.tempos.isEmpty { m.tempo = wantedTempoCodes[Int(catalog.tempos[i])] ? 1 : 0 }
        if let years = facets.years {
            if let year = year(i) {
                let distance = years.contains(year) ? 0 : min(abs(year - years.lowerBound), abs(year - years.upperBound))
                m.era = distance == 0 ? 1 : distance <= QueryMatcher.eraSlack ? 0.5 : 0
            } else {
                m.era = 0
            }
        }
        return m
    }

    /// The release year of slot `i` (from the index's column when it covers the slot).
    func year(_ i: Int) -> Int? {
        if i < index.years.count { return index.years[i] == 0 ? nil : Int(index.years[i]) }
        return catalog.tracks[i].year
    }

    /// s_query of slot `i` (0 when it is not a candidate).
    func score(_ i: Int) -> Double {
        if facets.tasteOnly { return 1 }
        guard weightSum > 0 else { return 0 }
        let m = matches(i)
        let discrete = (m.text ?? 0) > 0 || (m.genre ?? 0) > 0 || (m.mood ?? 0) > 0 || (m.tempo ?? 0) > 0 || (m.era ?? 0) > 0
        if hasDiscreteFacet ? !discrete : (m.energy ?? 0) < 0.5 { return 0 }
        var sum = 0.0
        sum += textWeight * (m.text ?? 0)
        sum += QueryMatcher.genreWeight * (m.genre ?? 0)
        sum += QueryMatcher.moodWeight * (m.mood ?? 0)
        sum += QueryMatcher.eraWeight * (m.era ?? 0)
        sum += QueryMatcher.energyWeight * (m.energy ?? 0)
        sum += QueryMatcher.tempoWeight * (m.tempo ?? 0)
        return sum / weightSum
    }

    /// Plain-words reasons for the query side of slot `i`, strongest facet first (at most three).
    func reasons(_ i: Int) -> [String] {
        if facets.tasteOnly { return ["matches '\(facets.phraseFor["taste"] ?? "your taste")'"] }
        let track = catalog.tracks[i]
        let m = matches(i)
        var terms: [(Double, String)] = []
        if let text = m.text, text > 0 {
            let fields = hits.fields[i]
            var words: [String] = []
            if fields & QueryIndex.Field.artist != 0 { words.append("artist \(track.artist)") }
            if fields & QueryIndex.Field.title != 0 { words.append("title \(track.title)") }
            if fields & QueryIndex.Field.album != 0, let album = track.album { words.append("album \(album)") }
            // For "like X", X's own tracks say so first: that is what sets them apart from the look-alikes.
            terms.append((facets.similar ? .infinity : textWeight * text, words.joined(separator: ", ")))
        }
        if let g = m.genre, g > 0 {
            let similar = genreIsSimilar[Int(catalog.genreIDs[i])]
            let parent = similar ? similarity.similar(to: track.genre).filter { facets.genres[$0] != nil }.sorted().first : nil
            let phrase = facets.phraseFor["genre:\(parent ?? track.genre)"] ?? track.genre
            terms.append((QueryMatcher.genreWeight * g, similar ? "\(track.genre), close to '\(phrase)'" : "matches '\(phrase)'"))
        }
        if let mood = m.mood, mood > 0 {
            let phrase = facets.phraseFor["mood:\(track.mood)"] ?? track.mood
            terms.append((QueryMatcher.moodWeight * mood, phrase == track.mood ? "mood \(track.mood)" : "mood \(track.mood) for '\(phrase)'"))
        }
        if let era = m.era, era > 0, let label = facets.eraLabel, let year = year(i) {
            terms.append((QueryMatcher.eraWeight * era, era == 1 ? "\(label) (\(year))" : "\(year), near the \(label)"))
        }
        if let energy = m.energy, energy > 0 {
            terms.append((QueryMatcher.energyWeight * energy, "energy \(DJ.format(track.energy)) fits '\(facets.phraseFor["energy"] ?? "energy")'"))
        }
        if let tempo = m.tempo, tempo > 0 {
            terms.append((QueryMatcher.tempoWeight * tempo, "tempo \(track.tempo.rawValue)"))
        }
        return terms.enumerated().sorted { l, r in
            l.element.0 != r.element.0 ? l.element.0 > r.element.0 : l.offset < r.offset
        }.prefix(3).map(\.element.1)
    }

    /// Per-facet matches of one track (nil = facet not asked for).
    struct Matches {
        var text: Double?
        var genre: Double?
        var mood: Double?
        var energy: Double?
        var tempo: Double?
        var era: Double?
    }
}
