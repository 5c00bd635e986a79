import AirwaveCore
import Foundation
import Testing
@testable import AirwaveRuntime

@Suite("Queue refreshes made outside the station lock")
struct ConcurrentRefreshTests {
    @Test("refreshes racing track changes, skips and profile updates never leave a broken queue")
    func racingRefreshesKeepQueuesWhole() throws {
        let clock = ManualClock(start: Fixtures.date(hour: 14))
        let book = ProfileBook()
        let journal = MemoryJournal(book: book)
        let runtime = RadioRuntime(clock: clock, journal: journal, options: RuntimeOptions(), profiles: book)
        let queueSize = 5
        let station = try runtime.addStation(Fixtures.settings(queueSize: queueSize),
                                             catalog: ShuffleRuntimeTests.catalog(count: 400, artists: 25))
        let users = (0..<4).map { "user-\($0)" }
        @Sendable func profile(_ jazz: Double) throws -> Profile {
            try Profile(genres: ["jazz": jazz, "rock": 1 - jazz], artists: [:], moods: ["calm": 0.6], energyLevel: 0.4,
                        tempoPreference: .varied, discoveryFactor: .fixed(0.2))
        }
        for user in users {
            book.update(user, to: VersionedProfile(profile: try profile(0.5), version: 1))
            try station.join(userID: user, now: clock.now())
        }
        let rounds = 300
        DispatchQueue.concurrentPerform(iterations: 4) { worker in
            var random = SeededRandom(seed: UInt64(worker + 1))
            for round in 0..<rounds {
                let user = users[Int(random.next() % UInt64(users.count))]
                switch worker {
                case 0, 3: // explicit feedback elsewhere: a newer profile, then a refresh
                    book.update(user, to: VersionedProfile(profile: try! profile(random.nextUnit()), version: Int64(round + 2)))
                    try? station.refresh(userID: user, now: clock.now())
                case 1: // time passes: track changes
                    clock.advance(by: 40)
                    for user in users { try? station.touch(userID: user, now: clock.now()) }
                    _ = runtime.tick()
                default: // skips of whatever plays, and more refreshes
                    if let playing = try? station.queue(of: user).nowPlaying {
                        _ = try? station.skip(userID: user, trackID: playing.queued.track.trackID, now: clock.now())
                    }
                    try? station.refresh(userID: user, now: clock.now())
                }
            }
        }
        for user in users {
            let queue = try station.queue(of: user)
            let playing = try #require(queue.nowPlaying, "\(user) has something playing")
            let ids = queue.upNext.map(\.track.trackID)
            #expect(ids.count == queueSize, "\(user): the queue is full")
            #expect(Set(ids).count == ids.count, "\(user): no track twice in up next")
            #expect(!ids.contains(playing.queued.track.trackID), "\(user): now playing is not queued again")
            let recent = journal.allPlays.filter { $0.userID == user }.suffix(50).map(\.track.trackID)
            #expect(Set(ids).isDisjoint(with: recent), "\(user): nothing from the repeat window is queued")
        }
        // Nobody was put back to an older state: each listener's plays follow one another without overlap or
        // repeats of the same slot, and every listener still advances (a stale copy would carry an old
        // schedule generation, and the scheduler would skip that listener forever).
        for user in users {
            let plays = journal.allPlays.filter { $0.userID == user }.sorted { $0.startedAt < $1.startedAt }
            for (earlier, later) in zip(plays, plays.dropFirst()) {
                #expect(later.startedAt >= earlier.endedAt, "\(user): \(later.track.trackID) started before \(earlier.track.trackID) ended")
            }
        }
        let before = try users.map { try station.queue(of: $0).nowPlaying?.queued.track.trackID }
        for _ in 0..<3 {
            clock.advance(by: 400)
            for user in users { try station.touch(userID: user, now: clock.now()) }
            _ = runtime.tick()
        }
        let after = try users.map { try station.queue(of: $0).nowPlaying?.queued.track.trackID }
        for (user, (old, new)) in zip(users, zip(before, after)) { #expect(old != new, "\(user) is stuck on \(old ?? "nothing")") }

        // Once the races stop, a refresh is made from the newest profile: the same as a fresh station's.
        let last = try profile(0.95)
        book.update("user-0", to: VersionedProfile(profile: last, version: 10_000))
        try station.refresh(userID: "user-0", now: clock.now())
        let queued = try station.queue(of: "user-0").upNext
        #expect(queued.filter { $0.track.genre == "jazz" }.count >= queued.count / 2,
                "the newest profile (jazz 0.95) shaped the refreshed queue: \(queued.map(\.track.genre))")
    }

    @Test("a listener copy counts as unchanged until a queue, now playing, history, carry, pause or schedule change")
    func unchangedDetectsEveryMove() {
        var base = Listener(userID: "ana", joinedAt: Fixtures.date(hour: 14))
        base.remember(3, at: Fixtures.date(hour: 14), plays: 50, hours: 3)
        #expect(base.isUnchanged(since: base))
        var moved = base
        moved.remember(4, at: Fixtures.date(hour: 15), plays: 50, hours: 3)
        #expect(!moved.isUnchanged(since: base), "history")
        moved = base
        moved.discoveryCarry = 0.25
        #expect(!moved.isUnchanged(since: base), "carry")
        moved = base
        moved.paused = true
        #expect(!moved.isUnchanged(since: base), "pause")
        moved = base
        moved.generation += 1
        #expect(!moved.isUnchanged(since: base), "schedule")
        moved = base
        moved.lastSeen = Fixtures.date(hour: 16)
        #expect(moved.isUnchanged(since: base), "being seen changes nothing a refill depends on")
    }
}
