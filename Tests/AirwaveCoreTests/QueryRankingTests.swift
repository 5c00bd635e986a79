import Foundation
import Testing
@testable import AirwaveCore

@Suite("Query ranking: text search, facets, fusion with the listener's score")
struct QueryRankingTests {
    let dj = QueryFixture.dj()
    var index: QueryIndex { QueryFixture.index(dj) }
    let neutral = Fixture.profile()

    func run(_ text: String, alpha: Double, profile: Profile? = nil, size: Int = 8, excluded: Set<Int> = []) -> QueryPlaylist {
        dj.recommend(query: index.understand(text), index: index, alpha: alpha,
                     request: PlaylistRequest(profile: profile ?? neutral, at: Fixture.noon, size: size, excluded: excluded))
    }

    @Test("BM25 puts the artist who matches every word first, then partial matches; non-matches are not candidates")
    func textSearch() {
        let list = run("songs by Miles Davis", alpha: 0)
        let ids = QueryFixture.ids(list)
        #expect(Set(ids.prefix(3)) == ["t1", "t2", "t6"], "\(ids)")
        #expect(Set(ids.dropFirst(3)) == ["t0", "t3"], "one word only: 'The Davis Trio', 'Eight Miles High'")
        #expect(list.candidates == 5)
        #expect(list.picks[0].pick.reasons.first == "artist Miles Davis")
        #expect(list.picks.allSatisfy { $0.queryScore > 0 && $0.queryScore <= 1 })
        #expect(list.picks[0].queryScore == 1, "the best text match normalizes to 1")
    }

    @Test("an album title is searchable and says so")
    func album() {
        let list = run("Tutu", alpha: 0)
        #expect(QueryFixture.ids(list) == ["t6"])
        #expect(list.picks[0].pick.reasons.first == "title Tutu, album Tutu")
    }

    @Test("an album name finds its tracks even though 'blue' is also a mood word")
    func albumName() {
        let ids = QueryFixture.ids(run("Kind of Blue", alpha: 0))
        #expect(Set(ids.prefix(2)) == ["t1", "t2"], "\(ids)")
    }

    @Test("'something I will like' is the listener's own ranking: the DJ's top K with discovery off")
    func tasteOnly() {
        let profile = Fixture.profile(genres: ["jazz": 1, "metal": 0.3], artists: ["Metallica": 0.9], moods: ["dark": 1], energy: 0.6)
        let list = run("something I will like", alpha: 0.6, profile: profile, size: 5)
        let plain = dj.recommend(PlaylistRequest(profile: profile, at: Fixture.noon, size: 5))
        #expect(QueryFixture.ids(list) == plain.picks.map(\.track.trackID))
        #expect(list.candidates == dj.catalog.liveCount)
        #expect(list.picks[0].pick.reasons.first == "matches 'i will like'")
        #expect(list.picks[0].pick.reasons.contains { $0.hasPrefix("for you: ") })
    }

    @Test("'like Brian Eno' finds Eno first, then other tracks with his sound (calm, low energy), not only his name")
    func likeAnArtist() {
        let facets = index.understand("music like Brian Eno")
        #expect(facets.similar)
        #expect(facets.genres["ambient"] == 1)
        #expect(facets.moods["calm"] == 1)
        #expect(facets.understood.contains("'like brian eno' → genres ambient; moods calm; energy 0.1"), "\(facets.understood)")
        let list = run("music like Brian Eno", alpha: 0)
        let ids = QueryFixture.ids(list)
        #expect(ids.first == "t5")
        #expect(list.picks[0].pick.reasons.first == "artist Brian Eno")
        #expect(ids.dropFirst().first == "t2", "the calm, quiet jazz track sounds most like Eno: \(ids)")
        #expect(!ids.contains("t4"))
        #expect(list.picks[1].pick.reasons.contains("mood calm for 'like brian eno'"), "\(list.picks[1].pick.reasons)")
    }

    @Test("calm + studying: the calm, low-energy tracks first, an aggressive one not at all")
    func moodAndEnergy() {
        let ids = QueryFixture.ids(run("calm music for studying", alpha: 0))
        #expect(Set(ids.prefix(2)) == ["t2", "t5"], "\(ids)")
        #expect(!ids.contains("t4"))
    }

    @Test("genre plus era: 80s metal ranks the 1986 metal track first and says '1980s'")
    func genreAndEra() {
        let list = run("80s metal", alpha: 0)
        #expect(list.picks.first?.pick.track.trackID == "t4")
        #expect(list.picks.first?.pick.reasons.contains("matches 'metal'") == true)
        #expect(list.picks.first?.pick.reasons.contains("1980s (1986)") == true, "\(list.picks.first?.pick.reasons ?? [])")
    }

    @Test("similar genres get half credit and a reason naming the asked genre")
    func similarGenre() {
        var tracks = QueryFixture.tracks
        tracks.append(QueryFixture.track("b", "Hoochie Coochie Man", "Muddy Waters", genre: "blues", mood: "groovy", energy: 0.5, tempo: .medium, year: 1954))
        let dj = QueryFixture.dj(tracks)
        let index = QueryFixture.index(dj)
        let list = dj.recommend(query: index.understand("jazz"), index: index, alpha: 0,
                                request: PlaylistRequest(profile: neutral, at: Fixture.noon, size: 10))
        let blues = list.picks.first { $0.pick.track.trackID == "b" }
        #expect(blues?.queryScore == 0.5)
        #expect(blues?.pick.reasons.first == "blues, close to 'jazz'")
        #expect(QueryFixture.ids(list).last == "b")
    }

    @Test("fusion arithmetic: s_query · (0.01 + 0.99·s_personal)^α")
    func fusion() {
        #expect(QueryFusion.scaledPersonal(0) == 0.01)
        #expect(QueryFusion.scaledPersonal(1) == 1)
        #expect(abs(QueryFusion.scaledPersonal(0.5) - 0.505) < 1e-12)
        #expect(QueryFusion.scaledPersonal(7) == 1, "clamped")
        #expect(QueryFusion.fuse(query: 0.8, personal: 0, alpha: 0) == 0.8)
        #expect(abs(QueryFusion.fuse(query: 0.8, personal: 0, alpha: 1) - 0.008) < 1e-12)
        #expect(abs(QueryFusion.fuse(query: 0.8, personal: 0, alpha: 0.5) - 0.08) < 1e-12)
        #expect(abs(QueryFusion.fuse(query: 0.5, personal: 0.5, alpha: 1) - 0.2525) < 1e-12)
        #expect(QueryFusion.fuse(query: 0.8, personal: 1, alpha: 0.7) == 0.8)
    }

    @Test("each pick's score is the fusion of its two sides")
    func scoresAreFused() {
        let profile = Fixture.profile(genres: ["ambient": 1], moods: ["calm": 1], energy: 0.1)
        let list = run("calm music for studying", alpha: 0.8, profile: profile)
        for p in list.picks {
            #expect(abs(p.pick.score - QueryFusion.fuse(query: p.queryScore, personal: p.personalScore, alpha: 0.8)) < 1e-12)
        }
    }

    @Test("the listener's profile changes the order only when α is high")
    func alphaGatesPersonalization() {
        let ambientFan = Fixture.profile(genres: ["ambient": 1], artists: ["Brian Eno": 1], moods: ["calm": 1], energy: 0.1)
        let jazzFan = Fixture.profile(genres: ["jazz": 1], artists: ["Miles Davis": 1], moods: ["calm": 1], energy: 0.3)
        // α = 0: catalog order alone, whoever asks.
        #expect(QueryFixture.ids(run("calm", alpha: 0, profile: ambientFan)) == QueryFixture.ids(run("calm", alpha: 0, profile: jazzFan)))
        // α = 1: each listener's favourite among the calm tracks comes first.
        #expect(QueryFixture.ids(run("calm", alpha: 1, profile: ambientFan)).first == "t5")
        #expect(QueryFixture.ids(run("calm", alpha: 1, profile: jazzFan)).first == "t2")
        // Personal reasons appear only with a high α.
        #expect(run("calm", alpha: 1, profile: jazzFan).picks[0].pick.reasons.contains { $0.hasPrefix("for you: ") })
        #expect(!run("calm", alpha: 0.2, profile: jazzFan).picks[0].pick.reasons.contains { $0.hasPrefix("for you: ") })
    }

    @Test("excluded tracks (recent history) are left out but still counted as candidates; size caps the list")
    func exclusionsAndSize() {
        let all = run("songs by Miles Davis", alpha: 0)
        let without = run("songs by Miles Davis", alpha: 0, excluded: [dj.catalog.index(of: all.picks[0].pick.track.trackID)!])
        #expect(QueryFixture.ids(without) == Array(QueryFixture.ids(all).dropFirst()))
        #expect(without.candidates == all.candidates)
        #expect(run("songs by Miles Davis", alpha: 0, size: 2).picks.count == 2)
    }

    @Test("a removed track is never a candidate, even with a stale index")
    func removed() {
        var dj = self.dj
        let index = QueryFixture.index(dj)
        dj.catalog.remove(trackID: "t6")
        let list = dj.recommend(query: index.understand("Tutu"), index: index, alpha: 0,
                                request: PlaylistRequest(profile: neutral, at: Fixture.noon, size: 5))
        #expect(list.picks.isEmpty)
        #expect(dj.catalog.revision == self.dj.catalog.revision + 1, "removal bumps the revision caches key on")
    }

    @Test("an index over a 20,000-track synthetic catalog answers and stays within the live tracks")
    func largeCatalog() {
        let dj = Fixture.synthetic(20_000)
        let index = QueryFixture.index(dj)
        let artist = dj.catalog.tracks[123].artist
        let list = dj.recommend(query: index.understand("songs by \(artist)"), index: index, alpha: 0.2,
                                request: PlaylistRequest(profile: neutral, at: Fixture.noon, size: 10))
        #expect(list.picks.first?.pick.track.artist == artist)
    }
}
