import Testing
@testable import AirwaveCore

@Suite("Smart shuffle choices")
struct ShuffleChooseTests {
    func pick(_ index: Int, artist: String, score: Double = 0.5, discovery: Bool = false, energy: Double = 0.5) -> Pick {
        let track = try! Track(trackID: "t\(index)", title: "T\(index)", artist: artist, genre: "jazz", mood: "calm",
                               energy: energy, tempo: .medium, duration: 200)
        return Pick(index: index, track: track, score: score, discovery: discovery, reasons: [])
    }

    @Test("the first candidate whose artist differs from the previous three wins")
    func separation() {
        var random = SeededRandom(seed: 1)
        let candidates = [pick(0, artist: "A"), pick(1, artist: "B"), pick(2, artist: "C"), pick(3, artist: "D"), pick(4, artist: "A")]
        let choice = SmartShuffle.choose(from: candidates, wantDiscovery: false, recentArtists: ["A", "B", "C"],
                                         previous: nil, random: &random)
        #expect(choice == .init(position: 3))
        // Only the last three count: "A" four tracks back is allowed again.
        let recent = SmartShuffle.recentArtists(["A", "B", "C", "D"])
        #expect(recent == ["B", "C", "D"])
        #expect(SmartShuffle.choose(from: candidates, wantDiscovery: false, recentArtists: recent, previous: nil,
                                    random: &random)?.position == 0)
    }

    @Test("taken candidates are skipped")
    func taken() {
        var random = SeededRandom(seed: 1)
        let candidates = [pick(0, artist: "A"), pick(1, artist: "B")]
        #expect(SmartShuffle.choose(from: candidates, taken: [0], wantDiscovery: false, recentArtists: [], previous: nil,
                                    random: &random)?.position == 1)
        #expect(SmartShuffle.choose(from: candidates, taken: [0, 1], wantDiscovery: false, recentArtists: [], previous: nil,
                                    random: &random) == nil)
    }

    @Test("the slot's kind gives way before artist separation, which then shrinks step by step")
    func relaxationOrder() {
        var random = SeededRandom(seed: 1)
        let candidates = [pick(0, artist: "A"), pick(1, artist: "B", discovery: true), pick(2, artist: "C")]
        // Wanted discovery, but the only discovery pick repeats an artist: a familiar one with a new artist wins.
        #expect(SmartShuffle.choose(from: candidates, wantDiscovery: true, recentArtists: ["B"], previous: nil,
                                    random: &random) == .init(position: 0, kindChanged: true))
        // Every artist heard: the gap shrinks to 2 (C, B), so A (three back) plays, though familiar.
        #expect(SmartShuffle.choose(from: candidates, wantDiscovery: true, recentArtists: ["A", "B", "C"], previous: nil,
                                    random: &random) == .init(position: 0, artistGap: 2, kindChanged: true))
        // Two artists only: they alternate (gap 1) rather than stall.
        let two = [pick(0, artist: "A"), pick(1, artist: "B")]
        #expect(SmartShuffle.choose(from: two, wantDiscovery: false, recentArtists: ["B", "A", "B"], previous: nil,
                                    random: &random) == .init(position: 0, artistGap: 1))
        // One artist only: the rule gives way entirely.
        let one = [pick(0, artist: "A", discovery: true)]
        #expect(SmartShuffle.choose(from: one, wantDiscovery: true, recentArtists: ["A"], previous: nil,
                                    random: &random) == .init(position: 0, artistGap: 0))
    }

    @Test("the repeat window gives back the track whose latest play is oldest first")
    func releaseOrder() {
        #expect(SmartShuffle.releaseOrder(history: [5, 7, 5, 9, 7]) == [5, 9, 7])
        #expect(SmartShuffle.releaseOrder(history: []) == [])
    }

    @Test("transition mode at temperature 0 takes the best score + closeness; closeness can beat a higher score")
    func transitionArgmax() throws {
        let settings = try TransitionSettings(temperature: 0, weight: 1, energy: 1, bpm: 0, key: 0)
        let previous = pick(9, artist: "Z", energy: 0.9).track
        let candidates = [pick(0, artist: "A", score: 0.8, energy: 0.1), pick(1, artist: "B", score: 0.7, energy: 0.85)]
        var random = SeededRandom(seed: 3)
        #expect(SmartShuffle.choose(from: candidates, wantDiscovery: false, recentArtists: [], previous: previous,
                                    transition: settings, random: &random)?.position == 1)
        // Plain mode keeps the ranking's order.
        #expect(SmartShuffle.choose(from: candidates, wantDiscovery: false, recentArtists: [], previous: previous,
                                    random: &random)?.position == 0)
        // Transition mode still honours artist separation.
        #expect(SmartShuffle.choose(from: candidates, wantDiscovery: false, recentArtists: ["B"], previous: previous,
                                    transition: settings, random: &random)?.position == 0)
    }

    @Test("transition draws are reproducible per seed and limited to the top candidates")
    func transitionSeeded() throws {
        let settings = try TransitionSettings(temperature: 0.5, weight: 0.3, candidates: 3)
        let candidates = (0..<10).map { pick($0, artist: "A\($0)", score: 1 - Double($0) / 10, energy: Double($0) / 10) }
        let previous = candidates[0].track
        var seen = Set<Int>()
        for seed in 0..<200 as Range<UInt64> {
            var a = SeededRandom(seed: seed), b = SeededRandom(seed: seed)
            let first = SmartShuffle.choose(from: candidates, wantDiscovery: false, recentArtists: [], previous: previous,
                                            transition: settings, random: &a)
            let second = SmartShuffle.choose(from: candidates, wantDiscovery: false, recentArtists: [], previous: previous,
                                             transition: settings, random: &b)
            #expect(first == second)
            seen.insert(first!.position)
        }
        #expect(seen == [0, 1, 2], "draws spread over exactly the top 3")
    }
}
