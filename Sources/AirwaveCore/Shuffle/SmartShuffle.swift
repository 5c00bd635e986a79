/// Shapes what actually plays out of the DJ's ranking: artist separation, the kind of pick (discovery or
/// familiar) the slot owes, and, in transition mode, a softmax that favours tracks close to the previous one.
///
/// Pure: the caller passes the ranked candidates (already without the repeat window, now playing and
/// up next), the artists heard most recently, and a seeded random source.
public enum SmartShuffle {
    /// A new track's artist must differ from each of this many previous tracks (DECISIONS 5).
    public static let artistGap = 3

    /// Which rules a choice had to give up, strictest first; compare with `<`.
    public enum Relaxation: Int, Sendable, Comparable, CaseIterable {
        /// Artist separation held and the pick is of the kind the slot wanted.
        case none
        /// Artist separation held, but the slot took the other kind (discovery vs familiar).
        case kind
        /// Artist separation gave way (the catalog could not satisfy it).
        case artist
        /// Artist separation gave way and the slot took the other kind.
        case artistAndKind

        public static func < (a: Relaxation, b: Relaxation) -> Bool { a.rawValue < b.rawValue }
    }

    /// One choice: the position in `candidates` and what had to give way.
    public struct Choice: Sendable, Hashable {
        /// Index into the candidate list.
        public var position: Int
        /// The rules that gave way for it.
        public var relaxation: Relaxation
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
    /// Tries, in order: artist separation with the wanted kind; artist separation with either kind; then
    /// the artist rule gives way (wanted kind first). Within a level, plain mode takes the first eligible
    /// candidate; transition mode draws by softmax over the first `transition.candidates` eligible ones with
    /// utility = score + weight · closeness(previous, candidate). Nil only when `candidates` minus `taken`
    /// is empty (the caller then releases the repeat window, oldest plays first).
    public static func choose(
        from candidates: [Pick], taken: Set<Int> = [], wantDiscovery: Bool, recentArtists: [String],
        previous: Track?, transition: TransitionSettings = .off, random: inout SeededRandom
    ) -> Choice? {
        let blocked = Set(recentArtists.suffix(artistGap))
        for level in Relaxation.allCases {
            let separate = level == .none || level == .kind
            let sameKind = level == .none || level == .artist
            var eligible: [Int] = []
            for (i, pick) in candidates.enumerated() where !taken.contains(pick.index) {
                if separate && blocked.contains(pick.track.artist) { continue }
                if sameKind && pick.discovery != wantDiscovery { continue }
                eligible.append(i)
            }
            guard !eligible.isEmpty else { continue }
            guard transition.enabled else { return Choice(position: eligible[0], relaxation: level) }
            let pool = Array(eligible.prefix(transition.candidates))
            let utilities = pool.map { i in
                let closeness = previous.map {
                    Transition.closeness(from: $0, to: candidates[i].track, settings: transition)
                } ?? 0
                return candidates[i].score + transition.weight * closeness
            }
            let drawn = Transition.softmaxDraw(utilities, temperature: transition.temperature, random: &random) ?? 0
            return Choice(position: pool[drawn], relaxation: level)
        }
        return nil
    }

    /// Catalog indices of `history` (oldest play first) in the order the repeat window gives them back:
    /// the track whose latest play is oldest first, each once.
    public static func releaseOrder(history: [Int]) -> [Int] {
        var latest: [Int: Int] = [:]
        for (position, index) in history.enumerated() { latest[index] = position }
        return latest.sorted { $0.value < $1.value }.map(\.key)
    }
}
