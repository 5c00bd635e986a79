import AirwaveCore
import AirwaveRuntime
import AirwaveStore
import Foundation
import Synchronization

/// The runtime's journal over PostgreSQL: plays, implicit `play` feedback and listener states are queued
/// and written in batches at least once a second (DECISIONS 16). These writes are never acknowledged to a
/// client, so a crash may lose at most the last batch; acknowledged interactions go through
/// `Store.recordInteraction` instead and are committed before their reply.
public final class StoreJournal: RuntimeJournal, @unchecked Sendable {
    private struct Pending {
        private(set) var plays: [PlayEvent] = []
        /// Queued plays per user, kept in step with `plays`: an interaction asks about its own user only.
        private(set) var playsOf: [String: Int] = [:]
        /// Users with plays in the batch being written right now (out of `plays`, not yet committed).
        var writing: Set<String> = []
        /// The latest state per listener, or nil when the listener left (then `departures` has the time).
        var listeners: [String: ListenerState?] = [:]
        var departures: [String: (station: String, user: String, at: Date)] = [:]
        var isEmpty: Bool { plays.isEmpty && listeners.isEmpty }

        init(plays: [PlayEvent] = []) { putBack(plays) }

        mutating func append(_ play: PlayEvent) {
            plays.append(play)
            playsOf[play.userID, default: 0] += 1
        }

        /// Drops the `count` oldest plays.
        mutating func dropOldest(_ count: Int) {
            for play in plays.prefix(count) {
                let left = playsOf[play.userID, default: 1] - 1
                playsOf[play.userID] = left > 0 ? left : nil
            }
            plays.removeFirst(count)
        }

        /// Takes every queued play out.
        mutating func takePlays() -> [PlayEvent] {
            defer { plays = []; playsOf = [:] }
            return plays
        }

        /// Puts `older` back in front of the plays queued since.
        mutating func putBack(_ older: [PlayEvent]) {
            plays = older + plays
            for play in older { playsOf[play.userID, default: 0] += 1 }
        }
    }

    private let store: Store
    private let profiles: ProfileBook
    private let pending = Mutex(Pending())
    /// Serializes flushes so batches commit in the order they were queued.
    private let flushLock = NSLock()
    private let committed: @Sendable ([LoggedPlay]) -> Void
    private let log: @Sendable (String) -> Void
    private let stopped = Atomic<Bool>(false)
    /// Plays kept while PostgreSQL is down; older ones are dropped past this (and counted).
    private let backlogLimit = 1_000_000
    private let droppedPlays = Atomic<Int>(0)

    /// Creates a journal writing to `store`; `committed` receives each batch's logged plays (with their seq).
    public init(store: Store, profiles: ProfileBook, log: @escaping @Sendable (String) -> Void,
                committed: @escaping @Sendable ([LoggedPlay]) -> Void) {
        self.store = store
        self.profiles = profiles
        self.log = log
        self.committed = committed
    }

    public func trackEnded(_ play: PlayEvent) {
        pending.withLock { p in
            p.append(play)
            if p.plays.count > backlogLimit {
                p.dropOldest(p.plays.count - backlogLimit)
                droppedPlays.add(1, ordering: .relaxed)
            }
        }
    }

    public func listenerChanged(_ state: ListenerState) {
        pending.withLock { p in
            let key = state.stationID + "\u{1F}" + state.userID
            p.listeners[key] = .some(state)
            p.departures[key] = nil
        }
    }

    public func listenerLeft(stationID: String, userID: String, at: Date) {
        pending.withLock { p in
            let key = stationID + "\u{1F}" + userID
            p.listeners[key] = .some(nil)
            p.departures[key] = (stationID, userID, at)
        }
    }

    /// Plays lost because PostgreSQL stayed down longer than the backlog could hold.
    public var dropped: Int { droppedPlays.load(ordering: .relaxed) }

    /// Plays waiting to be written.
    public var backlog: Int { pending.withLock { $0.plays.count } }

    /// Writes the queued plays when any of them is a play of `userID` (their implicit feedback must be folded
    /// before an explicit interaction's snapshot is read), or waits for the flush in progress when its
    /// batch holds plays of `userID`; otherwise returns at once, without waiting for anyone's flush (a
    /// periodic batch writing thousands of listener states must not stall every interaction). Listener
    /// states are left to the periodic batch (see ``flushPlays()``).
    public func flush(ifPlaysPendingFor userID: String) throws(StoreError) {
        let needed = pending.withLock { p in p.playsOf[userID] != nil || p.writing.contains(userID) }
        guard needed else { return }
        try flushPlays()
    }

    /// Writes everything queued so far in one batch; on failure the batch is kept for the next try.
    public func flush() throws(StoreError) { try flush(listenerStates: true) }

    /// Writes the plays queued so far (and folds them into profiles), leaving listener states to the next
    /// periodic batch: what an acknowledged interaction needs before it folds its own event. Listener
    /// states are latest-wins upserts, so writing them a moment later changes nothing but the cost.
    public func flushPlays() throws(StoreError) { try flush(listenerStates: false) }

    private func flush(listenerStates: Bool) throws(StoreError) {
        flushLock.lock()
        defer { flushLock.unlock() }
        let batch = pending.withLock { p -> Pending in
            var batch = Pending(plays: p.takePlays())
            if listenerStates {
                (batch.listeners, batch.departures) = (p.listeners, p.departures)
                (p.listeners, p.departures) = ([:], [:])
            }
            p.writing = Set(batch.plays.map(\.userID))
            return batch
        }
        guard !batch.isEmpty else { return }
        do throws(StoreError) {
            let logged: [LoggedPlay]
            do throws(StoreError) {
                logged = try store.recordPlays(batch.plays.map(Self.input))
            } catch {
                // Back in `plays` before `writing` is cleared, so an interaction never sees neither.
                pending.withLock { p in
                    p.putBack(batch.plays)
                    p.writing = []
                }
                throw error
            }
            // Committed: interactions of these users need not wait for the rest of this batch.
            pending.withLock { p in p.writing = [] }
            committed(logged)
            var records: [ListenerRecord] = []
            var departures: [(stationID: String, userID: String, at: Date)] = []
            for (key, state) in batch.listeners.sorted(by: { $0.key < $1.key }) {
                if let state {
                    records.append(Self.record(state))
                } else if let departure = batch.departures[key] {
                    departures.append((departure.station, departure.user, departure.at))
                }
            }
            // One transaction for every listener state of the batch (one fsync, not one per listener).
            try store.saveListeners(records, departures: departures)
            try refreshProfiles(of: Set(batch.plays.filter { $0.outcome == .played }.map(\.userID)))
        } catch {
            // Put back what was not written, in front of anything queued meanwhile (newer listener states
            // win). Committed plays are never queued again: they would be logged twice.
            pending.withLock { p in
                for (key, state) in batch.listeners where p.listeners[key] == nil {
                    p.listeners[key] = state
                    p.departures[key] = batch.departures[key]
                }
            }
            throw error
        }
    }

    /// Flushes at least once a second until `stop()`; failures are logged and retried.
    public func run(interval: TimeInterval = 0.25) {
        var lastError: String?
        while !stopped.load(ordering: .relaxed) {
            Thread.sleep(forTimeInterval: interval)
            do {
                try flush()
                if lastError != nil { log("playlist log: writing again after a database outage") }
                lastError = nil
            } catch {
                if lastError != error.description { log("playlist log: batch not written, will retry: \(error)") }
                lastError = error.description
            }
        }
    }

    /// Makes `run` return after its current flush.
    public func stop() { stopped.store(true, ordering: .relaxed) }

    private func refreshProfiles(of users: Set<String>) throws(StoreError) {
        for user in users.sorted() {
            if let snapshot = try store.profile(userID: user) {
                profiles.update(user, to: VersionedProfile(profile: snapshot.profile, version: snapshot.version))
            }
        }
    }

    static func input(_ play: PlayEvent) -> PlayInput {
        PlayInput(stationID: play.stationID, userID: play.userID, track: play.track, startedAt: play.startedAt,
                  endedAt: play.endedAt, outcome: play.outcome,
                  discovery: play.discovery, score: play.score, reasons: play.reasons, daypart: play.daypart)
    }

    static func record(_ state: ListenerState) -> ListenerRecord {
        ListenerRecord(stationID: state.stationID, userID: state.userID, joinedAt: state.joinedAt, paused: state.paused,
                       nowPlayingTrackID: state.nowPlaying?.trackID, nowPlayingStartedAt: state.nowPlaying?.startedAt,
                       nowPlayingEndsAt: state.nowPlaying?.endsAt, upNext: state.upNext, discoveryCarry: state.discoveryCarry)
    }
}
