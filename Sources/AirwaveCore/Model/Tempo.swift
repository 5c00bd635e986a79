/// The tempo class of a track.
public enum Tempo: String, Codable, Sendable, CaseIterable, Hashable {
    case slow, medium, fast
}

/// A listener's tempo preference: a tempo class, or `varied` (every tempo matches).
public enum TempoPreference: String, Codable, Sendable, CaseIterable, Hashable {
    case slow, medium, fast, varied

    /// Whether a track of `tempo` earns the tempo term.
    public func matches(_ tempo: Tempo) -> Bool {
        self == .varied || self.rawValue == tempo.rawValue
    }
}
