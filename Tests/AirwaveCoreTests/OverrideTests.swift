import Foundation
import Testing
@testable import AirwaveCore

@Suite("Listener overrides move the effective profile")
struct OverrideTests {
    static func sound(_ genre: String) -> GenreSound? {
        genre == "jazz" ? GenreSound(count: 10, meanEnergy: 0.4, moodMix: ["mellow": 0.6, "calm": 0.4], commonTempo: .medium) : nil
    }

    @Test("a genre override moves weight, energy, moods and tempo toward the genre, by hand")
    func arithmetic() throws {
        let base = try Profile(genres: ["metal": 1.0], moods: ["aggressive": 0.8], energyLevel: 0.9, tempoPreference: .fast)
        let half = base.applying(try ProfileOverrides(genres: ["jazz": 0.5]), sound: Self.sound)
        #expect(half.genres == ["metal": 0.5, "jazz": 0.5])            // metal 1.0 − 0.5·1.0
        #expect(abs(half.energyLevel - 0.65) < 1e-12)             // 0.9 + 0.5·(0.4 − 0.9)
        #expect(abs(half.moods["aggressive"]! - 0.4) < 1e-12)     // 0.8 + 0.5·(0 − 0.8)
        #expect(abs(half.moods["mellow"]! - 0.3) < 1e-12)         // 0 + 0.5·0.6
        #expect(abs(half.moods["calm"]! - 0.2) < 1e-12)
        #expect(half.tempoPreference == .medium)                  // |o| ≥ 0.5 adopts jazz's tempo

        let slight = base.applying(try ProfileOverrides(genres: ["jazz": 0.3]), sound: Self.sound)
        #expect(slight.tempoPreference == .fast)

        let away = try Profile(genres: ["jazz": 0.6], energyLevel: 0.4, tempoPreference: .medium)
            .applying(try ProfileOverrides(genres: ["jazz": -1]), sound: Self.sound)
        #expect(away.genres["jazz"] == 0)
        #expect(away.tempoPreference == .varied, "pushing away drops the genre's tempo")

        let artistsAndMoods = base.applying(try ProfileOverrides(artists: ["Miles Davis": 0.7], moods: ["aggressive": -1]), sound: Self.sound)
        #expect(artistsAndMoods.artists["Miles Davis"] == 0.7)
        #expect(artistsAndMoods.moods["aggressive"] == 0)
        #expect(artistsAndMoods.energyLevel == 0.9 && artistsAndMoods.genres == base.genres)
        #expect(base.applying(.none, sound: Self.sound) == base)
    }

    @Test("offsets outside [-1, 1] are rejected naming the key; merging sets and removes")
    func validation() throws {
        #expect(throws: ValidationError(field: "genres.jazz", "must be an offset between -1 and 1 (got 1.5)")) {
            try ProfileOverrides(genres: ["jazz": 1.5])
        }
        let merged = try ProfileOverrides(genres: ["jazz": 1, "metal": -1])
            .merging(try ProfileOverrides(genres: ["metal": 0, "soul": 0.5]))
        #expect(merged.genres == ["jazz": 1, "soul": 0.5])
    }

    @Test("a heavy-metal listener with {jazz: +1} gets at least 60% jazz; removing it restores the picks exactly")
    func metalFanOverride() throws {
        let dj = try EclecticStationTests.load()
        let metalFan = try EclecticStationTests.metalFan(dj)
        for at in ["2026-03-10T08:00:00+01:00", "2026-03-10T15:00:00+01:00", "2026-03-10T19:30:00+01:00", "2026-03-10T23:30:00+01:00"] {
            let date = Fixture.date(at)
            let before = dj.recommend(PlaylistRequest(profile: metalFan, at: date, size: 20, seed: 5)).picks
            let overridden = metalFan.applying(try ProfileOverrides(genres: ["jazz": 1.0]), sound: dj.catalog.sound(of:))
            let after = dj.recommend(PlaylistRequest(profile: overridden, at: date, size: 20, seed: 5)).picks
            let jazz = after.filter { $0.track.genre == "jazz" }.count
            #expect(jazz >= 12, "\(at): \(jazz) of 20 jazz")
            let restored = metalFan.applying(.none, sound: dj.catalog.sound(of:))
            #expect(dj.recommend(PlaylistRequest(profile: restored, at: date, size: 20, seed: 5)).picks == before)
        }
    }
}
