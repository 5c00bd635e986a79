import AirwaveCore
import Foundation
import Testing
@testable import AirwaveRuntime

@Suite("Preference simulator: synthetic listeners with hidden tastes")
struct PreferenceSimulatorTests {
    static let catalog = try! Catalog(tracks: SyntheticCatalog.tracks(count: 4000, seed: 11))

    struct Session {
        let clock = ManualClock(start: Date(timeIntervalSince1970: 1_795_442_400))
        let book = ProfileBook()
        let journal: MemoryJournal
        let runtime: RadioRuntime
        let station: StationRuntime

        init(profile: Profile, user: String = "sim") throws {
            journal = MemoryJournal(book: book)
            runtime = RadioRuntime(clock: clock, journal: journal, profiles: book)
            station = try runtime.addStation(try StationSettings(id: "sim-fm", timezone: "Europe/Berlin", queueSize: 8),
                                             catalog: PreferenceSimulatorTests.catalog)
            book.update(user, to: VersionedProfile(profile: profile, version: 1))
            try station.join(userID: user, now: clock.now())
        }
    }

    @Test("the like rate rises over a session as the DJ learns the hidden taste")
    func likeRateRises() throws {
        let session = try Session(profile: try Profile(discoveryFactor: .fixed(0.2)))
        var listener = SimulatedListener(userID: "sim", taste: .init(loved: ["jazz", "soul", "blues"], hated: ["metal", "techno", "trap"]),
                                         random: SeededRandom(seed: 3))
        var outcomes: [SimulatedListener.Outcome] = []
        for _ in 0..<300 {
            outcomes.append(try listener.listen(on: session.station, runtime: session.runtime, clock: session.clock, book: session.book))
        }
        func lovedShare(_ slice: ArraySlice<SimulatedListener.Outcome>) -> Double {
            Double(slice.filter { listener.taste.loved.contains($0.track.genre) }.count) / Double(slice.count)
        }
        func likeRate(_ slice: ArraySlice<SimulatedListener.Outcome>) -> Double {
            Double(slice.filter(\.liked).count) / Double(slice.count)
        }
        func skipRate(_ slice: ArraySlice<SimulatedListener.Outcome>) -> Double {
            Double(slice.filter(\.skipped).count) / Double(slice.count)
        }
        let early = outcomes.prefix(50), late = outcomes.suffix(100)
        #expect(likeRate(late) > likeRate(early) + 0.15, "like rate \(likeRate(early)) → \(likeRate(late))")
        #expect(lovedShare(late) >= 0.4 && lovedShare(late) > 3 * lovedShare(early),
                "loved genres \(lovedShare(early)) → \(lovedShare(late))")
        #expect(skipRate(late) < skipRate(early), "skip rate \(skipRate(early)) → \(skipRate(late))")
    }

    @Test("discovery share stays within 2 points of the setting over 1,000 plays, with no repeats in the window")
    func discoveryShareAndRepeats() throws {
        for setting in [0.1, 0.3] {
            let session = try Session(profile: try Profile(genres: ["jazz": 0.8, "rock": 0.6], discoveryFactor: .fixed(setting)))
            var listener = SimulatedListener(userID: "sim", taste: .init(loved: ["jazz"], hated: ["metal"], likeChance: 0.2, boredSkipChance: 0.1),
                                             random: SeededRandom(seed: 9))
            var outcomes: [SimulatedListener.Outcome] = []
            for _ in 0..<1000 {
                outcomes.append(try listener.listen(on: session.station, runtime: session.runtime, clock: session.clock, book: session.book))
            }
            let share = Double(outcomes.filter(\.discovery).count) / Double(outcomes.count)
            #expect(abs(share - setting) <= 0.02, "discovery \(setting): played share \(share)")

            // Repeat window: the last 50 plays or the last 3 hours, whichever holds more.
            for (i, outcome) in outcomes.enumerated() {
                let window = outcomes[..<i].enumerated().filter { j, earlier in
                    i - j <= 50 || outcome.at.timeIntervalSince(earlier.at) < 3 * 3600
                }
                #expect(!window.contains { $0.element.track.trackID == outcome.track.trackID }, "play \(i) repeats within the window")
            }
        }
    }
}
