import AirwaveAPI
import AirwaveCore
import AirwaveRuntime
import AirwaveStore
import Foundation
import Synchronization

/// Everything a running daemon is made of, shared by the control API, the signal handlers and start-up.
public final class DaemonServices: Sendable {
    public let config: DaemonConfig
    public let store: Store
    public let runtime: RadioRuntime
    public let journal: StoreJournal
    public let logHub: PlayLogHub
    public let metrics: DaemonMetrics
    public let startedAt: Date
    /// Text-query understanding (nil when the query data files could not be read; `?q=` then answers 503).
    public let queries: QueryService?
    let log: @Sendable (String) -> Void
    /// Rebuilds each station's collaborative neighbour lists in the background.
    public let collaborative: CollaborativeRefresher
    /// Background weights fits (`POST /stations/{id}/weights/fit`).
    let fitter = WeightsFitter()
    /// Stations defined by files (cannot be created or deleted over HTTP; DECISIONS 11).
    let fileStations = Mutex<Set<String>>([])

    /// Wires the services together; nothing starts yet.
    public init(config: DaemonConfig, store: Store, clock: any StationClock, log: @escaping @Sendable (String) -> Void) {
        self.config = config
        self.store = store
        self.log = log
        let metrics = DaemonMetrics()
        let hub = PlayLogHub(logDirectory: config.effectiveLogDir)
        let profiles = ProfileBook()
        self.metrics = metrics
        self.logHub = hub
        self.journal = StoreJournal(store: store, profiles: profiles, log: log) { plays in
            for play in plays { metrics.played(outcome: play.outcome.rawValue) }
            hub.publish(plays)
        }
        self.runtime = RadioRuntime(clock: clock, journal: journal,
                                    options: RuntimeOptions(idleTimeout: config.idleTimeout,
                                                            recommendationCache: config.recommendationCache,
                                                            schedulerThreads: config.schedulerThreads), profiles: profiles)
        do {
            queries = try QueryService.load(directory: config.effectiveQueryDataDir)
        } catch {
            log("text queries disabled: \(error)")
            queries = nil
        }
        self.collaborative = CollaborativeRefresher(
            store: store, runtime: runtime, settings: CollaborativeRefresher.Settings(interval: config.collaborativeRefreshSeconds),
            log: log)
        self.startedAt = Date()
    }

    /// Whether `id` is defined by a station file.
    func isFileStation(_ id: String) -> Bool { fileStations.withLock { $0.contains(id) } }

    /// Loads a user's committed profile and overrides into the runtime's book (creating nothing).
    @discardableResult
    func loadProfile(_ userID: String) throws(StoreError) -> ProfileSnapshot? {
        guard let snapshot = try store.profile(userID: userID) else { return nil }
        runtime.profiles.update(userID, to: VersionedProfile(profile: snapshot.profile, version: snapshot.version))
        runtime.profiles.setOverrides(userID, try store.overrides(userID: userID))
        return snapshot
    }
}

extension QueuedTrack {
    /// The API's flat ranked-track view.
    var ranked: RankedTrack { RankedTrack(track: track, score: displayScore(score), discovery: discovery, reasons: reasons) }
}

/// A score as shown to people and scripts: six decimals are plenty and hide binary noise (0.618, not 0.6180000000000001).
func displayScore(_ score: Double) -> Double { (score * 1_000_000).rounded() / 1_000_000 }

extension PlayingTrack {
    /// The API's now-playing view at `now`.
    func view(now: Date) -> NowPlaying {
        NowPlaying(track: queued.ranked, startedAt: startedAt, endsAt: endsAt,
                   positionSeconds: min(max(0, now.timeIntervalSince(startedAt)), queued.track.duration))
    }
}

extension ListenerSnapshot {
    /// The API's listener view at `now`.
    func view(now: Date, profileCreated: Bool? = nil) -> ListenerView {
        ListenerView(stationID: stationID, userID: userID, joinedAt: joinedAt, paused: paused,
                     profileCreated: profileCreated, nowPlaying: nowPlaying?.view(now: now))
    }

    /// The API's queue view at `now`.
    func queueView(now: Date) -> QueueView {
        QueueView(stationID: stationID, userID: userID, nowPlaying: nowPlaying?.view(now: now),
                  upNext: upNext.map(\.ranked), paused: paused)
    }
}
