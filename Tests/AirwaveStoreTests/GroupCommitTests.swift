import AirwaveCore
import AirwaveStore
import Foundation
import Testing

@Suite("Group commit")
struct GroupCommitTests {
    @Test("64 threads x 20 interactions: every id distinct, count exact, versions consistent")
    func concurrentWriters() throws {
        let store = try Fixtures.store()
        let catalog = Fixtures.tracks(30)
        let threads = 64, perThread = 20, users = 8
        let results = Mutex2<[(user: String, id: Int64, version: Int64, total: Int)]>([])
        let failures = Mutex2<[String]>([])
        DispatchQueue.concurrentPerform(iterations: threads) { t in
            for k in 0..<perThread {
                let user = "user\(t % users)"
                let input = InteractionInput(userID: user, stationID: "s\(t % 3)", track: catalog[(t + k) % catalog.count],
                                             feedback: k % 5 == 0 ? try! Feedback(.skip) : try! Feedback(.like), at: Date())
                do {
                    let (id, snapshot) = try store.recordInteraction(input)
                    results.append((user, id, snapshot.version, snapshot.profile.totalInteractions))
                } catch {
                    failures.append("\(error)")
                }
            }
        }
        #expect(failures.value.isEmpty)
        let all = results.value
        #expect(all.count == threads * perThread)
        #expect(Set(all.map(\.id)).count == all.count)
        for u in 0..<users {
            let user = "user\(u)"
            let mine = all.filter { $0.user == user }
            // Each caller saw a distinct point in the user's history; ids order the same way as versions.
            #expect(Set(mine.map(\.version)).count == mine.count)
            #expect(Set(mine.map(\.total)) == Set(1...mine.count))
            let byID = mine.sorted { $0.id < $1.id }
            #expect(byID.map(\.total) == Array(1...mine.count))
            let snapshot = try #require(try store.profile(userID: user))
            #expect(snapshot.profile.totalInteractions == mine.count)
            #expect(snapshot.version == mine.map(\.version).max())
            #expect(try store.rebuildProfile(userID: user).profile == snapshot.profile)
        }
    }
}
