/// One request's effective profile flattened into dense per-id arrays, with the weights folded in.
///
/// Built once per request in O(genres + artists + moods); then a track's score is five array reads:
/// `score = wG·G[g] + wA·A[a] + wE·(1 − |e − P.energy|) + wT·T[t] + wM·M[m]`, summed in that order.
struct ScoringTable: Sendable {
    /// wG·G per genre id.
    var genreTerm: [Double]
    /// Whether G for a genre id came from the similarity map (0.5 partial credit).
    var genreIsSimilar: [Bool]
    /// wA·A per artist id.
    var artistTerm: [Double]
    /// wM·M per mood id.
    var moodTerm: [Double]
    /// wT·T per tempo code (slow, medium, fast).
    var tempoTerm: [Double]
    /// Artist ids with an entry in `artistTerm` (the listener's artists found in the catalog).
    var scoredArtists: [Int32]
    /// Mood ids with an entry in `moodTerm`.
    var scoredMoods: [Int32]
    var energyWeight: Double
    var energyTarget: Double

    /// Partial genre credit for a genre similar to one the listener has.
    static let similarCredit = 0.5

    /// `similarIndex` maps a genre name to the catalog genre ids it makes similar (see ``DJ/similarIndex``):
    /// walking the listener's few genres through it replaces a similarity-map and profile lookup per catalog
    /// genre on every request.
    init(catalog: Catalog, profile p: EffectiveProfile, weights w: ScoringWeights, similarIndex: [String: [Int32]]) {
        genreTerm = [Double](repeating: 0, count: catalog.genres.count)
        genreIsSimilar = [Bool](repeating: false, count: catalog.genres.count)
        var weighted = [Bool](repeating: false, count: catalog.genres.count)
        for (name, value) in p.genres {
            if let id = catalog.genres.id(of: name) {
                genreTerm[Int(id)] = w.genre * value
                weighted[Int(id)] = true
            }
        }
        // A genre without a weight of its own gets partial credit when one of its similar genres has one.
        for name in p.genres.keys {
            for id in similarIndex[name] ?? [] where !weighted[Int(id)] {
                genreTerm[Int(id)] = w.genre * ScoringTable.similarCredit
                genreIsSimilar[Int(id)] = true
            }
        }
        artistTerm = [Double](repeating: 0, count: catalog.artists.count)
        scoredArtists = []
        for (name, value) in p.artists {
            if let id = catalog.artists.id(of: name) {
                artistTerm[Int(id)] = w.artist * value
                scoredArtists.append(id)
            }
        }
        moodTerm = [Double](repeating: 0, count: catalog.moods.count)
        scoredMoods = []
        for (name, value) in p.moods {
            if let id = catalog.moods.id(of: name) {
                moodTerm[Int(id)] = w.mood * value
                scoredMoods.append(id)
            }
        }
        tempoTerm = Tempo.allCases.map { p.tempo.matches($0) ? w.tempo : 0 }
        energyWeight = w.energy
        energyTarget = p.energy
    }

    /// The score of slot `i` (the same arithmetic as the hot loop in ``DJ``).
    @inline(__always)
    func score(_ catalog: Catalog, _ i: Int) -> Double {
        genreTerm[Int(catalog.genreIDs[i])] + artistTerm[Int(catalog.artistIDs[i])]
            + energyWeight * (1 - abs(catalog.energies[i] - energyTarget))
            + tempoTerm[Int(catalog.tempos[i])] + moodTerm[Int(catalog.moodIDs[i])]
    }
}
