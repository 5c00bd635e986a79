import AirwaveCore
import Foundation

/// The obvious implementation of the same formula, for comparison: one dictionary per track, the
/// profile read through dictionaries and the similarity map on every track, and a full sort.
struct NaiveDJ {
    let tracks: [[String: Any]]
    let settings: StationSettings

    init(tracks: [Track], settings: StationSettings) {
        self.tracks = tracks.map { t in
            ["track_id": t.trackID, "genre": t.genre, "artist": t.artist, "mood": t.mood,
             "energy": t.energy, "tempo": t.tempo.rawValue, "title": t.title] as [String: Any]
        }
        self.settings = settings
    }

    /// The same playlist rule (top K, discovery drawn from the next 300, weighted by score), done naively.
    func recommend(_ profile: Profile, at date: Date, size k: Int, discovery f: Double, seed: UInt64) -> [(Int, Double, Bool)] {
        let daypart = settings.daypart(at: date)
        let c = settings.contextWeight
        let energyTarget = (1 - c) * profile.energyLevel + c * daypart.energy
        var moods: [String: Double] = [:]
        for m in Set(profile.moods.keys).union(daypart.moods.keys) {
            moods[m] = (1 - c) * (profile.moods[m] ?? 0) + c * (daypart.moods[m] ?? 0)
        }
        let w = settings.weights
        var scored: [(Int, Double)] = []
        for (i, t) in tracks.enumerated() {
            let genre = t["genre"] as! String
            var g = 0.0
            if let v = profile.genres[genre] { g = v }
            else if settings.similarity.similar(to: genre).contains(where: { profile.genres[$0] != nil }) { g = 0.5 }
            let a = profile.artists[t["artist"] as! String] ?? 0
            let e = 1 - abs((t["energy"] as! Double) - energyTarget)
            let tempo = Tempo(rawValue: t["tempo"] as! String)!
            let tt = profile.tempoPreference.matches(tempo) ? 1.0 : 0.0
            let m = moods[t["mood"] as! String] ?? 0
            scored.append((i, w.genre * g + w.artist * a + w.energy * e + w.tempo * tt + w.mood * m))
        }
        scored.sort { $0.1 != $1.1 ? $0.1 > $1.1 : $0.0 < $1.0 }
        let d = min(k, Int((Double(k) * f).rounded(.toNearestOrAwayFromZero)))
        var pool = Array(scored.dropFirst(k).prefix(300))
        var random = SeededRandom(seed: seed)
        var picks: [(Int, Double, Bool)] = scored.prefix(k - d).map { ($0.0, $0.1, false) }
        for _ in 0..<d where !pool.isEmpty {
            let total = pool.reduce(0) { $0 + max($1.1, 0) + 1e-6 }
            var target = random.nextUnit() * total
            var chosen = pool.count - 1
            for (j, item) in pool.enumerated() {
                target -= max(item.1, 0) + 1e-6
                if target < 0 { chosen = j; break }
            }
            let item = pool.remove(at: chosen)
            picks.append((item.0, item.1, true))
        }
        return picks
    }
}
