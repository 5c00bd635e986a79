import AirwaveCore
import AirwaveStore
import Foundation
import Testing

@Suite("Play log")
struct PlayLogTests {
    static func play(_ station: String, _ user: String, _ track: Track, at: Date, outcome: PlayOutcome = .played) -> PlayInput {
        PlayInput(stationID: station, userID: user, track: track, startedAt: at, endedAt: at.addingTimeInterval(track.duration),
                  outcome: outcome, discovery: false, score: 0.5, reasons: ["genre"], daypart: "morning")
    }

    @Test("concurrent batches get gap-free per-station seqs in commit order; afterSeq resumes exactly")
    func seqs() throws {
        let store = try Fixtures.store()
        try store.saveStation(Fixtures.station("a"))
        try store.saveStation(Fixtures.station("b"))
        let catalog = Fixtures.tracks(10)
        let base = Date(timeIntervalSince1970: 1_763_000_000)
        let logged = Mutex2<[LoggedPlay]>([])
        DispatchQueue.concurrentPerform(iterations: 8) { w in
            for batch in 0..<10 {
                let plays = (0..<5).map { k in
                    Self.play(k % 2 == 0 ? "a" : "b", "u\(w)", catalog[(w + k) % 10], at: base.addingTimeInterval(Double(batch * 10 + k)),
                              outcome: k == 4 ? .skipped : .played)
                }
                if let result = try? store.recordPlays(plays) { logged.mutate { $0 += result } }
            }
        }
        #expect(logged.value.count == 400)
        for (station, expected) in [("a", 240), ("b", 160)] {
            let all = try store.plays(stationID: station, afterSeq: nil, since: nil, userID: nil, limit: 1000)
            #expect(all.map(\.seq) == Array(1...Int64(expected)))
            // Resuming from any cursor gives exactly the rest.
            var cursor: Int64? = nil
            var paged: [LoggedPlay] = []
            while true {
                let page = try store.plays(stationID: station, afterSeq: cursor, since: nil, userID: nil, limit: 37)
                if page.isEmpty { break }
                paged += page
                cursor = page.last!.seq
            }
            #expect(paged == all)
        }
        // Implicit plays were folded: 8 users x 10 batches x 4 played.
        for w in 0..<8 {
            let snapshot = try #require(try store.profile(userID: "u\(w)"))
            #expect(snapshot.profile.totalInteractions == 40)
            #expect(try store.rebuildProfile(userID: "u\(w)").profile == snapshot.profile)
        }
        let mine = try store.plays(stationID: "a", afterSeq: nil, since: nil, userID: "u3", limit: 1000)
        #expect(mine.allSatisfy { $0.userID == "u3" } && mine.count == 30)
        let recent = try store.recentPlays(stationID: "a", userID: "u3", limit: 5)
        #expect(recent.map(\.seq) == Array(mine.map(\.seq).suffix(5).reversed()))
    }

    @Test("plays for an unknown station fail as not_found and log nothing")
    func unknownStation() throws {
        let store = try Fixtures.store()
        let t = Fixtures.tracks(1)[0]
        do {
            _ = try store.recordPlays([Self.play("ghost", "u", t, at: Date())])
            Issue.record("should fail")
        } catch {
            #expect(error.code == .notFound)
        }
        #expect(try store.profile(userID: "u") == nil)
    }

    @Test("prune deletes only plays older than the cutoff, in batches")
    func prune() throws {
        let store = try Fixtures.store()
        try store.saveStation(Fixtures.station("s"))
        let t = Fixtures.tracks(1)[0]
        let cutoff = Date(timeIntervalSince1970: 1_760_000_000)
        let old = (0..<25).map { Self.play("s", "u", t, at: cutoff.addingTimeInterval(-Double(1000 + $0)), outcome: .skipped) }
        let fresh = (0..<7).map { Self.play("s", "u", t, at: cutoff.addingTimeInterval(Double($0)), outcome: .skipped) }
        _ = try store.recordPlays(old + fresh)
        #expect(try store.prunePlays(before: cutoff, batchSize: 4) == 25)
        let left = try store.plays(stationID: "s", afterSeq: nil, since: nil, userID: nil, limit: 100)
        #expect(left.count == 7)
        #expect(left.allSatisfy { $0.startedAt >= cutoff })
        #expect(try store.prunePlays(before: cutoff, batchSize: 4) == 0)
        let since = try store.plays(stationID: "s", afterSeq: nil, since: cutoff.addingTimeInterval(3), userID: nil, limit: 100)
        #expect(since.count == 4)
    }

    @Test("a logged play encodes with the documented snake_case keys")
    func json() throws {
        let p = LoggedPlay(seq: 1, stationID: "s", userID: "u", trackID: "t", title: "T", artist: "A", genre: "g",
                           startedAt: Date(), endedAt: Date(), outcome: .played, discovery: true, score: 0.5,
                           reasons: ["r"], daypart: "night")
        let object = try JSONSerialization.jsonObject(with: JSONEncoder().encode(p)) as! [String: Any]
        #expect(Set(object.keys) == ["seq", "station_id", "user_id", "track_id", "title", "artist", "genre", "started_at",
                                     "ended_at", "outcome", "discovery", "score", "reasons", "daypart"])
    }
}
