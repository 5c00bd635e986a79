import AirwaveCore
import Foundation
import Testing
@testable import AirwaveRuntime

@Suite("Station runtime under a manual clock")
struct StationRuntimeTests {
    let clock = ManualClock(start: Fixtures.date(hour: 14))
    let book = ProfileBook()
    let journal: MemoryJournal
    let runtime: RadioRuntime

    init() throws {
        journal = MemoryJournal(book: book)
        runtime = RadioRuntime(clock: clock, journal: journal, profiles: book)
        try runtime.addStation(Fixtures.settings(), catalog: Fixtures.catalog())
    }

    func join(_ user: String, profile: Profile = .neutral) throws -> StationRuntime {
        book.update(user, to: VersionedProfile(profile: profile, version: 1))
        let station = try runtime.station("test-fm")
        #expect(try station.join(userID: user, now: clock.now()))
        return station
    }

    @Test("a listener who joins hears a track at once and has a full queue")
    func joinStartsPlaying() throws {
        let station = try join("ana")
        let queue = try station.queue(of: "ana")
        let playing = try #require(queue.nowPlaying)
        #expect(playing.startedAt == clock.now())
        #expect(playing.endsAt == clock.now().addingTimeInterval(playing.queued.track.duration))
        #expect(queue.upNext.count == 5)
        let ids = [playing.queued.track.trackID] + queue.upNext.map(\.track.trackID)
        #expect(Set(ids).count == ids.count, "no track twice in now playing + up next")
        #expect(runtime.scheduler.pendingCount == 1)
    }

    @Test("plays are logged in order, back to back, with outcome played, as the clock passes")
    func playsLoggedInOrder() throws {
        let station = try join("ana")
        let expected = try station.queue(of: "ana")
        let firstTwo = [expected.nowPlaying!.queued.track.trackID, expected.upNext[0].track.trackID]
        for _ in 0..<10 {
            let end = try station.queue(of: "ana").nowPlaying!.endsAt
            clock.set(end)
            try station.touch(userID: "ana", now: clock.now())
            #expect(runtime.tick() == 1)
        }
        let plays = journal.allPlays
        #expect(plays.count == 10)
        #expect(plays.allSatisfy { $0.outcome == .played && $0.userID == "ana" && $0.stationID == "test-fm" })
        #expect(plays.prefix(2).map(\.track.trackID) == firstTwo, "the queue plays in the order it showed")
        for (a, b) in zip(plays, plays.dropFirst()) {
            #expect(a.endedAt == b.startedAt, "tracks follow each other without gaps")
            #expect(a.endedAt.timeIntervalSince(a.startedAt) == a.track.duration)
        }
        // The implicit plays reached the book (the journal folds them as the store does).
        #expect(book.profile(of: "ana")!.profile.totalInteractions == 10)
    }

    @Test("a skip ends the track early with outcome skipped and a stale deadline does nothing")
    func skipAdvances() throws {
        let station = try join("ana")
        let playing = try #require(try station.queue(of: "ana").nowPlaying)
        clock.advance(by: 30)
        #expect(try station.skip(userID: "ana", trackID: playing.queued.track.trackID, now: clock.now()))
        let plays = journal.allPlays
        #expect(plays.count == 1)
        #expect(plays[0].outcome == .skipped)
        #expect(plays[0].endedAt == clock.now())
        let next = try #require(try station.queue(of: "ana").nowPlaying)
        #expect(next.startedAt == clock.now())
        #expect(next.queued.track.trackID != playing.queued.track.trackID)
        // The old track's deadline passes: nothing must happen (stale generation).
        clock.set(playing.endsAt)
        runtime.tick()
        #expect(journal.allPlays.count == (next.endsAt <= playing.endsAt ? 2 : 1))
        #expect(try station.skip(userID: "ana", trackID: "not-playing", now: clock.now()) == false)
    }

    @Test("queued tracks are chosen in the daypart they will play in")
    func queueUsesDaypartOfPlayTime() throws {
        clock.set(Fixtures.date(hour: 17, minute: 55))
        let station = try join("ana")
        let queue = try station.queue(of: "ana")
        #expect(queue.nowPlaying!.queued.daypart == "afternoon")
        var start = queue.nowPlaying!.endsAt
        for queued in queue.upNext {
            let expected = start < Fixtures.date(hour: 18) ? "afternoon" : "evening"
            #expect(queued.daypart == expected, "track starting at \(start)")
            start = start.addingTimeInterval(queued.track.duration)
        }
        #expect(queue.upNext.last!.daypart == "evening")
    }

    @Test("nothing heard in the repeat window is queued again")
    func noRepeats() throws {
        let station = try join("ana")
        for _ in 0..<40 {
            clock.set(try station.queue(of: "ana").nowPlaying!.endsAt)
            try station.touch(userID: "ana", now: clock.now())
            runtime.tick()
        }
        let ids = journal.allPlays.map(\.track.trackID)
        #expect(Set(ids).count == ids.count, "60 tracks, 40 plays: no repeats")
    }

    @Test("an idle listener is paused without logging and resumes on their next request")
    func idlePause() throws {
        let station = try join("ana")
        // No touches: plays continue until idle_timeout (30 min) has passed.
        for _ in 0..<30 {
            guard let playing = try station.queue(of: "ana").nowPlaying else { break }
            clock.set(playing.endsAt)
            runtime.tick()
        }
        let queue = try station.queue(of: "ana")
        #expect(queue.paused)
        #expect(queue.nowPlaying == nil)
        let logged = journal.allPlays
        #expect(logged.allSatisfy { $0.endedAt.timeIntervalSince(Fixtures.date(hour: 14)) < 1800 + 1 })
        try station.touch(userID: "ana", now: clock.now())
        let resumed = try station.queue(of: "ana")
        #expect(!resumed.paused)
        #expect(resumed.nowPlaying?.startedAt == clock.now())
    }

    @Test("a restart restores listeners: a track still playing continues, an ended one is replaced")
    func restartRestores() throws {
        let station = try join("ana")
        _ = try join("ben")
        let before = try station.queue(of: "ana")
        let saved = journal.states.withLock { $0 }
        clock.advance(by: 10)

        // A new process: new runtime, same profiles, same saved states.
        let journal2 = MemoryJournal(book: book)
        let runtime2 = RadioRuntime(clock: clock, journal: journal2, profiles: book)
        let station2 = try runtime2.addStation(Fixtures.settings(), catalog: Fixtures.catalog())
        station2.restore(saved["test-fm/ana"]!, history: [], now: clock.now())
        let after = try station2.queue(of: "ana")
        #expect(after.nowPlaying?.queued.track.trackID == before.nowPlaying?.queued.track.trackID)
        #expect(after.nowPlaying?.startedAt == before.nowPlaying?.startedAt)
        #expect(after.nowPlaying?.endsAt == before.nowPlaying?.endsAt)
        #expect(after.upNext.count == 5)

        clock.advance(by: 3600)
        station2.restore(saved["test-fm/ben"]!, history: [], now: clock.now())
        let ben = try station2.queue(of: "ben")
        #expect(ben.nowPlaying?.startedAt == clock.now(), "an ended track is not resumed: a fresh one starts now")
        #expect(journal2.allPlays.isEmpty, "tracks missed while down are neither logged nor learned")
    }

    @Test("errors name the station, listener or track")
    func errors() throws {
        #expect(throws: RuntimeError.unknownStation("nope")) { try runtime.station("nope") }
        let station = try runtime.station("test-fm")
        #expect(throws: RuntimeError.noProfile("zoe")) { try station.join(userID: "zoe", now: clock.now()) }
        #expect(throws: RuntimeError.unknownListener(station: "test-fm", user: "zoe")) { try station.queue(of: "zoe") }
        #expect(throws: RuntimeError.stationExists("test-fm")) { try runtime.addStation(Fixtures.settings(), catalog: Fixtures.catalog()) }
    }

    @Test("a removed track leaves every queue; leaving and station removal drop listeners")
    func catalogChangesAndLeaving() throws {
        let station = try join("ana")
        let queued = try station.queue(of: "ana").upNext[2].track.trackID
        #expect(station.removeTrack(queued, now: clock.now()))
        let queue = try station.queue(of: "ana")
        #expect(!queue.upNext.contains { $0.track.trackID == queued })
        #expect(queue.upNext.count == 5)
        #expect(!station.removeTrack("no-such-track", now: clock.now()))
        try station.leave(userID: "ana", now: clock.now())
        #expect(!station.hasListener("ana"))
        _ = try join("ben")
        try runtime.removeStation("test-fm")
        #expect(journal.departures.withLock { $0 } == ["test-fm/ana", "test-fm/ben"])
    }
}
