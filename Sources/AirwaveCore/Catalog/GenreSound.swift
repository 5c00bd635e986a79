/// What a genre typically sounds like in one catalog: the targets an override moves a profile toward.
public struct GenreSound: Sendable, Hashable {
    /// Live tracks of the genre.
    public var count: Int
    /// Mean energy of those tracks.
    public var meanEnergy: Double
    /// Share of each mood among those tracks (sums to 1).
    public var moodMix: [String: Double]
    /// The most common tempo (ties: slow, medium, fast order).
    public var commonTempo: Tempo
}

extension Catalog {
    /// The typical sound of `genre` among live tracks, or nil if the catalog has none (one pass, O(n)).
    public func sound(of genre: String) -> GenreSound? {
        guard let id = genres.id(of: genre) else { return nil }
        var count = 0, energy = 0.0
        var tempoCounts = [0, 0, 0]
        var moodCounts = [Int](repeating: 0, count: moods.count)
        for i in 0..<self.count where Int32(genreIDs[i]) == id && alive[i] {
            count += 1
            energy += energies[i]
            tempoCounts[Int(tempos[i])] += 1
            moodCounts[Int(moodIDs[i])] += 1
        }
        guard count > 0 else { return nil }
        var mix: [String: Double] = [:]
        for (mood, n) in moodCounts.enumerated() where n > 0 { mix[moods.names[mood]] = Double(n) / Double(count) }
        let best = tempoCounts.indices.max { tempoCounts[$0] != tempoCounts[$1] ? tempoCounts[$0] < tempoCounts[$1] : $0 > $1 }!
        return GenreSound(count: count, meanEnergy: energy / Double(count), moodMix: mix, commonTempo: Tempo.allCases[best])
    }
}
