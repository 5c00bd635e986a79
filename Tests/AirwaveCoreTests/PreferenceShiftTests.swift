import Foundation
import Testing
@testable import AirwaveCore

@Suite("Preference shift")
struct PreferenceShiftTests {
    /// A small eclectic station: 50 jazz and 50 metal tracks by 10 artists each, plus 150 of other genres.
    /// (Stands in for stations/eclectic.csv until that file is in the tree.)
    static func eclectic() -> [Track] {
        var random = SeededRandom(seed: 11)
        var out: [Track] = []
        func jitter(_ center: Double) -> Double { min(1, max(0, center + (random.nextUnit() - 0.5) * 0.3)) }
        for i in 0..<50 {
            out.append(Fixture.track("jazz-\(i)", genre: "jazz", artist: "Jazz Artist \(i % 10)",
                                     mood: ["mellow", "relaxed", "sophisticated"][i % 3], energy: jitter(0.4),
                                     tempo: i % 4 == 0 ? .slow : .medium))
            out.append(Fixture.track("metal-\(i)", genre: "metal", artist: "Metal Artist \(i % 10)",
                                     mood: ["aggressive", "dark", "energetic"][i % 3], energy: jitter(0.9), tempo: .fast))
        }
        let others = SyntheticCatalog.styles.filter { $0.name != "jazz" && $0.name != "metal" }
        for i in 0..<150 {
            let style = others[i % others.count]
            out.append(Fixture.track("other-\(i)", genre: style.name, artist: "Other Artist \(i % 30)",
                                     mood: style.moods[i % 3], energy: jitter(style.energy), tempo: style.tempo))
        }
        return out
    }

    @Test("a metal fan shifted toward jazz gets at least 60% jazz in the next 20 picks")
    func metalToJazz() {
        let tracks = Self.eclectic()
        let dj = Fixture.dj(tracks, Fixture.settings(contextWeight: 0.3))
        let metalArtists = Dictionary(uniqueKeysWithValues: (0..<10).map { ("Metal Artist \($0)", 0.8) })
        let metalFan = try! Profile(genres: ["metal": 1.0, "hard-rock": 0.8, "death-metal": 0.7],
                                    artists: metalArtists, moods: ["aggressive": 0.9, "dark": 0.7],
                                    energyLevel: 0.9, tempoPreference: .fast, discoveryFactor: .fixed(0.2))
        let evening = Fixture.date("2026-03-10T19:00:00Z")
        let before = dj.recommend(PlaylistRequest(profile: metalFan, at: evening, size: 20, seed: 5)).picks
        #expect(before.filter { $0.track.genre == "metal" }.count >= 12)

        // Shift the whole profile toward what jazz sounds like in this catalog (DECISIONS 1, offset 1).
        let jazz = tracks.filter { $0.genre == "jazz" }
        let sound = dj.catalog.sound(of: "jazz")!
        #expect(sound.count == 50 && sound.commonTempo == .medium)
        #expect(abs(sound.meanEnergy - jazz.map(\.energy).reduce(0, +) / 50) < 1e-12)
        let moodMix = sound.moodMix
        #expect(abs(moodMix.values.reduce(0, +) - 1) < 1e-12 && moodMix["mellow"] == 17.0 / 50)
        var shifted = metalFan
        shifted.genres["jazz"] = 1.0
        shifted.genres["metal"] = 0.3
        shifted.energyLevel = sound.meanEnergy
        shifted.tempoPreference = .medium
        for mood in Set(shifted.moods.keys).union(moodMix.keys) {
            shifted.moods[mood] = moodMix[mood] ?? 0
        }
        let after = dj.recommend(PlaylistRequest(profile: shifted, at: evening, size: 20, seed: 5)).picks
        let jazzShare = Double(after.filter { $0.track.genre == "jazz" }.count) / 20
        #expect(jazzShare >= 0.6, "jazz share \(jazzShare)")
    }
}
