/// The five unweighted score terms of a track for a profile: the features the weights multiply.
///
/// `[G, A, 1 − |energy − target|, T, M]` exactly as the DJ contract defines them, so that
/// `score = Σ weights·terms`.
public enum ScoreTerms {
    /// Number of terms (genre, artist, energy, tempo, mood).
    public static let count = 5

    /// The terms of `track` for `profile`, with `similarity` deciding the partial genre credit.
    public static func of(_ track: Track, for profile: EffectiveProfile, similarity: SimilarityMap) -> [Double] {
        let genre: Double
        if let weight = profile.genres[track.genre] {
            genre = weight
        } else if profile.genres.keys.contains(where: { similarity.areSimilar($0, track.genre) }) {
            genre = 0.5
        } else {
            genre = 0
        }
        return [
            genre,
            profile.artists[track.artist] ?? 0,
            1 - abs(track.energy - profile.energy),
            profile.tempo.matches(track.tempo) ? 1 : 0,
            profile.moods[track.mood] ?? 0,
        ]
    }
}

extension ScoringWeights {
    /// The weights as a vector in term order (genre, artist, energy, tempo, mood).
    public var vector: [Double] { [genre, artist, energy, tempo, mood] }
}
