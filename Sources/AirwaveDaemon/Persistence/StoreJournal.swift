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
        var plays: [PlayEvent] = []
        /// The latest state per listener, or nil when the listener left (then `departures` has the time).
        var listeners: [String: ListenerState?] = [:]
        var departures: [String: (station: String, user: String, at: Date)] = [:]
        var isEmpty: Bool { plays.isEmpty && listeners.isEmpty }
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
            p.plays.append(play)
            if p.plays.count > backlogLimit {
                p.plays.removeFirst(p.plays.count - backlogLimit)
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
    /// before an explicit interaction's snapshot is read); otherwise returns at once. Waits for a flush in
    /// progress first: its batch has already left `pending` and may hold this user's plays. Listener states
    /// are left to the periodic batch (see ``flushPlays()``).
    public func flush(ifPlaysPendingFor userID: String) throws(StoreError) {
        flushLock.lock()
        let needed = pending.withLock { p in p.plays.contains { $0.userID == userID } }
        flushLock.unlock()
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
            if listenerStates {
                defer { p = Pending() }
                return p
            }
            defer { p.plays = [] }
            return Pending(plays: p.plays)
        }
        guard !batch.isEmpty else { return }
        var playsWritten = false
        do {
            let logged = try store.recordPlays(batch.plays.map(Self.input))
            playsWritten = true
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
                if !playsWritten { p.plays = batch.plays + p.plays }
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
