import AirwaveCore
import AirwaveRuntime
import AirwaveStore
import Foundation

/// Rebuilds every station's collaborative neighbour lists from the interaction log and installs them in
/// the runtime: on a background thread every `interval` seconds (config `collaborative_refresh_seconds`,
/// default 600), and soon after ``requestRefresh()`` (bulk imports, a new station).
///
/// The lists are built off every lock (one read per station, then a pure computation) and swapped in
/// whole, so listeners' picks never wait for a refresh. A failed read keeps the previous lists.
///
/// ```swift
/// let refresher = CollaborativeRefresher(store: store, runtime: runtime, settings: .init(interval: 600), log: log)
/// refresher.start()      // background thread
/// refresher.requestRefresh()  // after `POST /stations/{id}/tracks`
/// refresher.stop()       // at shutdown, before the store closes
/// ```
public final class CollaborativeRefresher: @unchecked Sendable {
    /// How often and over what the lists are built.
    public struct Settings: Sendable {
        /// Seconds between refreshes (> 0; default 600).
        public var interval: TimeInterval
        /// How far back interactions count, in station-clock seconds (default 90 days).
        public var window: TimeInterval
        /// At most this many newest interactions per station are read.
        public var eventLimit: Int
        /// Support, neighbour count and penalties for the similarity.
        public var similarity: ItemSimilarity.Options

        /// Creates settings; a non-positive or non-finite interval becomes the default 600 s.
        public init(interval: TimeInterval = 600, window: TimeInterval = 90 * 86_400, eventLimit: Int = 2_000_000,
                    similarity: ItemSimilarity.Options = .init()) {
            self.interval = interval > 0 && interval.isFinite ? interval : 600
            self.window = window
            self.eventLimit = eventLimit
            self.similarity = similarity
        }
    }

    /// What one station's refresh produced (for logs and tests).
    public struct StationReport: Sendable, Equatable {
        public var stationID: String
        public var events: Int
        public var tracksWithNeighbours: Int
        public var entries: Int
    }

    private let store: Store
    private let runtime: RadioRuntime
    private let settings: Settings
    private let log: @Sendable (String) -> Void
    // Invariant: `pending`, `stopped` and `thread` are read and written only while `condition` is locked.
    private let condition = NSCondition()
    private var pending = false
    private var stopped = false
    private var thread: Thread?

    /// Creates a refresher; nothing runs until ``start()`` or ``refreshAll()``.
    public init(store: Store, runtime: RadioRuntime, settings: Settings = Settings(),
                log: @escaping @Sendable (String) -> Void) {
        self.store = store
        self.runtime = runtime
        self.settings = settings
        self.log = log
    }

    /// Rebuilds and installs one station's lists now.
    @discardableResult
    public func refresh(_ station: StationRuntime) throws(StoreError) -> StationReport {
        let since = runtime.clock.now().addingTimeInterval(-settings.window)
        let events = try store.collaborativeEvents(stationID: station.id, since: since, limit: settings.eventLimit)
        let lists = ItemSimilarity.neighbours(from: events, options: settings.similarity)
        station.installNeighbours(lists)
        return StationReport(stationID: station.id, events: events.count, tracksWithNeighbours: lists.trackCount,
                             entries: lists.entryCount)
    }

    /// Rebuilds every station's lists now, in station order; a station whose read fails keeps its old lists.
    @discardableResult
    public func refreshAll() -> [StationReport] {
        var reports: [StationReport] = []
        for station in runtime.allStations() {
            do {
                reports.append(try refresh(station))
            } catch {
                log("collaborative refresh of station \(station.id) failed (keeping the previous lists): \(error)")
            }
        }
        return reports
    }

    /// Asks the background thread to refresh soon (after bulk imports); cheap, never blocks on the database.
    public func requestRefresh() {
        condition.lock()
        pending = true
        condition.signal()
        condition.unlock()
    }

    /// Starts the background thread, which refreshes at once and then every `interval` seconds.
    public func start() {
        condition.lock()
        defer { condition.unlock() }
        guard thread == nil, !stopped else { return }
        let thread = Thread { [self] in run() }
        thread.name = "airwave-collaborative"
        self.thread = thread
        thread.start()
    }

    /// Stops the background thread (a refresh in progress finishes first).
    public func stop() {
        condition.lock()
        stopped = true
        condition.signal()
        condition.unlock()
    }

    private func run() {
        var next = Date()  // the first refresh runs at once, so lists exist soon after start-up
        while true {
            condition.lock()
            while !stopped, !pending, Date() < next {
                _ = condition.wait(until: next)
            }
            let stop = stopped
            pending = false
            condition.unlock()
            if stop { return }
            let started = Date()
            let reports = refreshAll()
            let entries = reports.reduce(0) { $0 + $1.entries }
            log("collaborative lists refreshed for \(reports.count) stations (\(entries) neighbour entries) in "
                + "\(Int(Date().timeIntervalSince(started) * 1000)) ms")
            next = Date().addingTimeInterval(settings.interval)
        }
    }
}
