import AirwaveCore
import Foundation
import Testing
@testable import AirwaveRuntime

/// Two runtimes driven through the same events, one with the recommendation cache and one without: every
/// answer of the cached one must equal the uncached one, and every change of an input must be a miss.
@Suite("Recommendation cache: cached answers equal uncached ones")
struct RecommendationCacheTests {
    /// One runtime of the pair.
    struct Side {
        let book = ProfileBook()
        let journal: MemoryJournal
        let runtime: RadioRuntime
        let station: StationRuntime

        init(cache: Bool, clock: ManualClock, catalog: Catalog) throws {
            journal = MemoryJournal(book: book)
            runtime = RadioRuntime(clock: clock, journal: journal, options: RuntimeOptions(recommendationCache: cache), profiles: book)
            station = try runtime.addStation(Fixtures.settings(queueSize: 10), catalog: catalog)
        }
    }

    let clock = ManualClock(start: Fixtures.date(hour: 14))
    let cached: Side
    let uncached: Side
    let taste: Profile

    init() throws {
        taste = try Profile(genres: ["jazz": 0.9, "rock": 0.4], artists: ["Artist 3": 0.7], moods: ["mellow": 0.8],
                            energyLevel: 0.4, tempoPreference: .slow, discoveryFactor: .fixed(0.3))
        let catalog = Fixtures.catalog(count: 400)
        cached = try Side(cache: true, clock: clock, catalog: catalog)
        uncached = try Side(cache: false, clock: clock, catalog: catalog)
        try both { side in
            side.book.update("ana", to: VersionedProfile(profile: taste, version: 1))
            try side.station.join(userID: "ana", now: clock.now())
        }
    }

    /// Applies `event` to both runtimes.
    func both(_ event: (Side) throws -> Void) throws {
        try event(cached)
        try event(uncached)
    }

    /// Asks both runtimes and expects equal playlists and the cached side's `outcome`.
    @discardableResult
    func expectSame(at: Date, size: Int = 10, discovery: Double? = nil, _ outcome: RecommendationCacheOutcome,
                    _ comment: Comment, sourceLocation: SourceLocation = #_sourceLocation) throws -> Playlist {
        let fast = try cached.station.recommendation(userID: "ana", at: at, size: size, discovery: discovery)
        let slow = try uncached.station.recommendation(userID: "ana", at: at, size: size, discovery: discovery)
        #expect(slow.cache == .off, sourceLocation: sourceLocation)
        #expect(fast.cache == outcome, comment, sourceLocation: sourceLocation)
        #expect(fast.playlist == slow.playlist, comment, sourceLocation: sourceLocation)
        #expect(fast.playlist.picks.count == min(size, 400 - 11), sourceLocation: sourceLocation)
        return fast.playlist
    }

    @Test("repeated requests hit, and the seeded discovery draw still differs per `at` exactly as uncached")
    func hitsKeepTheSeededDraw() throws {
        let at = clock.now()
        try expectSame(at: at, .miss, "first request ranks")
        var discoverySets = Set<[String]>()
        for second in 1...20 {
            let playlist = try expectSame(at: at.addingTimeInterval(Double(second) + 0.001 * Double(second)), .hit,
                                          "same inputs, another moment in the same daypart")
            discoverySets.insert(playlist.picks.filter(\.discovery).map(\.track.trackID))
        }
        #expect(discoverySets.count > 1, "the draw is per request, not cached")
        try expectSame(at: at, discovery: 0, .hit, "discovery off needs only the top K: a prefix of the kept ranking")
        try expectSame(at: at, discovery: 1, .hit, "any discovery share uses the same K + pool ranking")
        try expectSame(at: at, size: 5, .hit, "a smaller list is a prefix of the kept ranking")
        try expectSame(at: at, size: 40, .miss, "a longer list needs a longer ranking")
        try expectSame(at: at, size: 40, .hit, "and keeps it")
        try expectSame(at: at, size: 10, .hit, "which covers the shorter list again")
    }

    @Test("a profile change, overrides, a like and new neighbours each invalidate")
    func profileInputsInvalidate() throws {
        let at = clock.now()
        try expectSame(at: at, .miss, "first request ranks")
        try expectSame(at: at, .hit, "nothing changed")

        var learned = taste
        learned.genres["metal"] = 0.95
        try both { $0.book.update("ana", to: VersionedProfile(profile: learned, version: 2)) }
        try expectSame(at: at, .miss, "a new profile version")
        try expectSame(at: at, .hit, "nothing changed since")

        let overrides = try ProfileOverrides(genres: ["metal": -0.8, "pop": 0.9])
        try both { #expect($0.book.setOverrides("ana", overrides)) }
        try expectSame(at: at, .miss, "overrides set")
        try both { #expect($0.book.setOverrides("ana", .none)) }
        try expectSame(at: at, .miss, "overrides removed")

        let liked = try #require(cached.station.dj.catalog.track(at: 7))
        try both { $0.book.noteLike("ana", track: liked) }
        try expectSame(at: at, .miss, "a like (reasons and the collaborative term)")

        let neighbours = NeighbourLists(byTrack: [liked.trackID: [Neighbour(trackID: "t201", similarity: 0.9),
                                                                 Neighbour(trackID: "t333", similarity: 0.6)]])
        try both { $0.station.installNeighbours(neighbours) }
        let blended = try expectSame(at: at, .miss, "new collaborative neighbour lists")
        #expect(blended.picks.contains { $0.track.trackID == "t201" }, "the collaborative term took part")
        try expectSame(at: at, .hit, "nothing changed since")
        try expectSame(at: at, size: 3, discovery: 0, .hit, "a blended ranking's prefix is the shorter blended ranking")
    }

    @Test("track changes (history, now playing), skips and catalog changes invalidate")
    func exclusionsAndCatalogInvalidate() throws {
        try expectSame(at: clock.now(), .miss, "first request ranks")
        for _ in 0..<3 {
            let end = try #require(try cached.station.queue(of: "ana").nowPlaying).endsAt
            #expect(end == (try uncached.station.queue(of: "ana").nowPlaying?.endsAt))
            clock.set(end)
            try both { side in
                try side.station.touch(userID: "ana", now: clock.now())
                #expect(side.runtime.tick() == 1)
            }
            try expectSame(at: clock.now(), .miss, "a track change: history and now playing moved")
            try expectSame(at: clock.now().addingTimeInterval(1), .hit, "nothing changed since")
        }
        let playing = try #require(try cached.station.queue(of: "ana").nowPlaying).queued.track.trackID
        clock.advance(by: 20)
        try both { side in
            let skipped = try side.station.skip(userID: "ana", trackID: playing, now: clock.now())
            #expect(skipped)
        }
        try expectSame(at: clock.now(), .miss, "a skip")

        let added = try Track(trackID: "new-jazz", title: "Fresh", artist: "Artist 3", genre: "jazz", mood: "mellow",
                              energy: 0.4, tempo: .slow, duration: 200)
        try both { _ = try $0.station.upsert([added]) }
        let withNew = try expectSame(at: clock.now(), .miss, "a track added to the catalog")
        #expect(withNew.picks.first?.track.trackID == "new-jazz", "the new perfect match ranks first")
        try both { #expect($0.station.removeTrack("new-jazz", now: clock.now())) }
        let without = try expectSame(at: clock.now(), .miss, "a track removed from the catalog")
        #expect(!without.picks.contains { $0.track.trackID == "new-jazz" })
        try expectSame(at: clock.now(), .hit, "nothing changed since")
    }

    @Test("crossing a daypart boundary invalidates; coming back ranks again")
    func daypartBoundaries() throws {
        let before = Fixtures.date(hour: 17, minute: 59)
        let after = Fixtures.date(hour: 18, minute: 0)
        let afternoon = try expectSame(at: before, .miss, "afternoon")
        #expect(afternoon.daypart == "afternoon")
        try expectSame(at: before.addingTimeInterval(59.9), .hit, "still the afternoon")
        let evening = try expectSame(at: after, .miss, "the evening starts at 18:00")
        #expect(evening.daypart == "evening")
        #expect(evening.picks.map(\.track.trackID) != afternoon.picks.map(\.track.trackID), "the daypart changes the ranking")
        try expectSame(at: after.addingTimeInterval(3600), .hit, "still the evening")
        try expectSame(at: before, .miss, "back in the afternoon (one slot per listener)")
    }

    @Test("leaving drops the slot, and a listener who rejoins gets fresh answers")
    func leaveAndRejoin() throws {
        try expectSame(at: clock.now(), .miss, "first request ranks")
        #expect(cached.station.recommendationCacheStatistics?.slots == 1)
        let bytes = try #require(cached.station.recommendationCacheStatistics?.bytes)
        #expect(bytes >= 310 * 12 && bytes <= 310 * 12 + 256, "12 B per candidate for K + 300 candidates")
        #expect(uncached.station.recommendationCacheStatistics == nil)
        try both { try $0.station.leave(userID: "ana", now: clock.now()) }
        #expect(cached.station.recommendationCacheStatistics?.slots == 0)
        try both { try $0.station.join(userID: "ana", now: clock.now()) }
        try expectSame(at: clock.now(), .miss, "a new listener, a new history")
        let statistics = try #require(cached.station.recommendationCacheStatistics)
        #expect(statistics.hits == 0 && statistics.misses == 2)
    }
}
