import Foundation
import Testing
@testable import AirwaveCore

/// Tests against the demo station in `stations/eclectic.{json,csv}` (copied from the tree's demo stations).
@Suite("Demo eclectic station")
struct EclecticStationTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../../stations").standardizedFileURL

    static func load() throws -> DJ {
        let json = try Data(contentsOf: folder.appendingPathComponent("eclectic.json"))
        let settings = try StationSettings.decode(json: [UInt8](json))
        let csv = try Data(contentsOf: folder.appendingPathComponent(settings.catalog ?? "eclectic.csv"))
        let parsed = CatalogCSV.parse(bytes: [UInt8](csv), file: "eclectic.csv")
        #expect(parsed.issues.isEmpty, "\(parsed.issues)")
        return DJ(catalog: try Catalog(tracks: parsed.tracks), settings: settings)
    }

    /// A heavy-metal listener: metal and its neighbours high, every metal artist of the station liked.
    static func metalFan(_ dj: DJ) throws -> Profile {
        let metalArtists = Set(dj.catalog.liveTracks.filter { $0.genre == "metal" }.map(\.artist))
        return try Profile(
            genres: ["metal": 1.0, "hard-rock": 0.8, "death-metal": 0.8, "black-metal": 0.7],
            artists: Dictionary(uniqueKeysWithValues: metalArtists.map { ($0, 0.8) }),
            moods: ["aggressive": 0.9, "dark": 0.8, "intense": 0.8], energyLevel: 0.9,
            tempoPreference: .fast, discoveryFactor: .fixed(0.2), totalInteractions: 200)
    }

    @Test("the station file and catalog load without issues")
    func loads() throws {
        let dj = try Self.load()
        #expect(dj.settings.id == "eclectic" && dj.settings.timezone == "Europe/Berlin")
        #expect(dj.catalog.liveCount >= 200)
        let jazz = dj.catalog.liveTracks.filter { $0.genre == "jazz" }
        let metal = dj.catalog.liveTracks.filter { $0.genre == "metal" }
        #expect(jazz.count >= 40 && metal.count >= 40)
        #expect(Set(jazz.map(\.artist)).count >= 8 && Set(metal.map(\.artist)).count >= 8)
    }

    @Test("a heavy-metal listener shifted toward jazz gets at least 60% jazz in the next 20 picks")
    func metalFanShiftedToJazz() throws {
        let dj = try Self.load()
        let metalFan = try EclecticStationTests.metalFan(dj)
        let evening = Fixture.date("2026-03-10T19:30:00+01:00")
        let before = dj.recommend(PlaylistRequest(profile: metalFan, at: evening, size: 20, seed: 77)).picks
        let metalBefore = before.filter { $0.track.genre == "metal" }.count
        #expect(metalBefore >= 12, "metal before: \(metalBefore)")

        // The whole profile moves toward how jazz sounds in this catalog (DECISIONS 1, offset +1):
        // genre term up, metal down, energy to jazz's mean, moods to jazz's mood mix, tempo to its usual one.
        let sound = try #require(dj.catalog.sound(of: "jazz"))
        var shifted = metalFan
        shifted.genres["jazz"] = 1.0
        shifted.genres["metal"] = 0.3
        shifted.energyLevel += 1.0 * (sound.meanEnergy - metalFan.energyLevel)
        for mood in Set(shifted.moods.keys).union(sound.moodMix.keys) {
            let current = shifted.moods[mood] ?? 0
            shifted.moods[mood] = min(1, max(0, current + 1.0 * ((sound.moodMix[mood] ?? 0) - current)))
        }
        shifted.tempoPreference = TempoPreference(rawValue: sound.commonTempo.rawValue)!
        let after = dj.recommend(PlaylistRequest(profile: shifted, at: evening, size: 20, seed: 77)).picks
        let jazzAfter = after.filter { $0.track.genre == "jazz" }.count
        #expect(Double(jazzAfter) / 20 >= 0.6, "jazz after: \(jazzAfter) of 20")
        #expect(after.filter(\.discovery).count == 4)
    }
}
