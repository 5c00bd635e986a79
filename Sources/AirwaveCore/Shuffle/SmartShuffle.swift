/// Shapes what actually plays out of the DJ's ranking: artist separation, the kind of pick (discovery or
/// familiar) the slot owes, and, in transition mode, a softmax that favours tracks close to the previous one.
///
/// Pure: the caller passes the ranked candidates (already without the repeat window, now playing and
/// up next), the artists heard most recently, and a seeded random source.
public enum SmartShuffle {
    /// A new track's artist must differ from each of this many previous tracks (DECISIONS 5).
    public static let artistGap = 3

    /// One choice: the position in `candidates` and how far the rules had to give way for it.
    public struct Choice: Sendable, Hashable {
        /// Index into the candidate list.
        public var position: Int
        /// How many previous artists the choice differs from: ``artistGap`` when separation held, less
        /// when the catalog could not satisfy it.
        public var artistGap: Int
        /// Whether the slot had to take the other kind of pick (discovery instead of familiar or back).
        public var kindChanged: Bool

        /// Creates a choice.
        public init(position: Int, artistGap: Int = SmartShuffle.artistGap, kindChanged: Bool = false) {
            self.position = position
            self.artistGap = artistGap
            self.kindChanged = kindChanged
        }
    }

    /// The last `artistGap` artists of `playOrder` (history tail → now playing → up next), the ones a new
    /// track must not repeat.
    public static func recentArtists<S: Sequence>(_ playOrder: S) -> [String] where S.Element == String {
        var tail: [String] = []
        for artist in playOrder {
            tail.append(artist)
            if tail.count > artistGap { tail.removeFirst() }
        }
        return tail
    }

    /// Chooses the next track from `candidates` (best first).
    ///
    /// Tries artist separation over the last 3 artists with the wanted kind, then with either kind; when the
    /// catalog cannot satisfy it the artist rule gives way step by step (the last 2, the last 1, none), so two
    /// artists still alternate. Within a step, plain mode takes the first eligible candidate; transition mode
    /// draws by softmax over the first `transition.candidates` eligible ones with utility = score +
    /// weight · closeness(previous, candidate). Nil only when `candidates` minus `taken` is empty (the caller
    /// then releases the repeat window, oldest plays first).
    public static func choose(
        from candidates: [Pick], taken: Set<Int> = [], wantDiscovery: Bool, recentArtists: [String],
        previous: Track?, transition: TransitionSettings = .off, random: inout SeededRandom
    ) -> Choice? {
        for gap in stride(from: artistGap, through: 0, by: -1) {
            let blocked = Set(recentArtists.suffix(gap))
            for kindChanged in [false, true] {
                var eligible: [Int] = []
                for (i, pick) in candidates.enumerated() where !taken.contains(pick.index) {
                    if blocked.contains(pick.track.artist) { continue }
                    if !kindChanged && pick.discovery != wantDiscovery { continue }
                    eligible.append(i)
                }
                guard !eligible.isEmpty else { continue }
                let position = transition.enabled
                    ? draw(eligible, candidates, previous: previous, transition: transition, random: &random)
                    : eligible[0]
                return Choice(position: position, artistGap: gap, kindChanged: kindChanged)
            }
        }
        return nil
    }

    /// Softmax draw over the first `transition.candidates` of `eligible` (positions into `candidates`).
    static func draw(_ eligible: [Int], _ candidates: [Pick], previous: Track?, transition: TransitionSettings,
                     random: inout SeededRandom) -> Int {
        let pool = eligible.prefix(transition.candidates)
        let utilities = pool.map { i in
            let closeness = previous.map { Transition.closeness(from: $0, to: candidates[i].track, settings: transition) } ?? 0
            return candidates[i].score + transition.weight * closeness
        }
        let drawn = Transition.softmaxDraw(utilities, temperature: transition.temperature, random: &random) ?? 0
        return pool[pool.startIndex + drawn]
    }

    /// Catalog indices of `history` (oldest play first) in the order the repeat window gives them back:
    /// the track whose latest play is oldest first, each once.
    public static func releaseOrder(history: [Int]) -> [Int] {
        var latest: [Int: Int] = [:]
        for (position, index) in history.enumerated() { latest[index] = position }
        return latest.sorted { $0.value < $1.value }.map(\.key)
    }
}
