/// A scored catalog slot.
struct Scored: Sendable {
    var score: Double
    var index: Int

    /// Ranking order: higher score first, then lower index (catalog order).
    @inline(__always)
    func ranksBefore(_ other: Scored) -> Bool {
        score > other.score || (score == other.score && index < other.index)
    }
}

/// Keeps the best `capacity` items seen, as a binary heap whose root is the worst kept item.
struct TopK {
    let capacity: Int
    private(set) var heap: [Scored] = []

    init(capacity: Int) {
        self.capacity = capacity
        heap.reserveCapacity(capacity)
    }

    /// The score an item must beat to get in (−∞ while not full).
    var threshold: Double { heap.count < capacity ? -.infinity : heap[0].score }

    /// Offers an item; it replaces the worst kept one only if it ranks before it (score, then index).
    mutating func offer(_ item: Scored) {
        guard capacity > 0 else { return }
        if heap.count < capacity {
            heap.append(item)
            siftUp(heap.count - 1)
        } else if item.ranksBefore(heap[0]) {
            heap[0] = item
            siftDown(0)
        }
    }

    /// The kept items, best first.
    func ranked() -> [Scored] { heap.sorted { $0.ranksBefore($1) } }

    private mutating func siftUp(_ start: Int) {
        var child = start
        while child > 0 {
            let parent = (child - 1) / 2
            // Root holds the worst: swap while the child ranks after its parent.
            guard heap[parent].ranksBefore(heap[child]) else { return }
            heap.swapAt(parent, child)
            child = parent
        }
    }

    private mutating func siftDown(_ start: Int) {
        var parent = start
        let n = heap.count
        while true {
            let left = 2 * parent + 1, right = left + 1
            var worst = parent
            if left < n, heap[worst].ranksBefore(heap[left]) { worst = left }
            if right < n, heap[worst].ranksBefore(heap[right]) { worst = right }
            guard worst != parent else { return }
            heap.swapAt(parent, worst)
            parent = worst
        }
    }
}
