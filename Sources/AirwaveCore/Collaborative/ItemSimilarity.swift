/// Learns item-to-item similarity from listeners' feedback: tracks liked (or favorited) by the same
/// listeners are similar; a listener who liked one and skipped or disliked the other counts against them.
///
/// Pure: the same events give the same lists, whatever the order of users.
///
/// For each user u and track i the events add up to a net signal s_ui, capped to [−2, 2] and halved, so a
/// like gives p_ui = 0.5, a favorite 0.75 and a like plus a favorite 1; a negative net gives n_ui likewise.
/// Then
/// ```
/// co(i, j)  = Σ_u p_ui·p_uj                      (users positive about both)
/// neg(i, j) = Σ_u (p_ui·n_uj + n_ui·p_uj)        (positive about one, negative about the other)
/// sim(i, j) = max(0, co − penalty·neg) / sqrt(Σ_u p_ui² · Σ_u p_uj²)
/// ```
/// a cosine in [0, 1] (Cauchy–Schwarz), kept only when at least `minimumSupport` users were positive
/// about both, and only the `neighbourLimit` most similar per track.
///
/// ```swift
/// let lists = ItemSimilarity.neighbours(from: events)
/// lists.neighbours(of: "t1")  // [Neighbour(trackID: "t7", similarity: 0.82), …]
/// ```
public enum ItemSimilarity {
    /// Tuning for ``neighbours(from:options:)``.
    public struct Options: Sendable, Hashable {
        /// Users who must be positive about both tracks before a pair counts (≥ 1; default 2).
        public var minimumSupport: Int
        /// Neighbours kept per track (default 20).
        public var neighbourLimit: Int
        /// Weight of negative co-occurrence against positive (default 1).
        public var negativePenalty: Double
        /// Positive tracks considered per user, most recently touched first (bounds the O(n²) pair count;
        /// default 300).
        public var tracksPerUser: Int

        /// Creates options; values are clamped into their valid ranges.
        public init(minimumSupport: Int = 2, neighbourLimit: Int = 20, negativePenalty: Double = 1, tracksPerUser: Int = 300) {
            self.minimumSupport = max(1, minimumSupport)
            self.neighbourLimit = max(0, neighbourLimit)
            self.negativePenalty = negativePenalty.isFinite ? max(0, negativePenalty) : 1
            self.tracksPerUser = max(1, tracksPerUser)
        }
    }

    private struct Pair {
        var co = 0.0
        var negative = 0.0
        var support = 0
    }

    /// Neighbour lists from `events`, oldest first (order decides only which tracks a very active user
    /// keeps under `tracksPerUser`).
    public static func neighbours(from events: [CollaborativeEvent], options: Options = Options()) -> NeighbourLists {
        guard options.neighbourLimit > 0 else { return .empty }
        // Intern track ids; per user, the net signal per track and the order tracks were last touched.
        var trackIDs: [String] = []
        var trackIndex: [String: Int32] = [:]
        var users: [String: (net: [Int32: Double], lastTouch: [Int32: Int])] = [:]
        for (position, event) in events.enumerated() where event.weight.isFinite && event.weight != 0 {
            let track: Int32
            if let known = trackIndex[event.trackID] {
                track = known
            } else {
                track = Int32(trackIDs.count)
                trackIndex[event.trackID] = track
                trackIDs.append(event.trackID)
            }
            users[event.userID, default: ([:], [:])].net[track, default: 0] += event.weight
            users[event.userID]!.lastTouch[track] = position
        }

        var norm = [Double](repeating: 0, count: trackIDs.count)
        var pairs: [UInt64: Pair] = [:]
        // Per user: positives (capped, most recent first) and negatives, as (track, strength).
        var signals: [(positive: [(Int32, Double)], negative: [(Int32, Double)])] = []
        for user in users.keys.sorted() {
            let (net, lastTouch) = users[user]!
            var positive: [(Int32, Double)] = [], negative: [(Int32, Double)] = []
            for (track, value) in net {
                let strength = min(2, abs(value)) / 2
                if value > 0 { positive.append((track, strength)) } else if value < 0 { negative.append((track, strength)) }
            }
            positive.sort { lastTouch[$0.0]! > lastTouch[$1.0]! }
            if positive.count > options.tracksPerUser { positive.removeLast(positive.count - options.tracksPerUser) }
            positive.sort { $0.0 < $1.0 }
            for (i, p) in positive { norm[Int(i)] += p * p }
            for a in positive.indices {
                for b in positive.index(after: a)..<positive.endIndex {
                    let key = pairKey(positive[a].0, positive[b].0)
                    pairs[key, default: Pair()].co += positive[a].1 * positive[b].1
                    pairs[key, default: Pair()].support += 1
                }
            }
            signals.append((positive, negative))
        }
        // Negative evidence only matters for pairs some users liked together (others score 0 anyway).
        if options.negativePenalty > 0 {
            for (positive, negative) in signals where !negative.isEmpty {
                for (i, p) in positive {
                    for (j, n) in negative where i != j {
                        let key = pairKey(i, j)
                        if pairs[key] != nil { pairs[key]!.negative += p * n }
                    }
                }
            }
        }

        var lists: [Int32: [Neighbour]] = [:]
        for (key, pair) in pairs where pair.support >= options.minimumSupport {
            let i = Int32(truncatingIfNeeded: key >> 32), j = Int32(truncatingIfNeeded: key & 0xffff_ffff)
            let denominator = (norm[Int(i)] * norm[Int(j)]).squareRoot()
            guard denominator > 0 else { continue }
            let similarity = min(1, max(0, pair.co - options.negativePenalty * pair.negative) / denominator)
            guard similarity > 0 else { continue }
            lists[i, default: []].append(Neighbour(trackID: trackIDs[Int(j)], similarity: similarity))
            lists[j, default: []].append(Neighbour(trackID: trackIDs[Int(i)], similarity: similarity))
        }
        var byTrack: [String: [Neighbour]] = [:]
        byTrack.reserveCapacity(lists.count)
        for (track, list) in lists {
            let sorted = list.sorted { $0.similarity != $1.similarity ? $0.similarity > $1.similarity : $0.trackID < $1.trackID }
            byTrack[trackIDs[Int(track)]] = Array(sorted.prefix(options.neighbourLimit))
        }
        return NeighbourLists(byTrack: byTrack)
    }

    /// One key per unordered pair: the smaller id in the high half.
    private static func pairKey(_ a: Int32, _ b: Int32) -> UInt64 {
        let (lo, hi) = a < b ? (a, b) : (b, a)
        return UInt64(UInt32(bitPattern: lo)) << 32 | UInt64(UInt32(bitPattern: hi))
    }
}
