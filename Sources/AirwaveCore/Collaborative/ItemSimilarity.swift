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

        // Per user (in id order, so sums are deterministic): positives capped to the most recent, and negatives.
        var norm = [Double](repeating: 0, count: trackIDs.count)
        var positives: [[(track: Int32, strength: Double)]] = []
        var negatives: [[Int32: Double]] = []
        var positiveUsers = [[(user: Int32, strength: Double)]](repeating: [], count: trackIDs.count)
        var negativeUsers = [[(user: Int32, strength: Double)]](repeating: [], count: trackIDs.count)
        for user in users.keys.sorted() {
            let (net, lastTouch) = users[user]!
            let u = Int32(positives.count)
            var positive: [(track: Int32, strength: Double)] = [], negative: [Int32: Double] = [:]
            for (track, value) in net {
                let strength = min(2, abs(value)) / 2
                if value > 0 { positive.append((track, strength)) } else if value < 0 { negative[track] = strength }
            }
            positive.sort { lastTouch[$0.track]! > lastTouch[$1.track]! }
            if positive.count > options.tracksPerUser { positive.removeLast(positive.count - options.tracksPerUser) }
            positive.sort { $0.track < $1.track }
            for (track, p) in positive {
                norm[Int(track)] += p * p
                positiveUsers[Int(track)].append((u, p))
            }
            for (track, n) in negative { negativeUsers[Int(track)].append((u, n)) }
            positives.append(positive)
            negatives.append(negative)
        }

        // Row by row: track i's co-occurrences with every track its fans also liked, then its top N. Memory
        // stays at one row (not every pair at once), so large stations refresh in bounded space.
        var byTrack: [String: [Neighbour]] = [:]
        var row: [Int32: Pair] = [:]
        for i in 0..<trackIDs.count where norm[i] > 0 {
            row.removeAll(keepingCapacity: true)
            for (u, p) in positiveUsers[i] {
                for (j, q) in positives[Int(u)] where Int(j) != i {
                    row[j, default: Pair()].co += p * q
                    row[j]!.support += 1
                }
            }
            // Negative evidence only matters for pairs some users liked together (others score 0 anyway).
            if options.negativePenalty > 0 {
                for (u, p) in positiveUsers[i] {
                    for (j, n) in negatives[Int(u)] where row[j] != nil { row[j]!.negative += p * n }
                }
                for (u, n) in negativeUsers[i] {
                    for (j, q) in positives[Int(u)] where row[j] != nil { row[j]!.negative += n * q }
                }
            }
            var list: [Neighbour] = []
            for (j, pair) in row where pair.support >= options.minimumSupport {
                let denominator = (norm[i] * norm[Int(j)]).squareRoot()
                guard denominator > 0 else { continue }
                let similarity = min(1, max(0, pair.co - options.negativePenalty * pair.negative) / denominator)
                if similarity > 0 { list.append(Neighbour(trackID: trackIDs[Int(j)], similarity: similarity)) }
            }
            guard !list.isEmpty else { continue }
            list.sort { $0.similarity != $1.similarity ? $0.similarity > $1.similarity : $0.trackID < $1.trackID }
            byTrack[trackIDs[i]] = Array(list.prefix(options.neighbourLimit))
        }
        return NeighbourLists(byTrack: byTrack)
    }
}
