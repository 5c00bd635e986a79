import AirwaveCore
import Foundation
import Testing
@testable import AirwaveRuntime

@Suite("Smart shuffle and transitions in the runtime")
struct ShuffleRuntimeTests {
    /// One station with one listener, driven by a manual clock.
    struct Session {
        let clock = ManualClock(start: Fixtures.date(hour: 14))
        let book = ProfileBook()
        let journal: MemoryJournal
        let runtime: RadioRuntime
        let station: StationRuntime

        init(settings: StationSettings = Fixtures.settings(), catalog: Catalog, profile: Profile = .neutral) throws {
            journal = MemoryJournal(book: book)
            runtime = RadioRuntime(clock: clock, journal: journal, profiles: book)
            try runtime.addStation(settings, catalog: catalog)
            station = try runtime.station(settings.id)
            book.update("ana", to: VersionedProfile(profile: profile, version: 1))
            try station.join(userID: "ana", now: clock.now())
        }

        /// Lets `count` tracks play to their end, the listener staying active; checks the queue stays full.
        func play(_ count: Int, queueSize: Int) throws {
            for _ in 0..<count {
                let queue = try station.queue(of: "ana")
                #expect(queue.upNext.count == queueSize, "the queue stays full")
                let playing = try #require(queue.nowPlaying, "never silent")
                clock.set(playing.endsAt)
                try station.touch(userID: "ana", now: clock.now())
                #expect(runtime.tick() == 1)
            }
        }

        var plays: [PlayEvent] { journal.allPlays }
    }

    /// `count` tracks by `artists` artists (cycling), energies spread over 0…0.9, keys and BPM on most.
    static func catalog(count: Int, artists: Int) -> Catalog {
        let keys = ["C", "Am", "G", "Em", "D", "Bm", "A", "F#m", "E", "C#m", "B", "G#m", "F#", "Ebm", "Db", "Bbm", "Ab", "Fm", "Eb", "Cm", "Bb", "Gm", "F", "Dm"]
        let tracks = (0..<count).map { i in
            try! Track(trackID: "t\(i)", title: "Song \(i)", artist: "Artist \(i % artists)",
                       genre: Fixtures.genres[i % Fixtures.genres.count], mood: Fixtures.moods[i % Fixtures.moods.count],
                       energy: Double((i * 7) % 10) / 10, tempo: [.slow, .medium, .fast][i % 3],
                       duration: 180 + Double(i % 7) * 10, key: i % 5 == 4 ? nil : keys[(i * 5) % keys.count],
                       bpm: i % 6 == 5 ? nil : 70 + Double((i * 13) % 90))
        }
        return try! Catalog(tracks: tracks)
    }

    @Test("no track repeats within the repeat window (50 plays or 3 hours) over a long session")
    func noRepeatsInWindow() throws {
        let session = try Session(catalog: Self.catalog(count: 150, artists: 15))
        try session.play(400, queueSize: 5)
        let plays = session.plays
        var last: [String: Int] = [:]
        var repeats = 0
        for (i, play) in plays.enumerated() {
            if let j = last[play.track.trackID] {
                repeats += 1
                #expect(i - j > 50, "\(play.track.trackID) again after \(i - j) plays")
                #expect(play.startedAt.timeIntervalSince(plays[j].endedAt) >= 3 * 3600, "\(play.track.trackID) again within 3 hours")
            }
            last[play.track.trackID] = i
        }
        #expect(repeats > 100, "the session is long enough to cycle the catalog")
    }

    @Test("the same artist never plays within 3 tracks when the catalog allows")
    func artistGap() throws {
        let session = try Session(catalog: Self.catalog(count: 150, artists: 15))
        try session.play(300, queueSize: 5)
        let artists = session.plays.map(\.track.artist)
        for i in artists.indices.dropFirst(1) {
            for back in 1...min(3, i) {
                #expect(artists[i] != artists[i - back], "play \(i) repeats the artist of \(back) back")
            }
        }
    }

    @Test("with only two artists the artist rule gives way: they alternate and the queue never stalls")
    func twoArtists() throws {
        let session = try Session(catalog: Self.catalog(count: 60, artists: 2))
        try session.play(200, queueSize: 5)
        let plays = session.plays
        #expect(plays.count == 200)
        let artists = plays.map(\.track.artist)
        let sameInARow = zip(artists, artists.dropFirst()).filter { $0 == $1 }.count
        #expect(sameInARow == 0, "two artists alternate")
        // 60 tracks cannot fill a 3-hour window plus the queue, so the window gives its oldest plays back:
        // a repeat comes back no sooner than anything else in the catalog could.
        var last: [String: Int] = [:]
        for (i, play) in plays.enumerated() {
            if let j = last[play.track.trackID] { #expect(i - j >= 40, "\(play.track.trackID) again after \(i - j) plays") }
            last[play.track.trackID] = i
        }
    }

    @Test("a catalog smaller than the window gives back its oldest plays first: full queue, fair rotation")
    func tinyCatalog() throws {
        let session = try Session(catalog: Self.catalog(count: 9, artists: 4))
        try session.play(90, queueSize: 5)
        let ids = session.plays.map(\.track.trackID)
        var last: [String: Int] = [:]
        for (i, id) in ids.enumerated() {
            if let j = last[id] { #expect(i - j >= 6, "\(id) again after \(i - j) plays (now playing + 5 queued are distinct)") }
            last[id] = i
        }
        var counts: [String: Int] = [:]
        for id in ids { counts[id, default: 0] += 1 }
        #expect(counts.count == 9)
        #expect(counts.values.max()! - counts.values.min()! <= 2, "oldest-first release rotates the whole catalog: \(counts)")
    }

    @Test("the discovery share of played tracks stays within 2 points over 1,000 plays")
    func discoveryShare() throws {
        let profile = try Profile(genres: ["jazz": 0.9, "rock": 0.3], artists: [:], moods: ["calm": 0.6], energyLevel: 0.4,
                                  tempoPreference: .varied, discoveryFactor: .fixed(0.2))
        let session = try Session(catalog: Self.catalog(count: 400, artists: 25), profile: profile)
        try session.play(1000, queueSize: 5)
        let share = Double(session.plays.filter(\.discovery).count) / Double(session.plays.count)
        #expect(abs(share - 0.2) <= 0.02, "discovery share \(share)")
    }

    /// Mean |Δenergy| between consecutive plays and the played ids, for a station with `transition`.
    static func run(transition: TransitionSettings?, plays: Int = 200) throws -> (delta: Double, ids: [String]) {
        let settings = try StationSettings(id: "test-fm", name: "Test FM", queueSize: 5, transition: transition)
        let session = try Session(settings: settings, catalog: catalog(count: 300, artists: 20))
        try session.play(plays, queueSize: 5)
        let energies = session.plays.map(\.track.energy)
        let deltas = zip(energies, energies.dropFirst()).map { abs($0 - $1) }
        return (deltas.reduce(0, +) / Double(deltas.count), session.plays.map(\.track.trackID))
    }

    @Test("transition mode plays smoother energy than plain shuffle, reproducibly")
    func transitionSmoother() throws {
        let mode = try TransitionSettings()
        let plain = try Self.run(transition: nil)
        let smooth = try Self.run(transition: mode)
        #expect(smooth.delta < plain.delta * 0.85, "transition \(smooth.delta) vs plain \(plain.delta)")
        #expect(try Self.run(transition: mode).ids == smooth.ids, "same seeds, same session")
        // At temperature 0 the smoothest candidate within the score trade-off always wins.
        let greedy = try Self.run(transition: TransitionSettings(temperature: 0, weight: 1))
        #expect(greedy.delta < smooth.delta, "greedy \(greedy.delta) vs default \(smooth.delta)")
        // Disabled transition settings behave exactly like none.
        #expect(try Self.run(transition: TransitionSettings(enabled: false)).ids == plain.ids)
    }
}
