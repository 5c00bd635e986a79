/// One request's effective profile flattened into dense per-id arrays, with the weights folded in.
///
/// Built once per request in O(the listener's genres + artists + moods) by writing only those entries into
/// zeroed arrays borrowed from a ``RequestScratch`` (``reset(into:)`` zeroes them again and hands them back);
/// then a track's score is five array reads:
/// `score = wG·G[g] + wA·A[a] + wE·(1 − |e − P.energy|) + wT·T[t] + wM·M[m]`, summed in that order.
struct ScoringTable: Sendable {
    /// wG·G per genre id.
    var genreTerm: [Double]
    /// Whether G for a genre id came from the similarity map (0.5 partial credit).
    var genreIsSimilar: [Bool]
    /// Whether the listener has a weight of their own for a genre id.
    var genreWeighted: [Bool]
    /// Per genre id with similar credit, 1 + its position in `similarParents` (0 for the others).
    var parentSlot: [Int32]
    /// For each similar-credited genre, the listener genre that earned the credit (see ``similarParent(_:)``).
    var similarParents: [(name: String, weight: Double)]
    /// wA·A per artist id.
    var artistTerm: [Double]
    /// wM·M per mood id.
    var moodTerm: [Double]
    /// wT·T per tempo code (slow, medium, fast).
    var tempoTerm: [Double]
    /// Genre ids with a non-default entry (weighted or similar), so they can be reset.
    var scoredGenres: [Int32]
    /// Artist ids with an entry in `artistTerm` (the listener's artists found in the catalog).
    var scoredArtists: [Int32]
    /// Mood ids with an entry in `moodTerm`.
    var scoredMoods: [Int32]
    var energyWeight: Double
    var energyTarget: Double

    /// Partial genre credit for a genre similar to one the listener has.
    static let similarCredit = 0.5

    /// A table in freshly allocated arrays (for one-off scores; requests borrow a scratch).
    init(catalog: borrowing Catalog, profile p: borrowing EffectiveProfile, weights w: ScoringWeights,
         similarIndex: borrowing [String: [Int32]]) {
        var scratch = RequestScratch()
        scratch.fit(catalog)
        self.init(catalog: catalog, profile: p, weights: w, similarIndex: similarIndex, scratch: &scratch)
    }

    /// `similarIndex` maps a genre name to the catalog genre ids it makes similar (see ``DJ/similarIndex``):
    /// walking the listener's few genres through it replaces a similarity-map and profile lookup per catalog
    /// genre on every request. The term arrays are moved out of `scratch` (sized by ``RequestScratch/fit(_:)``).
    init(catalog: borrowing Catalog, profile p: borrowing EffectiveProfile, weights w: ScoringWeights,
         similarIndex: borrowing [String: [Int32]],
         scratch: inout RequestScratch) {
        genreTerm = scratch.genreTerm
        genreIsSimilar = scratch.genreIsSimilar
        genreWeighted = scratch.genreWeighted
        // The id lists and the tempo terms reuse the scratch's storage too (growing fresh lists by appending
        // reallocated them several times per request).
        scoredGenres = scratch.scoredGenres
        scoredArtists = scratch.scoredArtists
        scoredMoods = scratch.scoredMoods
        tempoTerm = scratch.tempoTerm
        parentSlot = scratch.parentSlot
        similarParents = scratch.similarParents
        artistTerm = scratch.artistTerm
        moodTerm = scratch.moodTerm
        scratch.genreTerm = []
        scratch.genreIsSimilar = []
        scratch.genreWeighted = []
        scratch.parentSlot = []
        scratch.similarParents = []
        scratch.scoredGenres = []
        scratch.scoredArtists = []
        scratch.scoredMoods = []
        scratch.tempoTerm = []
        scratch.artistTerm = []
        scratch.moodTerm = []
        for (name, value) in p.genres {
            if let id = catalog.genres.id(of: name) {
                genreTerm[Int(id)] = w.genre * value
                genreWeighted[Int(id)] = true
                scoredGenres.append(id)
            }
        }
        // A genre without a weight of its own gets partial credit when one of its similar genres has one.
        // The reasons name the listener genre that earned it (highest weight, then first name), found here
        // while the weights are at hand: looking it up per reason hashed every similar genre's names.
        for (name, value) in p.genres {
            for id in similarIndex[name] ?? [] where !genreWeighted[Int(id)] {
                if !genreIsSimilar[Int(id)] {
                    scoredGenres.append(id)
                    similarParents.append((name, value))
                    parentSlot[Int(id)] = Int32(similarParents.count)
                } else {
                    let at = Int(parentSlot[Int(id)]) - 1
                    let best = similarParents[at]
                    if value > best.weight || (value == best.weight && name < best.name) { similarParents[at] = (name, value) }
                }
                genreTerm[Int(id)] = w.genre * ScoringTable.similarCredit
                genreIsSimilar[Int(id)] = true
            }
        }
        for (name, value) in p.artists {
            if let id = catalog.artists.id(of: name) {
                artistTerm[Int(id)] = w.artist * value
                scoredArtists.append(id)
            }
        }
        for (name, value) in p.moods {
            if let id = catalog.moods.id(of: name) {
                moodTerm[Int(id)] = w.mood * value
                scoredMoods.append(id)
            }
        }
        if tempoTerm.count != Tempo.allCases.count { tempoTerm = Array(repeating: 0, count: Tempo.allCases.count) }
        for (code, tempo) in Tempo.allCases.enumerated() { tempoTerm[code] = p.tempo.matches(tempo) ? w.tempo : 0 }
        energyWeight = w.energy
        energyTarget = p.energy
    }

    /// Zeroes the entries this table wrote and moves the arrays back into `scratch`.
    consuming func reset(into scratch: inout RequestScratch) {
        for g in scoredGenres {
            genreTerm[Int(g)] = 0
            genreIsSimilar[Int(g)] = false
            genreWeighted[Int(g)] = false
            parentSlot[Int(g)] = 0
        }
        for a in scoredArtists { artistTerm[Int(a)] = 0 }
        for m in scoredMoods { moodTerm[Int(m)] = 0 }
        similarParents.removeAll(keepingCapacity: true)
        scoredGenres.removeAll(keepingCapacity: true)
        scoredArtists.removeAll(keepingCapacity: true)
        scoredMoods.removeAll(keepingCapacity: true)
        scratch.scoredGenres = scoredGenres
        scratch.scoredArtists = scoredArtists
        scratch.scoredMoods = scoredMoods
        scratch.tempoTerm = tempoTerm
        scratch.genreTerm = genreTerm
        scratch.genreIsSimilar = genreIsSimilar
        scratch.genreWeighted = genreWeighted
        scratch.parentSlot = parentSlot
        scratch.similarParents = similarParents
        scratch.artistTerm = artistTerm
        scratch.moodTerm = moodTerm
    }

    /// The listener genre that earned genre `id` its similar credit (highest weight, then name), or nil
    /// when `id` has none; the same answer as ``DJ/similarGenre(_:in:)``.
    func similarParent(_ id: Int) -> String? {
        let slot = Int(parentSlot[id])
        return slot > 0 ? similarParents[slot - 1].name : nil
    }

    /// The score of slot `i` (the same arithmetic as the hot loop in ``DJ``).
    @inline(__always)
    func score(_ catalog: Catalog, _ i: Int) -> Double {
        genreTerm[Int(catalog.genreIDs[i])] + artistTerm[Int(catalog.artistIDs[i])]
            + energyWeight * (1 - abs(catalog.energies[i] - energyTarget))
            + tempoTerm[Int(catalog.tempos[i])] + moodTerm[Int(catalog.moodIDs[i])]
    }
}
