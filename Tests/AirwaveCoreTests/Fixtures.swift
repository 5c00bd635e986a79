import Foundation
@testable import AirwaveCore

/// Small builders shared by the core tests.
enum Fixture {
    static func track(_ id: String, genre: String = "jazz", artist: String = "Someone", mood: String = "mellow",
                      energy: Double = 0.5, tempo: Tempo = .medium, title: String? = nil) -> Track {
        try! Track(trackID: id, title: title ?? "Title \(id)", artist: artist, genre: genre, mood: mood,
                   energy: energy, tempo: tempo, duration: 200)
    }

    /// A UTC station with context off (c = 0) unless told otherwise.
    static func settings(timezone: String = "UTC", contextWeight: Double = 0, weights: ScoringWeights = .default,
                         similarity: SimilarityMap = .default) -> StationSettings {
        try! StationSettings(id: "test", timezone: timezone, contextWeight: contextWeight, weights: weights,
                             similarity: similarity)
    }

    static func dj(_ tracks: [Track], _ settings: StationSettings = settings()) -> DJ {
        DJ(catalog: try! Catalog(tracks: tracks), settings: settings)
    }

    /// A moment given as ISO 8601 with an offset or Z.
    static func date(_ text: String) -> Date {
        let formatter = ISO8601DateFormatter()
        return formatter.date(from: text)!
    }

    static let noon = date("2026-03-10T12:30:00Z")

    static func synthetic(_ count: Int, seed: UInt64 = 7) -> DJ {
        dj(SyntheticCatalog.tracks(count: count, seed: seed))
    }

    static func profile(genres: [String: Double] = [:], artists: [String: Double] = [:], moods: [String: Double] = [:],
                        energy: Double = 0.5, tempo: TempoPreference = .varied, discovery: Double = 0) -> Profile {
        try! Profile(genres: genres, artists: artists, moods: moods, energyLevel: energy, tempoPreference: tempo,
                     discoveryFactor: .fixed(discovery))
    }
}
