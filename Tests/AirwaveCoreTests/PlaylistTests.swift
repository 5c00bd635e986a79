import Foundation
import Testing
@testable import AirwaveCore

@Suite("Playlists: ranking, exclusion, discovery")
struct PlaylistTests {
    static let dj = Fixture.synthetic(3000)
    static let listener = Fixture.profile(genres: ["jazz": 0.9, "rock": 0.4, "ambient": 0.6],
                                          artists: ["Artist 3": 0.8, "Artist 10": 0.6], moods: ["mellow": 0.7],
                                          energy: 0.45, tempo: .medium)

    @Test("discovery 0 gives exactly the top K by score, ties by catalog order (checked by brute force)")
    func topKMatchesBruteForce() {
        let dj = Self.dj
        for k in [1, 10, 50, 200] {
            let playlist = dj.recommend(PlaylistRequest(profile: Self.listener, at: Fixture.noon, size: k, discoveryOverride: 0))
            let table = dj.table(for: dj.effectiveProfile(Self.listener, at: Fixture.noon))
            let all: [(i: Int, s: Double)] = (0..<dj.catalog.count).map { i in (i: i, s: table.score(dj.catalog, i)) }
            let sorted = all.sorted { (l: (i: Int, s: Double), r: (i: Int, s: Double)) -> Bool in
                l.s != r.s ? l.s > r.s : l.i < r.i
            }
            let brute: [Int] = sorted.prefix(k).map { $0.i }
            #expect(playlist.picks.map(\.index) == Array(brute))
            #expect(playlist.picks.allSatisfy { !$0.discovery })
        }
    }

    @Test("equal scores keep catalog order")
    func tiesByCatalogOrder() {
        let tracks = (0..<20).map { Fixture.track("t\($0)") }
        let playlist = Fixture.dj(tracks).recommend(PlaylistRequest(profile: Fixture.profile(), at: Fixture.noon, size: 5))
        #expect(playlist.picks.map(\.index) == [0, 1, 2, 3, 4])
    }

    @Test("excluded history and removed tracks never appear; short catalogs return what there is")
    func exclusions() {
        var dj = Fixture.dj((0..<12).map { Fixture.track("t\($0)", energy: Double($0) / 12) })
        let removed = dj.catalog.remove(trackID: "t5")
        #expect(removed)
        let excluded: Set<Int> = [0, 1, 2, 3]
        let playlist = dj.recommend(PlaylistRequest(profile: Fixture.profile(), at: Fixture.noon, size: 10,
                                                    excluded: excluded, discoveryOverride: 0.3, seed: 9))
        let indices = Set(playlist.picks.map(\.index))
        #expect(indices.isDisjoint(with: excluded))
        #expect(!indices.contains(5))
        #expect(playlist.picks.count == 7)
        #expect(indices.count == 7)  // no repeats
    }

    @Test("a playlist of K holds round(K·f) discovery picks, spread through the list")
    func discoveryShare() {
        for (k, f, expected) in [(10, 0.2, 2), (10, 0.25, 3), (10, 0.05, 1), (50, 0.2, 10), (5, 0.1, 1), (10, 1.0, 10)] {
            let playlist = Self.dj.recommend(PlaylistRequest(profile: Self.listener, at: Fixture.noon, size: k,
                                                             discoveryOverride: f, seed: 42))
            #expect(playlist.picks.count == k)
            #expect(playlist.picks.filter(\.discovery).count == expected, "K=\(k) f=\(f)")
            #expect(Set(playlist.picks.map(\.index)).count == k)
        }
        let playlist = Self.dj.recommend(PlaylistRequest(profile: Self.listener, at: Fixture.noon, size: 10,
                                                         discoveryOverride: 0.2, seed: 1))
        let positions = playlist.picks.indices.filter { playlist.picks[$0].discovery }
        #expect(positions == [2, 7])  // evenly spread, not appended
    }

    @Test("discovery picks come from outside the familiar top K")
    func discoveryOutsideFamiliar() {
        let top = Self.dj.recommend(PlaylistRequest(profile: Self.listener, at: Fixture.noon, size: 20, discoveryOverride: 0))
        let familiar = Set(top.picks.map(\.index))
        for seed in 0..<20 as Range<UInt64> {
            let playlist = Self.dj.recommend(PlaylistRequest(profile: Self.listener, at: Fixture.noon, size: 20,
                                                             discoveryOverride: 0.3, seed: seed))
            for pick in playlist.picks where pick.discovery {
                #expect(!familiar.contains(pick.index))
                #expect(pick.reasons.first?.hasPrefix("discovery: ") == true)
            }
            // The familiar part is the head of the ranking.
            #expect(playlist.picks.filter { !$0.discovery }.map(\.index) == Array(top.picks.map(\.index).prefix(14)))
        }
    }

    @Test("single-track refills carrying the debt give the setting's share within ±2 points over 1,000 picks")
    func carryOverRefills() {
        for f in [0.2, 0.15, 0.33] {
            var carry = 0.0, discoveries = 0
            for round in 0..<1000 {
                let playlist = Self.dj.recommend(PlaylistRequest(profile: Self.listener, at: Fixture.noon, size: 1,
                                                                 discoveryOverride: f, discoveryCarry: carry, seed: UInt64(round)))
                discoveries += playlist.picks.filter(\.discovery).count
                carry = playlist.discoveryCarry
            }
            #expect(abs(Double(discoveries) / 1000 - f) <= 0.02, "f=\(f): \(discoveries)")
        }
        // Without a carry, single refills would round 0.2 to zero discovery every time.
        let plain = Self.dj.recommend(PlaylistRequest(profile: Self.listener, at: Fixture.noon, size: 1, discoveryOverride: 0.2))
        #expect(plain.picks.filter(\.discovery).isEmpty)
        #expect(abs(plain.discoveryCarry - 0.2) < 1e-12)
        // Discovery switched off drops any debt: the list is the plain top K.
        let off = Self.dj.recommend(PlaylistRequest(profile: Self.listener, at: Fixture.noon, size: 5,
                                                    discoveryOverride: 0, discoveryCarry: 0.9))
        #expect(off.picks.allSatisfy { !$0.discovery } && off.discoveryCarry == 0)
    }

    @Test("an absurd size is clamped to the catalog")
    func hugeSize() {
        let dj = Fixture.dj((0..<5).map { Fixture.track("t\($0)") })
        let playlist = dj.recommend(PlaylistRequest(profile: Fixture.profile(), at: Fixture.noon, size: .max, discoveryOverride: 0.5))
        #expect(playlist.picks.count == 5)
    }

    @Test("same inputs and seed give the same playlist; other seeds differ")
    func determinism() {
        func run(_ seed: UInt64) -> [Int] {
            Self.dj.recommend(PlaylistRequest(profile: Self.listener, at: Fixture.noon, size: 30,
                                              discoveryOverride: 0.3, seed: seed)).picks.map(\.index)
        }
        #expect(run(123) == run(123))
        let others = (124..<134 as Range<UInt64>).map(run)
        #expect(others.contains { $0 != run(123) })
    }

    @Test("reasons name the strongest terms in plain words")
    func reasons() {
        let dj = Fixture.dj([
            Fixture.track("a", genre: "jazz", artist: "Miles Davis", energy: 0.5, tempo: .medium, title: "So What"),
            Fixture.track("b", genre: "blues", artist: "Muddy Waters", energy: 0.5, tempo: .medium),
        ])
        let profile = Fixture.profile(genres: ["jazz": 0.9], artists: ["Miles Davis": 0.9], energy: 0.5, tempo: .slow)
        let liked = Fixture.track("z", genre: "blues", artist: "B.B. King", title: "The Thrill Is Gone")
        let picks = dj.recommend(PlaylistRequest(profile: profile, at: Fixture.noon, size: 2, recentLikes: [liked])).picks
        #expect(picks[0].reasons == ["genre jazz 0.9", "artist Miles Davis 0.9", "energy close to yours"])
        #expect(picks[1].reasons == ["energy close to yours", "similar to jazz", "because you liked The Thrill Is Gone"])
    }

    @Test("discovery picks say why they are new")
    func discoveryReasons() {
        // Two jazz tracks fill the familiar set; the pool holds one blues (similar) and one polka (new) track.
        let dj = Fixture.dj([Fixture.track("j1"), Fixture.track("j2"),
                             Fixture.track("b", genre: "blues"), Fixture.track("p", genre: "polka")])
        let profile = Fixture.profile(genres: ["jazz": 0.9], artists: ["Someone": 0.5])
        var seen: [String: String] = [:]
        for seed in 0..<40 as Range<UInt64> {
            let picks = dj.recommend(PlaylistRequest(profile: profile, at: Fixture.noon, size: 2, discoveryOverride: 0.5, seed: seed)).picks
            #expect(picks.count == 2 && picks[0].index == 0 && picks[1].discovery)
            seen[picks[1].track.trackID] = picks[1].reasons.first
        }
        #expect(seen == ["b": "discovery: similar to jazz", "p": "discovery: new genre for you"])
    }
}
