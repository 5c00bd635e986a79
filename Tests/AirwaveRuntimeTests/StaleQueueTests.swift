import AirwaveCore
import Foundation
import Testing
@testable import AirwaveRuntime

@Suite("Explicit feedback refreshes up next when it is first read or played from")
struct StaleQueueTests {
    /// Two identical runtimes on one clock and profile book: one station refreshed at once, the other
    /// marked stale; the same station id, so every seeded draw is the same in both.
    struct Pair {
        let clock = ManualClock(start: Fixtures.date(hour: 14))
        let book = ProfileBook()
        let eagerRuntime: RadioRuntime
        let lazyRuntime: RadioRuntime
        let eager: StationRuntime
        let lazy: StationRuntime

        init() throws {
            eagerRuntime = RadioRuntime(clock: clock, journal: MemoryJournal(book: ProfileBook()), options: RuntimeOptions(), profiles: book)
            lazyRuntime = RadioRuntime(clock: clock, journal: MemoryJournal(book: ProfileBook()), options: RuntimeOptions(), profiles: book)
            eager = try eagerRuntime.addStation(Fixtures.settings(), catalog: Fixtures.catalog(count: 200))
            lazy = try lazyRuntime.addStation(Fixtures.settings(), catalog: Fixtures.catalog(count: 200))
            book.update("ana", to: VersionedProfile(profile: try StaleQueueTests.fan(of: "jazz"), version: 1))
            try eager.join(userID: "ana", now: clock.now())
            try lazy.join(userID: "ana", now: clock.now())
        }
    }

    static func fan(of genre: String) throws -> Profile {
        try Profile(genres: [genre: 1.0], artists: [:], moods: [:], energyLevel: 0.5, tempoPreference: .varied,
                    discoveryFactor: .fixed(0))
    }

    @Test("a read after feedback sees exactly the queue an immediate refresh would have made")
    func readRebuildsLikeAnImmediateRefresh() throws {
        let pair = try Pair()
        #expect(try pair.lazy.queue(of: "ana").upNext.allSatisfy { $0.track.genre == "jazz" })
        pair.book.update("ana", to: VersionedProfile(profile: try Self.fan(of: "metal"), version: 2))
        try pair.eager.refresh(userID: "ana", now: pair.clock.now())
        pair.lazy.markQueueStale(userID: "ana")
        let lazyQueue = try pair.lazy.queue(of: "ana")
        let eagerQueue = try pair.eager.queue(of: "ana")
        #expect(lazyQueue.upNext.map(\.track.trackID) == eagerQueue.upNext.map(\.track.trackID))
        #expect(lazyQueue.upNext.allSatisfy { $0.track.genre == "metal" }, "\(lazyQueue.upNext.map(\.track.genre))")
        // The listings show the rebuilt queue too.
        pair.book.update("ana", to: VersionedProfile(profile: try Self.fan(of: "folk"), version: 3))
        pair.lazy.markQueueStale(userID: "ana")
        let listed = try #require(pair.lazy.listeners(after: nil, limit: 10).first)
        #expect(listed.upNext.allSatisfy { $0.track.genre == "folk" }, "\(listed.upNext.map(\.track.genre))")
    }

    @Test("a track change after feedback plays from a fresh ranking, never the stale queue's head")
    func trackChangeRebuilds() throws {
        let pair = try Pair()
        let before = try pair.lazy.queue(of: "ana")
        #expect(before.upNext.first?.track.genre == "jazz")
        pair.book.update("ana", to: VersionedProfile(profile: try Self.fan(of: "metal"), version: 2))
        pair.lazy.markQueueStale(userID: "ana")
        let playing = try #require(before.nowPlaying)
        pair.clock.set(playing.endsAt)
        try pair.lazy.touch(userID: "ana", now: pair.clock.now())
        try pair.eager.touch(userID: "ana", now: pair.clock.now())
        _ = pair.lazyRuntime.tick()
        let after = try pair.lazy.queue(of: "ana")
        #expect(after.nowPlaying?.queued.track.genre == "metal", "the new taste plays at the next change")
        #expect(after.upNext.allSatisfy { $0.track.genre == "metal" })
    }

    @Test("a paused listener is not marked; pausing or skipping clears a mark")
    func pauseAndSkipClear() throws {
        let pair = try Pair()
        pair.lazy.markQueueStale(userID: "ana")
        try pair.lazy.pause(userID: "ana", now: pair.clock.now())
        pair.lazy.markQueueStale(userID: "ana")
        #expect(try pair.lazy.queue(of: "ana").upNext.isEmpty, "paused: nothing queued, nothing rebuilt")
        try pair.lazy.touch(userID: "ana", now: pair.clock.now())
        pair.book.update("ana", to: VersionedProfile(profile: try Self.fan(of: "metal"), version: 2))
        pair.lazy.markQueueStale(userID: "ana")
        let playing = try #require(try pair.lazy.queue(of: "ana").nowPlaying)
        #expect(try pair.lazy.skip(userID: "ana", trackID: playing.queued.track.trackID, now: pair.clock.now()))
        let after = try pair.lazy.queue(of: "ana")
        #expect(after.nowPlaying?.queued.track.genre == "metal" && after.upNext.allSatisfy { $0.track.genre == "metal" })
        pair.lazy.markQueueStale(userID: "nobody") // not a listener here: nothing happens
    }
}

@Suite("A recommendation counts as the listener's activity")
struct RecommendationActivityTests {
    @Test("seenAt resumes a paused listener before ranking (as touch would), and an unknown listener is refused")
    func seenAtTouches() throws {
        let pair = try StaleQueueTests.Pair()
        try pair.lazy.pause(userID: "ana", now: pair.clock.now())
        #expect(try pair.lazy.queue(of: "ana").nowPlaying == nil)
        pair.clock.advance(by: 30)
        let answer = try pair.lazy.recommendation(userID: "ana", at: pair.clock.now(), size: 5, discovery: 0, seenAt: pair.clock.now())
        let resumed = try pair.lazy.queue(of: "ana")
        let playing = try #require(resumed.nowPlaying, "resumed with a fresh track")
        #expect(playing.startedAt == pair.clock.now())
        #expect(!answer.playlist.picks.contains { $0.track.trackID == playing.queued.track.trackID },
                "ranked after the resume: what now plays is excluded")
        #expect(throws: RuntimeError.self) {
            _ = try pair.lazy.recommendation(userID: "nobody", at: pair.clock.now(), size: 5, discovery: 0, seenAt: pair.clock.now())
        }
    }
}
