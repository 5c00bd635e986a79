import Foundation

extension DJ {
    /// The reasons ``recommend(_:)`` gives the track at `index` for `profile` at `at` (the daypart at `at`
    /// applies), for callers that ranked with `includeReasons` off; empty for a removed index.
    public func reasons(forIndex index: Int, discovery: Bool, profile: Profile, at: Date, likes: [Track]) -> [String] {
        guard catalog.track(at: index) != nil else { return [] }
        let effective = effectiveProfile(profile, at: at)
        var scratch = scratchPool.take(for: catalog)
        let table = table(for: effective, scratch: &scratch)
        let out = reasons(for: index, discovery: discovery, table, effective, likes)
        table.reset(into: &scratch)
        scratchPool.give(scratch)
        return out
    }

    /// Plain-words reasons for slot `i`: the score terms that contributed most, strongest first.
    ///
    /// Familiar picks get up to three terms; discovery picks lead with why they are new, then two terms.
    /// A recently liked track sharing the artist (or else the genre) adds "because you liked <title>".
    func reasons(for i: Int, discovery: Bool, _ table: ScoringTable, _ p: EffectiveProfile, _ likes: [Track]) -> [String] {
        var words = ReasonWords()
        return reasons(for: i, discovery: discovery, table, p, likes, &words)
    }

    /// Like ``reasons(for:discovery:_:_:_:)``, reusing the words already built for this request's other picks.
    func reasons(for i: Int, discovery: Bool, _ table: ScoringTable, _ p: EffectiveProfile, _ likes: [Track],
                 _ words: inout ReasonWords) -> [String] {
        let genreID = catalog.genreIDs[i], artistID = catalog.artistIDs[i], moodID = catalog.moodIDs[i]
        let energy = catalog.energies[i]
        let similar = table.genreIsSimilar[Int(genreID)]
        let genre = genreWords(genreID, similar: similar, table, p, &words)
        var out: [String] = []
        out.reserveCapacity(4)
        if discovery {
            if similar, let parent = genre.parent {
                out.append("discovery: similar to \(parent)")
            } else if !table.genreWeighted[Int(genreID)] {
                // Same test as "the profile has no weight for this genre": weighted ids are the profile's
                // genres found in the catalog, and this track's genre is in it.
                out.append("discovery: new genre for you")
            } else if !table.scoredArtists.contains(artistID) {
                // The scored artists are exactly the profile's artists found in the catalog.
                out.append("discovery: new artist for you")
            } else {
                out.append("discovery: beyond your usual picks")
            }
        }
        let c = p.contextWeight
        let energyHelped = c > 0 && abs(energy - p.daypart.energy) < abs(energy - p.energy)
        // Contributions in the formula's order (genre, artist, energy, tempo, mood); equal contributions keep
        // that order. Only the words of the terms actually shown are built.
        let values = (table.genreTerm[Int(genreID)], table.artistTerm[Int(artistID)],
                      table.energyWeight * (1 - abs(energy - table.energyTarget)),
                      table.tempoTerm[Int(catalog.tempos[i])], table.moodTerm[Int(moodID)])
        var order = (0, 1, 2, 3, 4)
        withUnsafeMutableBytes(of: &order) { raw in
            let o = raw.bindMemory(to: Int.self)
            func value(_ term: Int) -> Double {
                switch term {
                case 0: values.0
                case 1: values.1
                case 2: values.2
                case 3: values.3
                default: values.4
                }
            }
            // Insertion sort of five: strictly greater moves ahead, so ties stay in formula order.
            for a in 1..<5 {
                let term = o[a], v = value(term)
                var b = a
                while b > 0, value(o[b - 1]) < v {
                    o[b] = o[b - 1]
                    b -= 1
                }
                o[b] = term
            }
            let limit = (discovery ? 1 : 0) + (discovery ? 2 : 3)
            for k in 0..<5 where out.count < limit {
                let term = o[k]
                guard value(term) > 0 else { continue }
                switch term {
                case 0: out.append(genre.words)
                case 1: out.append(artistWords(artistID, p, &words))
                case 2: out.append(energyHelped ? "\(p.daypart.name): energy \(DJ.format(energy))" : "energy close to yours")
                case 3: out.append(ReasonWords.tempoWords[Int(catalog.tempos[i])])
                default: out.append(moodWords(moodID, p, &words))
                }
            }
        }
        if !likes.isEmpty {
            let track = catalog.tracks[i]
            if let liked = likes.first(where: { $0.artist == track.artist && $0.trackID != track.trackID })
                ?? likes.first(where: { $0.genre == track.genre && $0.trackID != track.trackID }) {
                out.append("because you liked \(liked.title)")
            }
        }
        return out
    }

    /// The genre term's words for `id` ("genre jazz 0.9", or "similar to blues" for similar credit).
    private func genreWords(_ id: UInt16, similar: Bool, _ table: ScoringTable, _ p: EffectiveProfile,
                            _ words: inout ReasonWords) -> (parent: String?, words: String) {
        if let known = words.genres.first(where: { $0.id == id }) { return (known.parent, known.words) }
        let name = catalog.genres.names[Int(id)]
        let parent = similar ? table.similarParent(Int(id)) : nil
        let text = similar ? (parent.map { "similar to \($0)" } ?? "similar genre")
                           : "genre \(name) \(DJ.format(p.genres[name] ?? 0))"
        words.genres.append((id, parent, text))
        return (parent, text)
    }

    /// The artist term's words for `id` ("artist X 0.7").
    private func artistWords(_ id: Int32, _ p: EffectiveProfile, _ words: inout ReasonWords) -> String {
        if let known = words.artists.first(where: { $0.id == id }) { return known.words }
        let name = catalog.artists.names[Int(id)]
        let text = "artist \(name) \(DJ.format(p.artists[name] ?? 0))"
        words.artists.append((id, text))
        return text
    }

    /// The mood term's words for `id`: the daypart's name when the daypart likes the mood, else the weight.
    private func moodWords(_ id: UInt16, _ p: EffectiveProfile, _ words: inout ReasonWords) -> String {
        if let known = words.moods.first(where: { $0.id == id }) { return known.words }
        let name = catalog.moods.names[Int(id)]
        let daypartMood = p.contextWeight > 0 && (p.daypart.moods[name] ?? 0) > 0
        let text = daypartMood ? "\(p.daypart.name): \(name)" : "mood \(name) \(DJ.format(p.moods[name] ?? 0))"
        words.moods.append((id, text))
        return text
    }

    /// The listener's genre that earned `genre` its similar-genre credit (highest weight, then name); the
    /// reference for ``ScoringTable/similarParent(_:)``, which the reasons use.
    func similarGenre(_ genre: String, in p: EffectiveProfile) -> String? {
        settings.similarity.similar(to: genre)
            .compactMap { name in p.genres[name].map { (name, $0) } }
            .max { $0.1 != $1.1 ? $0.1 < $1.1 : $0.0 > $1.0 }?.0
    }

    /// A weight with at most two decimals ("0.9", "0.75").
    static func format(_ value: Double) -> String {
        let hundredths = (value * 100).rounded()
        // Weights live in [0, 1]: their 101 texts are made once (the same Double, so the same description).
        // (−0 keeps its own text, "-0.0", so the sign test rather than >= 0.)
        if hundredths.sign == .plus, hundredths <= 100 { return hundredthTexts[Int(hundredths)] }
        return "\(hundredths / 100)"
    }

    /// "\(Double(m) / 100)" for m in 0...100 (turning a Double into text was a visible share of a request).
    private static let hundredthTexts = (0...100).map { "\(Double($0) / 100)" }
}
