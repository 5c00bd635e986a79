extension DJ {
    /// Plain-words reasons for slot `i`: the score terms that contributed most, strongest first.
    ///
    /// Familiar picks get up to three terms; discovery picks lead with why they are new, then two terms.
    /// A recently liked track sharing the artist (or else the genre) adds "because you liked <title>".
    func reasons(for i: Int, discovery: Bool, _ table: ScoringTable, _ p: EffectiveProfile, _ likes: [Track]) -> [String] {
        let track = catalog.tracks[i]
        let genreID = Int(catalog.genreIDs[i])
        let similar = table.genreIsSimilar[genreID]
        var out: [String] = []
        if discovery {
            if similar, let parent = similarGenre(track.genre, in: p) {
                out.append("discovery: similar to \(parent)")
            } else if p.genres[track.genre] == nil {
                out.append("discovery: new genre for you")
            } else if p.artists[track.artist] == nil {
                out.append("discovery: new artist for you")
            } else {
                out.append("discovery: beyond your usual picks")
            }
        }
        let c = p.contextWeight
        let energyHelped = c > 0 && abs(track.energy - p.daypart.energy) < abs(track.energy - p.energy)
        let daypartMood = c > 0 && (p.daypart.moods[track.mood] ?? 0) > 0
        // (contribution, words), in the formula's order so equal contributions keep a stable order.
        var terms: [(Double, String)] = [
            (table.genreTerm[genreID], similar ? (similarGenre(track.genre, in: p).map { "similar to \($0)" } ?? "similar genre")
                                               : "genre \(track.genre) \(DJ.format(p.genres[track.genre] ?? 0))"),
            (table.artistTerm[Int(catalog.artistIDs[i])], "artist \(track.artist) \(DJ.format(p.artists[track.artist] ?? 0))"),
            (table.energyWeight * (1 - abs(track.energy - table.energyTarget)),
             energyHelped ? "\(p.daypart.name): energy \(DJ.format(track.energy))" : "energy close to yours"),
            (table.tempoTerm[Int(catalog.tempos[i])], "tempo \(track.tempo.rawValue)"),
            (table.moodTerm[Int(catalog.moodIDs[i])],
             daypartMood ? "\(p.daypart.name): \(track.mood)" : "mood \(track.mood) \(DJ.format(p.moods[track.mood] ?? 0))"),
        ]
        terms = terms.enumerated().sorted { l, r in
            l.element.0 != r.element.0 ? l.element.0 > r.element.0 : l.offset < r.offset
        }.map(\.element)
        let limit = discovery ? 2 : 3
        for (value, words) in terms where value > 0 && out.count < (discovery ? 1 : 0) + limit {
            out.append(words)
        }
        if let liked = likes.first(where: { $0.artist == track.artist && $0.trackID != track.trackID })
            ?? likes.first(where: { $0.genre == track.genre && $0.trackID != track.trackID }) {
            out.append("because you liked \(liked.title)")
        }
        return out
    }

    /// The listener's genre that earned `genre` its similar-genre credit (highest weight, then name).
    func similarGenre(_ genre: String, in p: EffectiveProfile) -> String? {
        settings.similarity.similar(to: genre)
            .compactMap { name in p.genres[name].map { (name, $0) } }
            .max { $0.1 != $1.1 ? $0.1 < $1.1 : $0.0 > $1.0 }?.0
    }

    /// A weight with at most two decimals ("0.9", "0.75").
    static func format(_ value: Double) -> String {
        let rounded = (value * 100).rounded() / 100
        return "\(rounded)"
    }
}
