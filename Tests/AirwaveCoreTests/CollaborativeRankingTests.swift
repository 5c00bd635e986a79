import Foundation
import Testing
@testable import AirwaveCore

@Suite("Collaborative: the blended ranking around DJ.recommend")
struct CollaborativeRankingTests {
    /// Neighbour lists linking random pairs of the catalog's tracks.
    static func randomLists(_ dj: DJ, seed: UInt64, tracks: Int = 80, per: Int = 20) -> NeighbourLists {
        var random = SeededRandom(seed: seed)
        var byTrack: [String: [Neighbour]] = [:]
        for _ in 0..<tracks {
            let from = dj.catalog.tracks[Int(random.nextUnit() * Double(dj.catalog.count))].trackID
            var list: [Neighbour] = []
            for _ in 0..<per {
                let to = dj.catalog.tracks[Int(random.nextUnit() * Double(dj.catalog.count))].trackID
                if to != from, !list.contains(where: { $0.trackID == to }) {
                    list.append(Neighbour(trackID: to, similarity: random.nextUnit()))
                }
            }
            byTrack[from] = list
        }
        return NeighbourLists(byTrack: byTrack)
    }

    static func request(_ dj: DJ, likes: [Int], boost: CollaborativeBoost?, size: Int = 20, discovery: Double = 0,
                        excluded: Set<Int> = []) -> PlaylistRequest {
        PlaylistRequest(profile: Fixture.profile(genres: ["rock": 0.8, "jazz": 0.6], artists: [:], moods: ["happy": 0.7],
                                                 energy: 0.6, discovery: discovery),
                        at: Fixture.noon, size: size, excluded: excluded, seed: 42,
                        recentLikes: likes.map { dj.catalog.tracks[$0] }, collaborative: boost)
    }

    @Test("with w = 0, no neighbours, or no recent likes the playlist equals today's exactly")
    func offEqualsContent() {
        for count in [600, 6000] {
            let dj = Fixture.synthetic(count)
            let lists = Self.randomLists(dj, seed: 3)
            let likes = lists.byTrack.keys.sorted().prefix(5).map { dj.catalog.index(of: $0)! }
            for discovery in [0, 0.3] {
                let plain = dj.recommend(Self.request(dj, likes: likes, boost: nil, discovery: discovery))
                let off = [CollaborativeBoost(weight: 0, neighbours: lists), CollaborativeBoost(weight: 0.4, neighbours: .empty)]
                for boost in off {
                    #expect(dj.recommend(Self.request(dj, likes: likes, boost: boost, discovery: discovery)) == plain)
                }
                let noLikes = dj.recommend(Self.request(dj, likes: [], boost: nil, discovery: discovery))
                #expect(dj.recommend(Self.request(dj, likes: [], boost: CollaborativeBoost(weight: 0.4, neighbours: lists),
                                                  discovery: discovery)) == noLikes)
            }
        }
    }

    @Test("the merged ranking equals scoring every track with (1 − w)·content + w·collab (pruned and full scans)")
    func exactAgainstBruteForce() {
        for (count, seed) in [(500, UInt64(1)), (5000, 2), (9000, 3)] {
            let dj = Fixture.synthetic(count, seed: seed)
            let lists = Self.randomLists(dj, seed: seed)
            let likes = lists.byTrack.keys.sorted().prefix(6).map { dj.catalog.index(of: $0)! }
            for w in [0.2, 0.5, 0.9, 1] {
                let boost = CollaborativeBoost(weight: w, neighbours: lists)
                let excluded: Set<Int> = [likes[0], 7, 11]
                let request = Self.request(dj, likes: likes, boost: boost, size: 30, excluded: excluded)
                let got = dj.recommend(request)

                // Brute force: every live, non-excluded track scored in full.
                var collab = [Int: Double]()
                for liked in likes {
                    for n in lists.neighbours(of: dj.catalog.tracks[liked].trackID) {
                        let i = dj.catalog.index(of: n.trackID)!
                        collab[i] = max(collab[i] ?? 0, n.similarity)
                    }
                }
                let effective = dj.effectiveProfile(request.profile, at: request.at)
                var scored: [(index: Int, score: Double)] = []
                for i in 0..<dj.catalog.count where !excluded.contains(i) {
                    let content: Double = dj.score(i, for: effective)
                    let blended: Double = (1 - w) * content + w * (collab[i] ?? 0)
                    scored.append((i, blended))
                }
                scored.sort { $0.score != $1.score ? $0.score > $1.score : $0.index < $1.index }
                let expectedOrder: [Int] = scored.prefix(30).map { $0.index }
                #expect(got.picks.map { $0.index } == expectedOrder, "n=\(count) w=\(w)")
                for (pick, expected) in zip(got.picks, scored) {
                    #expect(abs(pick.score - expected.score) < 1e-12)
                    #expect(pick.score >= 0 && pick.score <= 1)
                }
                var unpruned = dj
                unpruned.pruning = false
                #expect(unpruned.recommend(request) == got)
            }
        }
    }

    @Test("a neighbour of a recent like climbs and says why; cold tracks and new listeners fall back to content")
    func reasonsAndColdStart() {
        let tracks = (0..<30).map { i in
            Fixture.track("t\(i)", genre: i < 15 ? "rock" : "folk", artist: "A\(i)", mood: "happy",
                          energy: 0.6, title: "Song \(i)")
        }
        let dj = Fixture.dj(tracks)
        let lists = NeighbourLists(byTrack: ["t0": [Neighbour(trackID: "t20", similarity: 0.9)]])
        let boost = CollaborativeBoost(weight: 0.5, neighbours: lists)
        let profile = Fixture.profile(genres: ["rock": 0.9], moods: ["happy": 0.5], energy: 0.6)
        let request = PlaylistRequest(profile: profile, at: Fixture.noon, size: 5, excluded: [0],
                                      recentLikes: [tracks[0]], collaborative: boost)
        let playlist = dj.recommend(request)
        // t20 (folk, no genre credit) beats every rock track thanks to the co-likes.
        #expect(playlist.picks.first?.track.trackID == "t20")
        #expect(playlist.picks.first?.reasons.first == "listeners who liked Song 0 also liked this")
        #expect(playlist.picks.dropFirst().allSatisfy { !$0.reasons.contains { $0.hasPrefix("listeners who liked") } })
        // A new listener (no likes) gets the content ranking.
        var cold = request
        cold.recentLikes = []
        var content = cold
        content.collaborative = nil
        #expect(dj.recommend(cold) == dj.recommend(content))
        // A like whose track has no neighbours (a new track) changes nothing either.
        var newTrack = request
        newTrack.recentLikes = [tracks[3]]
        var newTrackContent = newTrack
        newTrackContent.collaborative = nil
        #expect(dj.recommend(newTrack) == dj.recommend(newTrackContent))
    }

    @Test("collaborative_weight is read, validated, defaulted and round-trips")
    func settingsField() throws {
        let decoded = try StationSettings.decode(json: Array(#"{"id": "a", "collaborative_weight": 0.45}"#.utf8))
        #expect(decoded.collaborativeWeight == 0.45)
        let again = try JSONDecoder().decode(StationSettings.self, from: try JSONEncoder().encode(decoded))
        #expect(again == decoded)
        #expect(try StationSettings.decode(json: Array(#"{"id": "a"}"#.utf8)).collaborativeWeight
                == StationSettings.defaultCollaborativeWeight)
        #expect(throws: ValidationError.self) { try StationSettings.decode(json: Array(#"{"id": "a", "collaborative_weight": 1.5}"#.utf8)) }
        do {
            _ = try StationSettings.decode(json: Array(#"{"id": "a", "collaborative_weight": -0.1}"#.utf8))
        } catch {
            #expect(error.field == "collaborative_weight")
        }
        // A station that never set it encodes without the key (the documented shape stays).
        let plain = String(decoding: try JSONEncoder().encode(try StationSettings(id: "b")), as: UTF8.self)
        #expect(!plain.contains("collaborative_weight"))
    }
}
