import AirwaveCore
import Foundation
import Synchronization

/// Every live station of this process, the profiles of their listeners, and the one scheduler that
/// advances them all.
public final class RadioRuntime: Sendable {
    /// The runtime's clock (real, sped up, or manual).
    public let clock: any StationClock
    /// Profiles of everyone listening, shared across stations.
    public let profiles: ProfileBook
    /// The deadline heap for every listener.
    public let scheduler: ListenerScheduler
    private let journal: any RuntimeJournal
    private let options: RuntimeOptions
    private let stations = Mutex(Registry())

    /// The running stations by id, plus the same in id order, rebuilt on every (rare) change so that the
    /// many readers (`/status`, `/metrics`, every station route) hold the lock only to copy a reference.
    private struct Registry {
        private(set) var byID: [String: StationRuntime] = [:]
        private(set) var ordered: [StationRuntime] = []

        subscript(id: String) -> StationRuntime? {
            get { byID[id] }
            set {
                byID[id] = newValue
                ordered = byID.values.sorted { $0.id < $1.id }
            }
        }

        mutating func removeValue(forKey id: String) -> StationRuntime? {
            defer { ordered = byID.values.sorted { $0.id < $1.id } }
            return byID.removeValue(forKey: id)
        }
    }

    /// Creates an empty runtime.
    public init(clock: any StationClock, journal: any RuntimeJournal, options: RuntimeOptions = RuntimeOptions(),
                profiles: ProfileBook = ProfileBook()) {
        self.clock = clock
        self.journal = journal
        self.options = options
        self.profiles = profiles
        self.scheduler = ListenerScheduler()
    }

    /// The station with `id`.
    public func station(_ id: String) throws(RuntimeError) -> StationRuntime {
        guard let station = stations.withLock({ $0[id] }) else { throw .unknownStation(id) }
        return station
    }

    /// All stations ordered by id.
    public func allStations() -> [StationRuntime] {
        stations.withLock { $0.ordered }
    }

    /// Total listeners over all stations.
    public var listenerCount: Int { allStations().reduce(0) { $0 + $1.listenerCount } }

    /// Starts a station; fails if one with the same id runs already.
    @discardableResult
    public func addStation(_ settings: StationSettings, catalog: Catalog) throws(RuntimeError) -> StationRuntime {
        let runtime = StationRuntime(settings: settings, catalog: catalog, options: options, journal: journal,
                                     profiles: profiles, scheduler: scheduler)
        try stations.withLock { all throws(RuntimeError) in
            guard all[settings.id] == nil else { throw .stationExists(settings.id) }
            all[settings.id] = runtime
        }
        return runtime
    }

    /// Replaces a running station's settings and catalog (SIGHUP reload); its listeners start over on it.
    public func replaceStation(_ settings: StationSettings, catalog: Catalog) -> StationRuntime {
        let now = clock.now()
        let old = stations.withLock { $0[settings.id] }
        let saved = old?.allListeners() ?? []
        let runtime = StationRuntime(settings: settings, catalog: catalog, options: options, journal: journal,
                                     profiles: profiles, scheduler: scheduler)
        // Collaborative evidence is about the station's listeners, not its file: keep it until the next refresh.
        if let old { runtime.installNeighbours(old.neighbours) }
        stations.withLock { $0[settings.id] = runtime }
        for listener in saved {
            let state = ListenerState(
                stationID: settings.id, userID: listener.userID, joinedAt: listener.joinedAt, paused: listener.paused,
                nowPlaying: listener.nowPlaying.map { ($0.queued.track.trackID, $0.startedAt, $0.endsAt) },
                upNext: [], discoveryCarry: 0)
            runtime.restore(state, history: [], now: now)
        }
        return runtime
    }

    /// Stops a station; its listeners leave (their history stays in the log).
    public func removeStation(_ id: String) throws(RuntimeError) {
        guard let station = stations.withLock({ $0.removeValue(forKey: id) }) else { throw .unknownStation(id) }
        station.removeAllListeners(now: clock.now())
    }

    /// Marks the queue of `userID` on every station they listen to for a full refresh, made when the queue
    /// is next read or played from (explicit feedback: a burst of likes costs one refill, off the request path).
    public func markQueuesStale(userID: String) {
        for station in allStations() { station.markQueueStale(userID: userID) }
    }

    /// Refreshes the queue of `userID` on every station they listen to (their profile changed).
    public func refreshEverywhere(userID: String) {
        let now = clock.now()
        for station in allStations() { station.refreshIfListening(userID: userID, now: now) }
    }

    /// Advances every listener whose track ended by now; for tests driving a manual clock.
    @discardableResult
    public func tick() -> Int {
        scheduler.runDue(now: clock.now()) { [self] key, generation in dispatch(key, generation) }
    }

    /// Starts the scheduler threads (``RuntimeOptions/schedulerThreads``; they share one deadline heap, and
    /// a listener's next deadline is only pushed once its change is done, so no listener is advanced twice
    /// at once).
    public func startScheduler() {
        for n in 0..<max(1, options.schedulerThreads) {
            let thread = Thread { [self] in
                scheduler.run(clock: clock) { key, generation in dispatch(key, generation) }
            }
            thread.name = n == 0 ? "airwave-scheduler" : "airwave-scheduler-\(n + 1)"
            thread.start()
        }
    }

    /// Stops the scheduler threads (each finishes the dispatch it is in).
    public func stopScheduler() {
        scheduler.stop()
    }

    private func dispatch(_ key: ListenerScheduler.Key, _ generation: UInt64) {
        guard let station = stations.withLock({ $0[key.station] }) else { return }
        station.advance(userID: key.user, generation: generation)
    }
}
