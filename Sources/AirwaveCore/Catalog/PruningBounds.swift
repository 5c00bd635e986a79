/// Per-genre summaries that bound the best score any track of a genre can reach, for exact pruning.
///
/// Invariant: each summary covers every track ever stored under that genre (a superset of the live
/// ones), so bounds stay ≥ the true best score after replacements and removals.
struct PruningBounds: Sendable {
    /// Genre ids each artist has recorded in.
    var artistGenres: [[Int32]] = []
    /// Genre ids each mood occurs in.
    var moodGenres: [[Int32]] = []
    /// Lowest and highest energy per genre id.
    var energyMin: [Double] = []
    var energyMax: [Double] = []
    /// Tempo codes present per genre id, as bits (1 slow, 2 medium, 4 fast).
    var tempoMask: [UInt8] = []

    mutating func note(genre g: Int32, artist a: Int32, mood m: Int32, energy: Double, tempo: UInt8,
                       genres: Int, artists: Int, moods: Int) {
        while energyMin.count < genres {
            energyMin.append(.infinity); energyMax.append(-.infinity); tempoMask.append(0)
        }
        while artistGenres.count < artists { artistGenres.append([]) }
        while moodGenres.count < moods { moodGenres.append([]) }
        let gi = Int(g)
        energyMin[gi] = min(energyMin[gi], energy)
        energyMax[gi] = max(energyMax[gi], energy)
        tempoMask[gi] |= 1 << tempo
        // Lists stay short (an artist rarely spans many genres); a linear check beats a Set here.
        if !artistGenres[Int(a)].contains(g) { artistGenres[Int(a)].append(g) }
        if !moodGenres[Int(m)].contains(g) { moodGenres[Int(m)].append(g) }
    }
}
