import AirwaveCore
import Foundation
@testable import AirwaveRuntime

/// Groups of synthetic listeners on one station who share a hidden taste for specific tracks scattered
/// over many genres and artists — something content features cannot single out — driven through the real
/// runtime under one manual clock, with collaborative lists rebuilt from their feedback every so often
/// (as the daemon's refresher does from the interactions table).
struct CollaborativeSimulation {
    /// The knobs of one run.
    struct Setup {
        var groups = 3
        var listenersPerGroup = 8
        /// Tracks each group loves, drawn at random from the whole catalog.
        var lovedPerGroup = 40
        /// Decisions (one played or skipped track) per listener.
        var decisionsPerListener = 150
        /// Neighbour lists are rebuilt after this many decisions over all listeners.
        var refreshEvery = 48
        var likeChance = 0.9
        /// Chance of skipping a track that is not loved (an impatient listener).
        var boredSkipChance = 0.4
        var catalogSize = 600
        var seed: UInt64 = 21
    }

    /// How the run went.
    struct Result {
        /// Like rate (likes / decisions) over each listener's second half of decisions.
        var lateLikeRate: Double
        /// Like rate over all decisions.
        var likeRate: Double
        /// Share of picks that carried the collaborative reason.
        var collaborativeReasonShare: Double
    }

    /// Runs the simulation with the station's collaborative weight `weight` (0 = content only).
    static func run(weight: Double, _ setup: Setup = Setup()) throws -> Result {
        let catalog = try Catalog(tracks: SyntheticCatalog.tracks(count: setup.catalogSize, seed: setup.seed))
        let clock = ManualClock(start: Date(timeIntervalSince1970: 1_795_442_400))
        let book = ProfileBook()
        let runtime = RadioRuntime(clock: clock, journal: MemoryJournal(book: book), profiles: book)
        let station = try runtime.addStation(
            try StationSettings(id: "collab-fm", timezone: "UTC", contextWeight: 0, queueSize: 8, collaborativeWeight: weight),
            catalog: catalog)

        var random = SeededRandom(seed: setup.seed)
        var loved: [Set<String>] = []
        for _ in 0..<setup.groups {
            var set = Set<String>()
            while set.count < setup.lovedPerGroup {
                set.insert(catalog.tracks[Int(random.nextUnit() * Double(catalog.count))].trackID)
            }
            loved.append(set)
        }
        struct Member {
            var userID: String
            var group: Int
            var random: SeededRandom
            var decisions = 0
            var likes = 0
            var lateDecisions = 0
            var lateLikes = 0
        }
        var members: [Member] = []
        for g in 0..<setup.groups {
            for k in 0..<setup.listenersPerGroup {
                let user = "g\(g)-l\(k)"
                book.update(user, to: VersionedProfile(profile: try Profile(discoveryFactor: .fixed(0.2)), version: 1))
                members.append(Member(userID: user, group: g, random: SeededRandom(seed: setup.seed &* 1000 &+ UInt64(members.count))))
                // Staggered joins, so no two listeners' tracks end at the same instant.
                try station.join(userID: user, now: clock.now())
                clock.advance(by: 7)
            }
        }

        var events: [CollaborativeEvent] = []
        var total = 0, collaborativeReasons = 0
        func commit(_ user: String, _ type: FeedbackType, _ track: Track) throws {
            let current = book.profile(of: user)!
            book.update(user, to: VersionedProfile(profile: current.profile.learning(try Feedback(type), about: track),
                                                   version: current.version + 1))
            if type == .like { book.noteLike(user, track: track) }
            if let event = CollaborativeEvent(userID: user, trackID: track.trackID, type: type) { events.append(event) }
        }

        while true {
            // The next listener to act: the one whose current track (or its skip) comes first.
            var next: (member: Int, at: Date, skip: Bool)?
            for (i, m) in members.enumerated() where m.decisions < setup.decisionsPerListener {
                guard let playing = try station.queue(of: m.userID).nowPlaying else { continue }
                var r = m.random
                let isLoved = loved[m.group].contains(playing.queued.track.trackID)
                let skip = !isLoved && r.nextUnit() < setup.boredSkipChance
                let at = skip ? playing.startedAt.addingTimeInterval(min(20, playing.queued.track.duration / 2)) : playing.endsAt
                if next == nil || at < next!.at { next = (i, at, skip) }
            }
            guard let (i, at, skip) = next else { break }
            let playing = try station.queue(of: members[i].userID).nowPlaying!
            let track = playing.queued.track
            let user = members[i].userID
            _ = members[i].random.nextUnit()  // the skip draw planned above
            clock.set(max(clock.now(), at))
            try station.touch(userID: user, now: clock.now())
            members[i].decisions += 1
            let late = members[i].decisions > setup.decisionsPerListener / 2
            if late { members[i].lateDecisions += 1 }
            if playing.queued.reasons.contains(where: { $0.hasPrefix("listeners who liked") }) { collaborativeReasons += 1 }
            if skip {
                try commit(user, .skip, track)
                try station.skip(userID: user, trackID: track.trackID, now: clock.now())
                runtime.refreshEverywhere(userID: user)
            } else {
                if loved[members[i].group].contains(track.trackID), members[i].random.nextUnit() < setup.likeChance {
                    try commit(user, .like, track)
                    runtime.refreshEverywhere(userID: user)
                    members[i].likes += 1
                    if late { members[i].lateLikes += 1 }
                }
                runtime.tick()
            }
            total += 1
            if total % setup.refreshEvery == 0 {
                station.installNeighbours(ItemSimilarity.neighbours(from: events))
            }
        }
        let decisions = members.reduce(0) { $0 + $1.decisions }
        return Result(
            lateLikeRate: Double(members.reduce(0) { $0 + $1.lateLikes }) / Double(max(1, members.reduce(0) { $0 + $1.lateDecisions })),
            likeRate: Double(members.reduce(0) { $0 + $1.likes }) / Double(max(1, decisions)),
            collaborativeReasonShare: Double(collaborativeReasons) / Double(max(1, total)))
    }
}
