import Foundation

/// A min-heap of deadlines: one entry per listener whose current track ends at `deadline`.
///
/// Entries are never removed from the middle; a listener whose deadline changed gets a new entry with a
/// higher `generation`, and stale entries are skipped when popped (lazy deletion keeps push/pop O(log n)).
public struct DeadlineHeap<Key: Hashable & Sendable>: Sendable {
    /// One scheduled wake-up.
    public struct Entry: Sendable {
        public let deadline: Date
        public let key: Key
        public let generation: UInt64
    }

    private var entries: [Entry] = []

    /// An empty heap.
    public init() {}

    /// Number of entries, stale ones included.
    public var count: Int { entries.count }

    /// The earliest entry, if any.
    public var first: Entry? { entries.first }

    /// Adds a deadline for `key`.
    public mutating func push(_ deadline: Date, key: Key, generation: UInt64) {
        entries.append(Entry(deadline: deadline, key: key, generation: generation))
        siftUp(entries.count - 1)
    }

    /// Removes and returns the earliest entry whose deadline is at or before `now`.
    public mutating func popDue(now: Date) -> Entry? {
        guard let top = entries.first, top.deadline <= now else { return nil }
        let last = entries.removeLast()
        if !entries.isEmpty {
            entries[0] = last
            siftDown(0)
        }
        return top
    }

    private func less(_ a: Int, _ b: Int) -> Bool {
        entries[a].deadline < entries[b].deadline
    }

    private mutating func siftUp(_ index: Int) {
        var child = index
        while child > 0 {
            let parent = (child - 1) / 2
            guard less(child, parent) else { return }
            entries.swapAt(child, parent)
            child = parent
        }
    }

    private mutating func siftDown(_ index: Int) {
        var parent = index
        while true {
            let left = 2 * parent + 1
            let right = left + 1
            var smallest = parent
            if left < entries.count, less(left, smallest) { smallest = left }
            if right < entries.count, less(right, smallest) { smallest = right }
            guard smallest != parent else { return }
            entries.swapAt(parent, smallest)
            parent = smallest
        }
    }
}
