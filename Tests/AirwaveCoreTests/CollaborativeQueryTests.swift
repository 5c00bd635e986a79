import Foundation
import Testing
@testable import AirwaveCore

@Suite("Collaborative: the term inside text queries' s_personal (DECISIONS 23)")
struct CollaborativeQueryTests {
    @Test("s_personal is (1 − w)·content + w·collab; w = 0 or no lists leave query answers unchanged")
    func personalIncludesCollaborative() {
        let dj = QueryFixture.dj()
        let index = QueryFixture.index(dj)
        let facets = index.understand("jazz")
        let liked = QueryFixture.tracks[3]  // rock: no query match, but listeners who liked it loved t2
        let lists = NeighbourLists(byTrack: [liked.trackID: [Neighbour(trackID: "t2", similarity: 1)]])
        let profile = Fixture.profile(genres: ["jazz": 0.6], energy: 0.6)
        func request(_ boost: CollaborativeBoost?) -> PlaylistRequest {
            PlaylistRequest(profile: profile, at: Fixture.noon, size: 4, recentLikes: [liked], collaborative: boost)
        }
        let plain = dj.recommend(query: facets, index: index, alpha: 1, request: request(nil))
        #expect(dj.recommend(query: facets, index: index, alpha: 1, request: request(CollaborativeBoost(weight: 0, neighbours: lists))) == plain)
        #expect(dj.recommend(query: facets, index: index, alpha: 1, request: request(CollaborativeBoost(weight: 0.5, neighbours: .empty))) == plain)

        let boosted = dj.recommend(query: facets, index: index, alpha: 1, request: request(CollaborativeBoost(weight: 0.5, neighbours: lists)))
        let effective = dj.effectiveProfile(profile, at: Fixture.noon)
        for pick in boosted.picks {
            let content = dj.score(pick.pick.index, for: effective)
            let expected = 0.5 * content + 0.5 * (pick.pick.track.trackID == "t2" ? 1 : 0)
            #expect(abs(pick.personalScore - expected) < 1e-12, "\(pick.pick.track.trackID)")
        }
        #expect(QueryFixture.ids(boosted).first == "t2")
    }
}
