import AirwaveCore
import Foundation

/// One listener of one station: what they hear, what comes next, and what they heard recently.
struct Listener {
    let userID: String
    let joinedAt: Date
    /// Paused listeners hear nothing: no plays logged, nothing learned, no deadline scheduled.
    var paused = false
    /// The last time any request about this listener arrived (idle detection).
    var lastSeen: Date
    var nowPlaying: PlayingTrack? { didSet { exclusionRevision = Revision.next() } }
    /// What plays next, in order: the station's queue size plus a hidden reserve refilled in batches.
    var upNext: [QueuedTrack] = []
    /// Plays, oldest first, trimmed to the repeat window.
    var history: [(index: Int, at: Date)] = [] { didSet { exclusionRevision = Revision.next() } }
    /// Names the current now-playing and history (what ``recentlyHeard`` is built from): a fresh value on
    /// every change, unique in the process, so cached recommendations keyed by it cannot outlive them.
    var exclusionRevision = Revision.next()
    var discoveryCarry = 0.0
    /// Explicit feedback changed the profile since up-next was filled: it is rebuilt before anyone reads it
    /// or a track starts from it (DECISIONS 2's full refresh, made when it is first needed, so a burst of
    /// feedback costs one refill instead of one each). Discarding up-next clears it.
    var queueStale = false
    /// Bumped whenever the scheduled deadline changes, so stale heap entries are ignored.
    var generation: UInt64 = 0

    init(userID: String, joinedAt: Date) {
        self.userID = userID
        self.joinedAt = joinedAt
        self.lastSeen = joinedAt
    }

    /// Catalog indices excluded from recommendations: now playing and the repeat window.
    var recentlyHeard: Set<Int> {
        var set = Set(history.map(\.index))
        if let nowPlaying { set.insert(nowPlaying.queued.index) }
        return set
    }

    /// Whether nothing a queue refill depends on or changes has moved since `earlier` (a copy of this
    /// listener): now playing, history, queue, discovery carry, staleness, pause and schedule.
    func isUnchanged(since earlier: Listener) -> Bool {
        exclusionRevision == earlier.exclusionRevision && generation == earlier.generation && paused == earlier.paused
            && discoveryCarry == earlier.discoveryCarry && nowPlaying == earlier.nowPlaying && queueStale == earlier.queueStale
            && upNext.elementsEqual(earlier.upNext, by: { $0.index == $1.index && $0.carryCharge == $1.carryCharge })
    }

    /// Empties up-next and gives back the discovery share its picks were charged (DECISIONS 3 counts
    /// played picks), so the carry counts only tracks that played or still may. Without the refund, a
    /// queue thrown away by every skip or like could lock the played share to whatever kind the first slot
    /// of each refill happened to get.
    mutating func discardUpNext() {
        queueStale = false
        for queued in upNext { discoveryCarry -= queued.carryCharge }
        discoveryCarry = min(1, max(-1, discoveryCarry))
        upNext.removeAll()
    }

    /// Appends a play and trims history to the repeat window: the last `plays` plays or the last
    /// `hours` hours, whichever holds more (DECISIONS 5).
    mutating func remember(_ index: Int, at date: Date, plays: Int, hours: Double) {
        history.append((index, date))
        let cutoff = date.addingTimeInterval(-hours * 3600)
        while history.count > plays, let first = history.first, first.at < cutoff {
            history.removeFirst()
        }
    }

    /// What a restart needs; up-next as listeners see it (the first `queueSize`, without the refill reserve).
    func state(stationID: String, queueSize: Int) -> ListenerState {
        ListenerState(
            stationID: stationID, userID: userID, joinedAt: joinedAt, paused: paused,
            nowPlaying: nowPlaying.map { ($0.queued.track.trackID, $0.startedAt, $0.endsAt) },
            upNext: upNext.prefix(queueSize).map(\.track.trackID), discoveryCarry: discoveryCarry)
    }
}
