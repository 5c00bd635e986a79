import AirwaveCore
import Foundation
import Testing
@testable import AirwaveRuntime

@Suite("Collaborative: installing neighbour lists in the runtime")
struct CollaborativeRuntimeTests {
    static let catalog = try! Catalog(tracks: SyntheticCatalog.tracks(count: 800, seed: 4))

    struct Setup {
        let clock = ManualClock(start: Date(timeIntervalSince1970: 1_795_442_400))
        let book = ProfileBook()
        let runtime: RadioRuntime
        let station: StationRuntime

        init(weight: Double) throws {
            runtime = RadioRuntime(clock: clock, journal: MemoryJournal(book: book), profiles: book)
            station = try runtime.addStation(try StationSettings(id: "c-fm", contextWeight: 0, queueSize: 6, collaborativeWeight: weight),
                                             catalog: CollaborativeRuntimeTests.catalog)
            book.update("ann", to: VersionedProfile(profile: try Profile(genres: ["rock": 0.9], discoveryFactor: .fixed(0)), version: 1))
            try station.join(userID: "ann", now: clock.now())
        }

        /// Ann liked the first rock track; its neighbours are three tracks of genres she has no weight for.
        func likeAndLink() -> (liked: Track, linked: [String]) {
            let liked = CollaborativeRuntimeTests.catalog.tracks.first { $0.genre == "rock" }!
            book.noteLike("ann", track: liked)
            let linked = CollaborativeRuntimeTests.catalog.tracks.filter { $0.genre == "ambient" }.prefix(3).map(\.trackID)
            station.installNeighbours(NeighbourLists(byTrack: [liked.trackID: linked.map { Neighbour(trackID: $0, similarity: 0.95) }]))
            return (liked, Array(linked))
        }
    }

    @Test("installed lists reach recommendations and queues, with the collaborative reason")
    func installedListsAreUsed() throws {
        let setup = try Setup(weight: 0.5)
        let before = try setup.station.recommend(userID: "ann", at: setup.clock.now(), size: 10, discovery: 0)
        let (liked, linked) = setup.likeAndLink()
        #expect(setup.station.neighbours.neighbours(of: liked.trackID).count == 3)
        let after = try setup.station.recommend(userID: "ann", at: setup.clock.now(), size: 10, discovery: 0)
        #expect(before.picks.allSatisfy { !linked.contains($0.track.trackID) })
        #expect(Set(after.picks.prefix(3).map(\.track.trackID)) == Set(linked))
        #expect(after.picks.first?.reasons.first == "listeners who liked \(liked.title) also liked this")
        // The queue picks them up at the next refresh.
        try setup.station.refresh(userID: "ann", now: setup.clock.now())
        let queued = try setup.station.queue(of: "ann").upNext.map(\.track.trackID)
        #expect(linked.allSatisfy(queued.contains))
    }

    @Test("weight 0 ignores installed lists: answers equal the content-only ones exactly")
    func weightZeroIsContentOnly() throws {
        let off = try Setup(weight: 0)
        let liked = CollaborativeRuntimeTests.catalog.tracks.first { $0.genre == "rock" }!
        off.book.noteLike("ann", track: liked)
        try off.station.refresh(userID: "ann", now: off.clock.now())
        let before = try off.station.recommend(userID: "ann", at: off.clock.now(), size: 10, discovery: 0.3)
        let beforeQueue = try off.station.queue(of: "ann").upNext
        _ = off.likeAndLink()
        #expect(!off.station.neighbours.isEmpty)
        #expect(try off.station.recommend(userID: "ann", at: off.clock.now(), size: 10, discovery: 0.3) == before)
        try off.station.refresh(userID: "ann", now: off.clock.now())
        #expect(try off.station.queue(of: "ann").upNext == beforeQueue)
    }

    @Test("a reloaded station keeps its lists until the next refresh")
    func reloadKeepsLists() throws {
        let setup = try Setup(weight: 0.5)
        let (liked, _) = setup.likeAndLink()
        let reloaded = setup.runtime.replaceStation(setup.station.settings, catalog: CollaborativeRuntimeTests.catalog)
        #expect(reloaded.neighbours.neighbours(of: liked.trackID).count == 3)
    }
}
