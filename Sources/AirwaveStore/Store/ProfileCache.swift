import Foundation
import Synchronization

/// The group-commit writer's copy of the profiles it last wrote, so a batch need not read and decode
/// every profile again: an entry is used only while the row's `xmin` (the transaction that wrote the row
/// version) and `version` are still those seen when it was cached, i.e. nobody has written the row since.
///
/// Entries are added only after their transaction committed. Shared by the writer threads: an entry one
/// of them stored late (after another wrote a newer version) fails validation and is simply a miss.
final class ProfileCache: Sendable {
    private struct Entry {
        let xmin: String
        let snapshot: ProfileSnapshot
    }

    /// Most profiles kept; past it the cache starts over (profiles can be large, misses are only slower).
    let limit: Int
    private let entries = Mutex<[String: Entry]>([:])

    init(limit: Int = 10_000) { self.limit = limit }

    /// The cached snapshot of `user` when the row still is the version cached, else nil.
    func snapshot(_ user: String, xmin: String, version: Int64) -> ProfileSnapshot? {
        guard let entry = entries.withLock({ $0[user] }), entry.xmin == xmin, entry.snapshot.version == version else {
            return nil
        }
        return entry.snapshot
    }

    /// Remembers `snapshot` as the committed row version written by transaction `xmin`.
    func store(_ snapshot: ProfileSnapshot, xmin: String) {
        entries.withLock { entries in
            if entries.count >= limit && entries[snapshot.userID] == nil { entries.removeAll(keepingCapacity: true) }
            entries[snapshot.userID] = Entry(xmin: xmin, snapshot: snapshot)
        }
    }

    /// Forgets everything (after a failure whose outcome is unknown; validation would catch it anyway).
    func removeAll() { entries.withLock { $0.removeAll() } }

    /// Profiles currently cached.
    var count: Int { entries.withLock { $0.count } }
}
