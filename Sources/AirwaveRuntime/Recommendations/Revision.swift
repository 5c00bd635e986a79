import Synchronization

/// Process-wide revision numbers for cache keys: every call returns a value never handed out before, so a
/// revision names one state of one thing (a listener's exclusions, a station's DJ, a user's profile entry)
/// even across a listener leaving and rejoining or a user being forgotten and loaded again.
enum Revision {
    private static let counter = Atomic<UInt64>(0)

    /// A fresh revision (never 0, which stands for "no such entry").
    static func next() -> UInt64 {
        counter.add(1, ordering: .relaxed).newValue
    }
}
