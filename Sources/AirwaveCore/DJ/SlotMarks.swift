/// A set of catalog slots kept as one bit per slot, emptied by clearing only the marked words.
///
/// Why: `Set<Int>.contains` hashes with SipHash on every candidate that passes the ranking gate; a bit test
/// is one load. A request reuses one from ``RequestScratch`` and clears only what it marked, so neither
/// allocating nor zeroing scales with the catalog.
struct SlotMarks: Sendable {
    /// One bit per slot; slots beyond the end are never marked.
    private(set) var words: [UInt64] = []
    /// Every slot marked since the last ``clear()`` (with repeats), so clearing is O(marks).
    private var marked: [Int] = []

    /// Makes room for slots `0..<count` (the bits of new slots start clear).
    mutating func cover(_ count: Int) {
        let needed = (count + 63) >> 6
        if words.count < needed { words.append(contentsOf: repeatElement(0, count: needed - words.count)) }
    }

    /// Marks `slot`; slots outside `0..<covered` are ignored (no such slot is ever ranked).
    @inline(__always)
    mutating func insert(_ slot: Int) {
        guard slot >= 0, slot >> 6 < words.count else { return }
        words[slot >> 6] |= 1 << UInt64(slot & 63)
        marked.append(slot)
    }

    /// Whether `slot` is marked.
    @inline(__always)
    func contains(_ slot: Int) -> Bool {
        slot >= 0 && slot >> 6 < words.count && words[slot >> 6] & (1 << UInt64(slot & 63)) != 0
    }

    /// Unmarks everything marked, leaving the storage for the next request.
    mutating func clear() {
        for slot in marked { words[slot >> 6] = 0 }
        marked.removeAll(keepingCapacity: true)
    }
}
