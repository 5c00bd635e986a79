import Foundation

/// Generates realistic-looking catalogs for tests and benchmarks, fully determined by a seed.
///
/// 42 genres (every genre in the default similarity map plus a few more); artists follow a Zipf law
/// (a few prolific, a long tail) and each mostly records in one home genre; energy, tempo and mood follow
/// the genre; durations cluster around 3–5 minutes.
public enum SyntheticCatalog {
    /// A genre's typical sound.
    public struct GenreStyle: Sendable {
        /// Genre name as it appears in tracks.
        public var name: String
        /// Mean energy; tracks spread ±0.15 around it.
        public var energy: Double
        /// Moods, most typical first.
        public var moods: [String]
        /// Most common tempo.
        public var tempo: Tempo
    }

    /// Every genre the generator uses, with its style.
    public static let styles: [GenreStyle] = [
        .init(name: "rock", energy: 0.7, moods: ["energetic", "rebellious", "upbeat"], tempo: .fast),
        .init(name: "alternative", energy: 0.6, moods: ["melancholic", "energetic", "dreamy"], tempo: .medium),
        .init(name: "indie", energy: 0.55, moods: ["dreamy", "upbeat", "melancholic"], tempo: .medium),
        .init(name: "punk", energy: 0.85, moods: ["rebellious", "energetic", "angry"], tempo: .fast),
        .init(name: "metal", energy: 0.9, moods: ["aggressive", "dark", "energetic"], tempo: .fast),
        .init(name: "pop", energy: 0.65, moods: ["upbeat", "happy", "romantic"], tempo: .medium),
        .init(name: "dance", energy: 0.8, moods: ["energetic", "happy", "upbeat"], tempo: .fast),
        .init(name: "electronic", energy: 0.7, moods: ["energetic", "dreamy", "dark"], tempo: .fast),
        .init(name: "indie-pop", energy: 0.55, moods: ["happy", "dreamy", "upbeat"], tempo: .medium),
        .init(name: "synth-pop", energy: 0.65, moods: ["upbeat", "nostalgic", "dreamy"], tempo: .medium),
        .init(name: "jazz", energy: 0.4, moods: ["mellow", "relaxed", "sophisticated"], tempo: .medium),
        .init(name: "blues", energy: 0.4, moods: ["melancholic", "soulful", "mellow"], tempo: .slow),
        .init(name: "soul", energy: 0.5, moods: ["soulful", "romantic", "mellow"], tempo: .medium),
        .init(name: "funk", energy: 0.7, moods: ["groovy", "upbeat", "energetic"], tempo: .medium),
        .init(name: "swing", energy: 0.6, moods: ["happy", "upbeat", "groovy"], tempo: .fast),
        .init(name: "classical", energy: 0.3, moods: ["calm", "sophisticated", "melancholic"], tempo: .slow),
        .init(name: "orchestral", energy: 0.45, moods: ["epic", "dramatic", "calm"], tempo: .medium),
        .init(name: "baroque", energy: 0.35, moods: ["sophisticated", "calm", "happy"], tempo: .medium),
        .init(name: "romantic", energy: 0.35, moods: ["romantic", "melancholic", "dramatic"], tempo: .slow),
        .init(name: "contemporary", energy: 0.3, moods: ["dark", "calm", "dreamy"], tempo: .slow),
        .init(name: "hip-hop", energy: 0.65, moods: ["confident", "energetic", "dark"], tempo: .medium),
        .init(name: "rap", energy: 0.7, moods: ["confident", "aggressive", "energetic"], tempo: .medium),
        .init(name: "trap", energy: 0.75, moods: ["dark", "aggressive", "confident"], tempo: .fast),
        .init(name: "r&b", energy: 0.5, moods: ["romantic", "soulful", "mellow"], tempo: .slow),
        .init(name: "urban", energy: 0.6, moods: ["confident", "groovy", "upbeat"], tempo: .medium),
        .init(name: "techno", energy: 0.85, moods: ["energetic", "dark", "hypnotic"], tempo: .fast),
        .init(name: "house", energy: 0.8, moods: ["energetic", "happy", "groovy"], tempo: .fast),
        .init(name: "trance", energy: 0.8, moods: ["euphoric", "dreamy", "energetic"], tempo: .fast),
        .init(name: "ambient", energy: 0.15, moods: ["calm", "dreamy", "relaxed"], tempo: .slow),
        .init(name: "folk", energy: 0.35, moods: ["nostalgic", "calm", "melancholic"], tempo: .slow),
        .init(name: "acoustic", energy: 0.3, moods: ["calm", "relaxed", "romantic"], tempo: .slow),
        .init(name: "country", energy: 0.5, moods: ["nostalgic", "happy", "melancholic"], tempo: .medium),
        .init(name: "americana", energy: 0.45, moods: ["nostalgic", "melancholic", "relaxed"], tempo: .medium),
        .init(name: "singer-songwriter", energy: 0.3, moods: ["melancholic", "romantic", "calm"], tempo: .slow),
        .init(name: "hard-rock", energy: 0.85, moods: ["energetic", "rebellious", "aggressive"], tempo: .fast),
        .init(name: "progressive", energy: 0.65, moods: ["epic", "dreamy", "dark"], tempo: .medium),
        .init(name: "death-metal", energy: 0.95, moods: ["aggressive", "dark", "angry"], tempo: .fast),
        .init(name: "black-metal", energy: 0.95, moods: ["dark", "aggressive", "epic"], tempo: .fast),
        .init(name: "reggae", energy: 0.5, moods: ["relaxed", "happy", "groovy"], tempo: .slow),
        .init(name: "latin", energy: 0.75, moods: ["happy", "romantic", "energetic"], tempo: .fast),
        .init(name: "gospel", energy: 0.6, moods: ["uplifting", "soulful", "happy"], tempo: .medium),
        .init(name: "world", energy: 0.5, moods: ["relaxed", "upbeat", "mellow"], tempo: .medium),
    ]

    private static let words = ["Blue", "Night", "Fire", "River", "Golden", "Shadow", "Dream", "City", "Heart",
                                "Storm", "Silver", "Echo", "Midnight", "Sun", "Stone", "Wild", "Electric", "Glass",
                                "Velvet", "Neon", "Ocean", "Paper", "Iron", "Crystal", "Lonely", "Summer", "Winter",
                                "Highway", "Moon", "Rain", "Thunder", "Garden", "Ghost", "Honey", "Rebel", "Angel"]

    /// `count` tracks with ids `syn-0000001`…; the same seed always gives the same catalog.
    public static func tracks(count: Int, seed: UInt64) -> [Track] {
        var random = SeededRandom(seed: seed)
        let artistCount = max(40, count / 25)
        // Zipf (s = 1.07) over artist ranks: cumulative weights for a binary-search draw.
        var cumulative = [Double](repeating: 0, count: artistCount)
        var total = 0.0
        for rank in 0..<artistCount {
            total += 1 / pow(Double(rank + 1), 1.07)
            cumulative[rank] = total
        }
        var homeGenre = [Int](repeating: 0, count: artistCount)
        for a in 0..<artistCount { homeGenre[a] = Int(random.next() % UInt64(styles.count)) }
        var out: [Track] = []
        out.reserveCapacity(count)
        for i in 0..<count {
            let target = random.nextUnit() * total
            var lo = 0, hi = artistCount - 1
            while lo < hi {
                let mid = (lo + hi) / 2
                if cumulative[mid] < target { lo = mid + 1 } else { hi = mid }
            }
            let artist = lo
            // Nine in ten tracks are in the artist's home genre.
            let genre = random.nextUnit() < 0.9 ? homeGenre[artist] : Int(random.next() % UInt64(styles.count))
            let style = styles[genre]
            let noise = (random.nextUnit() + random.nextUnit() + random.nextUnit() - 1.5) * 0.2
            let energy = (min(1, max(0, style.energy + noise)) * 1000).rounded() / 1000
            let tempoRoll = random.nextUnit()
            let tempo: Tempo = tempoRoll < 0.7 ? style.tempo : (tempoRoll < 0.85 ? .medium : (energy > 0.5 ? .fast : .slow))
            let moodRoll = random.nextUnit()
            let mood = style.moods[moodRoll < 0.6 ? 0 : (moodRoll < 0.85 ? 1 : 2)]
            // Roughly 2–7 minutes, most near 3½–4.
            let duration = (150 + (random.nextUnit() + random.nextUnit() + random.nextUnit()) * 80).rounded()
            let title = words[Int(random.next() % UInt64(words.count))] + " " + words[Int(random.next() % UInt64(words.count))]
            let id = String(i + 1)
            let track = try! Track(
                trackID: "syn-" + String(repeating: "0", count: max(0, 7 - id.utf8.count)) + id,
                title: title, artist: "Artist \(artist + 1)", genre: style.name, mood: mood, energy: energy,
                tempo: tempo, duration: duration, album: "\(style.name.capitalized) Sessions \(artist % 9 + 1)",
                year: 1960 + Int(random.next() % 66), bpm: Double(tempo == .slow ? 70 : tempo == .medium ? 105 : 135)
                    + Double(random.next() % 20))
            out.append(track)
        }
        return out
    }
}
