import Foundation

extension DJ {
    /// The reasons ``recommend(_:)`` gives the track at `index` for `profile` at `at` (the daypart at `at`
    /// applies), for callers that ranked with `includeReasons` off; empty for a removed index.
    public func reasons(forIndex index: Int, discovery: Bool, profile: Profile, at: Date, likes: [Track]) -> [String] {
        guard catalog.track(at: index) != nil else { return [] }
        let effective = effectiveProfile(profile, at: at)
        return reasons(for: index, discovery: discovery, table(for: effective), effective, likes)
    }

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
        // Contributions in the formula's order (genre, artist, energy, tempo, mood); equal contributions keep
        // that order. Only the words of the terms actually shown are built: formatting every term and then
        // sorting (value, string) pairs was most of a request's reasons cost.
        let values = (table.genreTerm[genreID], table.artistTerm[Int(catalog.artistIDs[i])],
                      table.energyWeight * (1 - abs(track.energy - table.energyTarget)),
                      table.tempoTerm[Int(catalog.tempos[i])], table.moodTerm[Int(catalog.moodIDs[i])])
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
                case 0:
                    out.append(similar ? (similarGenre(track.genre, in: p).map { "similar to \($0)" } ?? "similar genre")
                                       : "genre \(track.genre) \(DJ.format(p.genres[track.genre] ?? 0))")
                case 1: out.append("artist \(track.artist) \(DJ.format(p.artists[track.artist] ?? 0))")
                case 2: out.append(energyHelped ? "\(p.daypart.name): energy \(DJ.format(track.energy))" : "energy close to yours")
                case 3: out.append("tempo \(track.tempo.rawValue)")
                default:
                    out.append(daypartMood ? "\(p.daypart.name): \(track.mood)" : "mood \(track.mood) \(DJ.format(p.moods[track.mood] ?? 0))")
                }
            }
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
