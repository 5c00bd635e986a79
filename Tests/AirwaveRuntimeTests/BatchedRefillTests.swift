import AirwaveCore
import Foundation
import Testing
@testable import AirwaveRuntime

@Suite("Batched queue refills behind a hidden reserve")
struct BatchedRefillTests {
    /// One station with one listener on a manual clock, with an explicit refill reserve.
    struct Session {
        let clock = ManualClock(start: Fixtures.date(hour: 14))
        let book = ProfileBook()
        let journal: MemoryJournal
        let runtime: RadioRuntime
        let station: StationRuntime

        init(reserve: Int?, queueSize: Int = 5, catalog: Catalog = ShuffleRuntimeTests.catalog(count: 400, artists: 25),
             discovery: Double = 0.2) throws {
            journal = MemoryJournal(book: book)
            runtime = RadioRuntime(clock: clock, journal: journal, options: RuntimeOptions(queueReserve: reserve), profiles: book)
            station = try runtime.addStation(Fixtures.settings(queueSize: queueSize), catalog: catalog)
            let profile = try Profile(genres: ["jazz": 0.9, "rock": 0.3], artists: [:], moods: ["calm": 0.6], energyLevel: 0.4,
                                      tempoPreference: .varied, discoveryFactor: .fixed(discovery))
            book.update("ana", to: VersionedProfile(profile: profile, version: 1))
            try station.join(userID: "ana", now: clock.now())
        }

        /// Plays `count` tracks to their end; checks that what the queue showed next is what played next.
        func play(_ count: Int, queueSize: Int) throws {
            for _ in 0..<count {
                let before = try station.queue(of: "ana")
                #expect(before.upNext.count == queueSize, "the queue shows exactly queue_size entries")
                let playing = try #require(before.nowPlaying)
                clock.set(playing.endsAt)
                try station.touch(userID: "ana", now: clock.now())
                #expect(runtime.tick() == 1)
                let after = try station.queue(of: "ana")
                #expect(after.nowPlaying?.queued == before.upNext.first, "the head of up-next plays next")
                #expect(Array(after.upNext.prefix(queueSize - 1)) == Array(before.upNext.dropFirst()),
                        "the rest of the queue moves up unchanged")
            }
        }
    }

    @Test("the queue shows queue_size entries while a reserve is kept behind it; the journal saves what is shown")
    func reserveIsHidden() throws {
        let session = try Session(reserve: nil, queueSize: 6)
        let queue = try session.station.queue(of: "ana")
        #expect(queue.upNext.count == 6)
        let saved = try #require(session.journal.states.withLock { $0["test-fm/ana"] })
        #expect(saved.upNext == queue.upNext.map(\.track.trackID))
        #expect(RuntimeOptions().queueReserve(forQueueSize: 6) == 3)
        #expect(RuntimeOptions(queueReserve: 0).queueReserve(forQueueSize: 6) == 0)
    }

    @Test("batched refills keep every smart-shuffle rule and the discovery share over 1,000 plays",
          arguments: [nil, 0, 12] as [Int?])
    func rulesHoldOverLongSession(reserve: Int?) throws {
        let session = try Session(reserve: reserve)
        try session.play(1000, queueSize: 5)
        let plays = session.journal.allPlays
        #expect(plays.count == 1000)
        // Discovery share (DECISIONS 3): within 2 points of the setting.
        let share = Double(plays.filter(\.discovery).count) / Double(plays.count)
        #expect(abs(share - 0.2) <= 0.02, "reserve \(String(describing: reserve)): discovery share \(share)")
        // Artist separation: 25 artists leave room, so it never gives way (DECISIONS 5).
        let artists = plays.map(\.track.artist)
        for i in artists.indices.dropFirst() {
            for back in 1...min(SmartShuffle.artistGap, i) {
                #expect(artists[i] != artists[i - back], "play \(i) repeats the artist of \(back) back")
            }
        }
        // Repeat window: the last 50 plays or the last 3 hours, whichever holds more.
        var last: [String: Int] = [:]
        for (i, play) in plays.enumerated() {
            if let j = last[play.track.trackID] {
                #expect(i - j > 50, "\(play.track.trackID) again after \(i - j) plays")
                #expect(play.startedAt.timeIntervalSince(plays[j].endedAt) >= 3 * 3600, "\(play.track.trackID) within 3 hours")
            }
            last[play.track.trackID] = i
        }
    }

    @Test("a listener who skips every track still hears the discovery share: thrown-away picks give their charge back")
    func skipsKeepDiscoveryShare() throws {
        for discovery in [0.1, 0.2, 0.3] {
            // Queue 8 + reserve 4: each skip picks 13 and its refresh 12; without the refund the carry would
            // move by 25 · 0.2 = 5 whole picks per skip and every first slot would get the same kind.
            let session = try Session(reserve: nil, queueSize: 8, discovery: discovery)
            var kinds: [Bool] = []
            for _ in 0..<600 {
                let playing = try #require(try session.station.queue(of: "ana").nowPlaying)
                kinds.append(playing.queued.discovery)
                session.clock.advance(by: 120)
                try session.station.skip(userID: "ana", trackID: playing.queued.track.trackID, now: session.clock.now())
                // As the daemon does after a skip: explicit feedback refreshes up-next everywhere.
                session.runtime.refreshEverywhere(userID: "ana")
            }
            let share = Double(kinds.filter { $0 }.count) / Double(kinds.count)
            #expect(abs(share - discovery) <= 0.02, "discovery \(discovery): share of skipped-through tracks \(share)")
        }
    }

    @Test("a refresh throws the reserve away too: the new queue comes from the current profile")
    func refreshReplacesReserve() throws {
        let session = try Session(reserve: 10)
        let before = try session.station.queue(of: "ana").upNext
        // A new taste: metal only, no discovery.
        try session.book.update("ana", to: VersionedProfile(
            profile: Profile(genres: ["metal": 1], discoveryFactor: .fixed(0)), version: 2))
        try session.station.refresh(userID: "ana", now: session.clock.now())
        let after = try session.station.queue(of: "ana").upNext
        #expect(after != before)
        #expect(after.count == 5)
        #expect(after.filter { $0.track.genre == "metal" }.count >= 4, "\(after.map(\.track.genre))")
        // Later changes refill from the new profile as well (the old reserve is gone).
        try session.play(12, queueSize: 5)
        let tail = try session.station.queue(of: "ana").upNext
        #expect(tail.allSatisfy { !$0.discovery })
    }
}
