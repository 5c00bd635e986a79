import AirwaveCore
import Foundation
import Synchronization

/// One live station: its catalog and DJ, its listeners, their now-playing and queues.
///
/// All state sits behind one lock per station; calls never block on the network (the journal queues
/// what must be written). The scheduler calls ``advance(userID:generation:)`` when a track's end passes.
public final class StationRuntime: Sendable {
    /// The station's id (fixed for its life).
    public let id: String
    private let state: Mutex<StationState>
    private let journal: any RuntimeJournal
    private let profiles: ProfileBook
    private let scheduler: ListenerScheduler
    /// Each listener's last recommendation ranking; nil when `recommendation_cache` is off.
    private let recommendationCache: RecommendationCache?
    /// The station's settings (fixed for its life: a settings change starts a new station runtime).
    public let settings: StationSettings
    /// Copies of the listener and live-track counts, refreshed whenever the state changes, so `/status` and
    /// the metrics read them without the station's lock: sixteen HTTP threads polling it made the lock
    /// spin (half of the daemon's CPU under `wrk` on `/status`, perf 2026-11-23).
    private let publishedListeners = Atomic<Int>(0)
    private let publishedTracks = Atomic<Int>(0)

    init(settings: StationSettings, catalog: Catalog, options: RuntimeOptions, journal: any RuntimeJournal,
         profiles: ProfileBook, scheduler: ListenerScheduler) {
        id = settings.id
        state = Mutex(StationState(settings: settings, dj: DJ(catalog: catalog, settings: settings), options: options))
        self.journal = journal
        self.profiles = profiles
        self.scheduler = scheduler
        recommendationCache = options.recommendationCache ? RecommendationCache() : nil
        self.settings = settings
        publishedTracks.store(catalog.liveCount, ordering: .relaxed)
    }

    // MARK: Reading

    /// The station's settings.
    /// Tracks currently in the catalog (tombstoned ones excluded).
    public var trackCount: Int { publishedTracks.load(ordering: .relaxed) }

    /// Number of listeners (paused ones included).
    public var listenerCount: Int { publishedListeners.load(ordering: .relaxed) }

    /// Refreshes the lock-free copies of the counts; called with the lock held, after a change.
    private func publishCounts(_ s: StationState) {
        publishedListeners.store(s.listeners.count, ordering: .relaxed)
        publishedTracks.store(s.dj.catalog.liveCount, ordering: .relaxed)
    }

    /// The DJ as of now (a value: later catalog changes do not affect it).
    public var dj: DJ { state.withLock { $0.dj } }

    /// Whether `userID` listens here.
    public func hasListener(_ userID: String) -> Bool { state.withLock { $0.listeners[userID] != nil } }

    /// A listener's now-playing and queue.
    public func queue(of userID: String) throws(RuntimeError) -> ListenerSnapshot {
        let (result, stale) = state.withLock { s in
            (s.listeners[userID].map { ListenerSnapshot($0, stationID: id, queueSize: s.settings.queueSize) },
             s.listeners[userID]?.queueStale ?? false)
        }
        guard let result else { throw .unknownListener(station: id, user: userID) }
        guard stale else { return result }
        // Feedback since the queue was filled: rebuild it first, so readers always see it refreshed.
        try rebuild(userID: userID, seenAt: nil)
        return try queue(of: userID)
    }

    /// Listeners ordered by user id, starting after `after`, at most `limit`.
    public func listeners(after: String?, limit: Int) -> [ListenerSnapshot] {
        let (page, stale) = state.withLock { s in
            let page = Array(s.listeners.keys.sorted().lazy.filter { after == nil || $0 > after! }.prefix(limit))
            return (page, page.filter { s.listeners[$0]!.queueStale })
        }
        for user in stale { try? rebuild(userID: user, seenAt: nil) }
        return state.withLock { s in
            page.compactMap { user in s.listeners[user].map { ListenerSnapshot($0, stationID: id, queueSize: s.settings.queueSize) } }
        }
    }

    /// All listeners (for status pages), ordered by user id.
    public func allListeners() -> [ListenerSnapshot] { listeners(after: nil, limit: Int.max) }

    /// A fresh ranked playlist for `userID` at `at`, read-only (DECISIONS 4).
    public func recommend(userID: String, at: Date, size: Int, discovery: Double?) throws(RuntimeError) -> Playlist {
        try recommendation(userID: userID, at: at, size: size, discovery: discovery).playlist
    }

    /// ``recommend(userID:at:size:discovery:)`` and whether its ranking came from the listener's cache slot.
    ///
    /// The inputs are read under the station's lock; the ranking and the seeded draw run outside it on a copy
    /// of the DJ, so concurrent requests for one station use every core. With the cache on, the ranked
    /// candidates (the expensive, deterministic half) are reused while the listener's exclusions, their
    /// profile entry (version, overrides, likes), the station's DJ and neighbours and the daypart at `at`
    /// are unchanged; the draw, reasons and scores are recomputed, so the answer is the uncached one.
    ///
    /// With `seenAt`, the request also counts as the listener's activity (``touch(userID:now:)``) in the same
    /// visit to the station's lock: the lock is the busiest in the daemon, and a request that took it three
    /// times (exists? touch, inputs) spent a third of its CPU spinning on it under load (perf, 2026-11-23).
    public func recommendation(userID: String, at: Date, size: Int, discovery: Double?,
                               seenAt: Date? = nil) throws(RuntimeError) -> (playlist: Playlist, cache: RecommendationCacheOutcome) {
        let inputs = profiles.recommendationInputs(of: userID)
        let versioned = inputs.profile ?? VersionedProfile(profile: .neutral, version: 0)
        let read = try state.withLock { s throws(RuntimeError) in
            guard let listener = s.listeners[userID] else { throw .unknownListener(station: id, user: userID) }
            if let seenAt, !listener.paused { s.listeners[userID]!.lastSeen = seenAt }
            return (paused: listener.paused, history: listener.history, playing: listener.nowPlaying?.queued.index,
                    profile: s.effective(versioned), collaborative: s.collaborativeBoost, dj: s.dj,
                    exclusions: listener.exclusionRevision, station: s.inputsRevision)
        }
        if let seenAt, read.paused {
            // A paused listener resumes with a fresh track first, which changes what is excluded.
            try touch(userID: userID, now: seenAt)
            return try recommendation(userID: userID, at: at, size: size, discovery: discovery)
        }
        // The excluded set is built outside the lock (the same set as `Listener.recentlyHeard`).
        var excluded = Set(read.history.map(\.index))
        if let playing = read.playing { excluded.insert(playing) }
        let request = PlaylistRequest(
            profile: read.profile, at: at, size: size, excluded: excluded,
            discoveryOverride: discovery, discoveryCarry: 0,
            seed: StationState.seed(station: id, user: userID, version: versioned.version, at: at),
            recentLikes: inputs.likes, collaborative: read.collaborative)
        let (dj, exclusions, station) = (read.dj, read.exclusions, read.station)
        let effective = dj.effectiveProfile(request.profile, at: at)
        guard let cache = recommendationCache else { return (dj.recommend(request, effective: effective), .off) }
        let key = RecommendationCache.Key(exclusions: exclusions, profile: inputs.revision, station: station,
                                          daypart: effective.daypart)
        var hit = false
        let playlist = dj.recommend(request, effective: effective) { capacity, rank in
            let kept = cache.candidates(for: userID, key: key, capacity: capacity, rank: rank)
            hit = kept.hit
            return kept.candidates
        }
        return (playlist, hit ? .hit : .miss)
    }

    /// Hits, misses and memory of this station's recommendation cache; nil when it is off.
    public var recommendationCacheStatistics: RecommendationCacheStatistics? { recommendationCache?.statistics }

    /// A text-query playlist for `userID` at `at`, read-only like ``recommend(userID:at:size:discovery:)``: the
    /// same effective profile (overrides applied), exclusions and daypart; no discovery picks. Scoring runs
    /// outside the station's lock on a copy of the DJ.
    public func recommend(userID: String, at: Date, size: Int, query facets: QueryFacets, index: QueryIndex,
                          alpha: Double) throws(RuntimeError) -> QueryPlaylist {
        let versioned = profiles.profile(of: userID)
        let likes = profiles.recentLikes(of: userID)
        let (dj, request) = try state.withLock { s throws(RuntimeError) in
            guard let listener = s.listeners[userID] else { throw .unknownListener(station: id, user: userID) }
            let request = PlaylistRequest(
                profile: s.effective(versioned ?? VersionedProfile(profile: .neutral, version: 0)), at: at, size: size,
                excluded: listener.recentlyHeard, recentLikes: likes, collaborative: s.collaborativeBoost)
            return (s.dj, request)
        }
        return dj.recommend(query: facets, index: index, alpha: alpha, request: request)
    }

    // MARK: Listener lifecycle

    /// Adds `userID` (whose profile must be in the book) and starts a track at once.
    /// Returns false when they were already listening (nothing changes but `lastSeen`).
    @discardableResult
    public func join(userID: String, now: Date) throws(RuntimeError) -> Bool {
        guard let versioned = profiles.profile(of: userID) else { throw .noProfile(userID) }
        let likes = profiles.recentLikes(of: userID)
        return try mutate { s throws(RuntimeError) in
            if s.listeners[userID] != nil {
                s.listeners[userID]!.lastSeen = now
                return false
            }
            guard !(s.dj.catalog.liveCount == 0) else { throw .emptyCatalog(id) }
            var listener = Listener(userID: userID, joinedAt: now)
            s.startFresh(&listener, at: now, profile: versioned, likes: likes)
            s.listeners[userID] = listener
            return true
        }
    }

    /// Removes `userID`; history stays in the log.
    public func leave(userID: String, now: Date) throws(RuntimeError) {
        try state.withLock { s throws(RuntimeError) in
            guard s.listeners.removeValue(forKey: userID) != nil else { throw .unknownListener(station: id, user: userID) }
            publishCounts(s)
        }
        recommendationCache?.forget(userID)
        journal.listenerLeft(stationID: id, userID: userID, at: now)
    }

    /// Removes every listener (station deletion).
    public func removeAllListeners(now: Date) {
        let users = state.withLock { s in
            defer {
                s.listeners.removeAll()
                publishCounts(s)
            }
            return s.listeners.keys.sorted()
        }
        recommendationCache?.removeAll()
        for user in users { journal.listenerLeft(stationID: id, userID: user, at: now) }
    }

    /// Records activity by `userID`; a paused listener resumes with a fresh track.
    public func touch(userID: String, now: Date) throws(RuntimeError) {
        // Nearly every request about a listener lands here: when they are not paused, only note the time
        // (in place, without reading their profile), and take the resuming path below only when needed.
        let listening = try state.withLock { s throws(RuntimeError) -> Bool in
            guard s.listeners[userID] != nil else { throw .unknownListener(station: id, user: userID) }
            s.listeners[userID]!.lastSeen = now
            return !s.listeners[userID]!.paused
        }
        if listening { return }
        let versioned = profiles.profile(of: userID)
        let likes = profiles.recentLikes(of: userID)
        try mutate { s throws(RuntimeError) in
            guard var listener = s.listeners[userID] else { throw .unknownListener(station: id, user: userID) }
            listener.lastSeen = now
            if listener.paused {
                listener.paused = false
                s.startFresh(&listener, at: now, profile: versioned ?? VersionedProfile(profile: .neutral, version: 0), likes: likes)
            }
            s.listeners[userID] = listener
        }
    }

    /// Pauses `userID` explicitly: the current track stops without being logged.
    public func pause(userID: String, now: Date) throws(RuntimeError) {
        try mutate { s throws(RuntimeError) in
            guard s.listeners[userID] != nil else { throw .unknownListener(station: id, user: userID) }
            s.listeners[userID]!.lastSeen = now
            s.pause(userID)
        }
    }

    /// Ends the now-playing track early with outcome `skipped` and starts a fresh one, after the skip
    /// was committed and the book holds the new profile. Returns false if `trackID` was not playing.
    @discardableResult
    public func skip(userID: String, trackID: String, now: Date) throws(RuntimeError) -> Bool {
        let versioned = profiles.profile(of: userID) ?? VersionedProfile(profile: .neutral, version: 0)
        let likes = profiles.recentLikes(of: userID)
        return try mutate { s throws(RuntimeError) in
            guard var listener = s.listeners[userID] else { throw .unknownListener(station: id, user: userID) }
            listener.lastSeen = now
            guard !listener.paused, let playing = listener.nowPlaying, playing.queued.track.trackID == trackID else {
                s.listeners[userID] = listener
                return false
            }
            s.end(&listener, playing, at: now, outcome: .skipped)
            s.startFresh(&listener, at: now, profile: versioned, likes: likes)
            s.listeners[userID] = listener
            return true
        }
    }

    /// Regenerates up-next from the current profile and context (explicit feedback, overrides, refresh).
    ///
    /// Every like and dislike asks for this and a refill ranks the whole catalog, so the picks are made
    /// outside the station's lock, from a copy of what they depend on (track changes and other listeners'
    /// refreshes of the station go on meanwhile). They are installed only when the listener and the station
    /// are as they were copied; otherwise (a track change, a skip, another refresh, a new catalog) the
    /// refresh is made again under the lock from the newest profile.
    public func refresh(userID: String, now: Date) throws(RuntimeError) {
        try rebuild(userID: userID, seenAt: now)
    }

    /// Marks the queue of `userID` for a full refresh (their profile changed through explicit feedback); it
    /// is rebuilt when first read or played from, whichever comes first. No-op when they do not listen here.
    func markQueueStale(userID: String) {
        state.withLock { s in
            guard let listener = s.listeners[userID], !listener.paused else { return }
            s.listeners[userID]!.queueStale = true
        }
    }

    /// The body of ``refresh(userID:now:)``; `seenAt` (when given) counts as the listener's activity.
    private func rebuild(userID: String, seenAt now: Date?) throws(RuntimeError) {
        let base = try state.withLock { s throws(RuntimeError) -> (listener: Listener, scratch: StationState, inputs: UInt64) in
            guard let listener = s.listeners[userID] else { throw .unknownListener(station: id, user: userID) }
            var scratch = StationState(settings: s.settings, dj: s.dj, options: s.options)
            scratch.neighbours = s.neighbours
            scratch.sounds = s.sounds
            return (listener, scratch, s.inputsRevision)
        }
        if !base.listener.paused {
            let versioned = profiles.profile(of: userID) ?? VersionedProfile(profile: .neutral, version: 0)
            let likes = profiles.recentLikes(of: userID)
            var scratch = base.scratch
            var refreshed = base.listener
            refreshed.discardUpNext()
            scratch.fill(&refreshed, profile: versioned, likes: likes)
            if let now { refreshed.lastSeen = now }
            let installed = mutate { s -> Bool in
                guard s.inputsRevision == base.inputs, let current = s.listeners[userID],
                      current.isUnchanged(since: base.listener) else { return false }
                s.listeners[userID] = refreshed
                s.effects.dirty.insert(userID)
                return true
            }
            if installed { return }
        }
        try rebuildLocked(userID: userID, seenAt: now)
    }

    /// ``rebuild(userID:seenAt:)`` entirely under the lock: for a paused listener, and when the listener
    /// changed while the picks were being made outside it.
    private func rebuildLocked(userID: String, seenAt now: Date?) throws(RuntimeError) {
        let versioned = profiles.profile(of: userID) ?? VersionedProfile(profile: .neutral, version: 0)
        let likes = profiles.recentLikes(of: userID)
        try mutate { s throws(RuntimeError) in
            guard var listener = s.listeners[userID] else { throw .unknownListener(station: id, user: userID) }
            if let now { listener.lastSeen = now }
            if !listener.paused {
                listener.discardUpNext()
                s.fill(&listener, profile: versioned, likes: likes)
            }
            s.listeners[userID] = listener
        }
    }

    /// Refreshes the queue of `userID` if they listen here (a profile change made elsewhere).
    func refreshIfListening(userID: String, now: Date) {
        try? refresh(userID: userID, now: now)
    }

    /// Puts a listener back after a restart (DECISIONS 9): a track whose end is still ahead continues,
    /// otherwise a fresh one starts now. `history` is the listener's recent plays, oldest first.
    public func restore(_ saved: ListenerState, history: [(trackID: String, at: Date)], now: Date) {
        let versioned = profiles.profile(of: saved.userID) ?? VersionedProfile(profile: .neutral, version: 0)
        let likes = profiles.recentLikes(of: saved.userID)
        mutate { s in
            var listener = Listener(userID: saved.userID, joinedAt: saved.joinedAt)
            listener.lastSeen = now
            listener.paused = saved.paused
            listener.discoveryCarry = saved.discoveryCarry
            for entry in history {
                if let index = s.dj.catalog.index(of: entry.trackID) {
                    listener.remember(index, at: entry.at, plays: s.options.repeatPlays, hours: s.options.repeatHours)
                }
            }
            if !saved.paused {
                if let playing = saved.nowPlaying, playing.endsAt > now, let index = s.dj.catalog.index(of: playing.trackID) {
                    let score = s.dj.score(index, for: versioned.profile, at: playing.startedAt)
                    let pick = Pick(index: index, track: s.dj.catalog.track(at: index)!, score: score, discovery: false, reasons: ["resumed after restart"])
                    listener.nowPlaying = PlayingTrack(queued: QueuedTrack(pick, daypart: s.dj.daypart(at: playing.startedAt).name),
                                                       startedAt: playing.startedAt, endsAt: playing.endsAt)
                    s.fill(&listener, profile: versioned, likes: likes)
                    s.schedule(&listener)
                } else if !(s.dj.catalog.liveCount == 0) {
                    s.startFresh(&listener, at: now, profile: versioned, likes: likes)
                } else {
                    listener.paused = true
                }
            }
            s.listeners[saved.userID] = listener
        }
    }

    // MARK: Catalog

    /// Adds or replaces tracks by id; returns how many were added and replaced. Throws (changing nothing)
    /// when the batch would pass the catalog's limit of distinct genres or moods.
    public func upsert(_ tracks: [Track]) throws(ValidationError) -> (added: Int, replaced: Int) {
        try state.withLock { s throws(ValidationError) in
            var catalog = s.dj.catalog
            let result = try catalog.checkedUpsert(tracks)
            s.replaceDJ(DJ(catalog: catalog, settings: s.settings))
            publishCounts(s)
            return result
        }
    }

    /// Removes a track: it is never picked again; if it is playing it finishes. Returns false if unknown.
    public func removeTrack(_ trackID: String, now: Date) -> Bool {
        mutate { s in
            var catalog = s.dj.catalog
            guard let index = catalog.index(of: trackID), catalog.remove(trackID: trackID) else { return false }
            s.replaceDJ(DJ(catalog: catalog, settings: s.settings))
            for user in Array(s.listeners.keys) {
                guard var listener = s.listeners[user], listener.upNext.contains(where: { $0.index == index }) else { continue }
                listener.upNext.removeAll { $0.index == index }
                if let versioned = profiles.profile(of: user) {
                    s.fill(&listener, profile: versioned, likes: profiles.recentLikes(of: user))
                }
                s.listeners[user] = listener
            }
            return true
        }
    }

    // MARK: Collaborative signals

    /// Installs the station's collaborative neighbour lists (built off-lock by the refresher); picks made
    /// from now on use them, queues already filled stay until their next refill or refresh.
    public func installNeighbours(_ lists: NeighbourLists) {
        state.withLock { $0.neighbours = lists }
    }

    /// The station's installed collaborative neighbour lists (empty before the first refresh).
    public var neighbours: NeighbourLists { state.withLock { $0.neighbours } }

    // MARK: Scheduler entry point

    /// Called by the scheduler when a listener's deadline passed; ignores stale entries.
    func advance(userID: String, generation: UInt64) {
        let versioned = profiles.profile(of: userID) ?? VersionedProfile(profile: .neutral, version: 0)
        let likes = profiles.recentLikes(of: userID)
        mutate { s in
            // Taken out of the dictionary while it changes: a copy left behind would make every change to
            // its queue copy the whole array (and retain every queued track's strings).
            guard var listener = s.listeners.removeValue(forKey: userID) else { return }
            guard listener.generation == generation, !listener.paused, let playing = listener.nowPlaying else {
                s.listeners[userID] = listener
                return
            }
            let deadline = playing.endsAt
            if listener.lastSeen.addingTimeInterval(s.options.idleTimeout) <= deadline {
                s.listeners[userID] = listener
                s.pause(userID)
                return
            }
            s.end(&listener, playing, at: deadline, outcome: .played)
            // Feedback since the queue was filled: the next track comes from a fresh ranking, not the old queue.
            if listener.queueStale { listener.discardUpNext() }
            s.startNext(&listener, at: deadline, profile: versioned, likes: likes)
            s.listeners[userID] = listener
        }
    }

    // MARK: Plumbing

    /// Runs `body` under the lock, then hands the journal and scheduler what changed.
    private func mutate<T, E: Error>(_ body: (inout StationState) throws(E) -> T) throws(E) -> T {
        let (result, effects) = try state.withLock { s throws(E) -> (T, StationState.Effects) in
            s.effects = StationState.Effects()
            let result = try body(&s)
            publishCounts(s)
            var effects = s.effects
            s.effects = StationState.Effects()
            s.touchedForJournal(&effects)
            return (result, effects)
        }
        for play in effects.plays { journal.trackEnded(play) }
        for listener in effects.changed { journal.listenerChanged(listener) }
        for wake in effects.wakeups {
            scheduler.schedule(station: id, user: wake.user, at: wake.deadline, generation: wake.generation)
        }
        return result
    }
}

/// A read-only copy of one listener's state.
public struct ListenerSnapshot: Sendable, Equatable {
    public var stationID: String
    public var userID: String
    public var joinedAt: Date
    public var paused: Bool
    public var nowPlaying: PlayingTrack?
    /// The queue as listeners see it: at most the station's queue size (the hidden refill reserve is left out).
    public var upNext: [QueuedTrack]
    public var lastSeen: Date

    init(_ listener: Listener, stationID: String, queueSize: Int) {
        self.stationID = stationID
        userID = listener.userID
        joinedAt = listener.joinedAt
        paused = listener.paused
        nowPlaying = listener.nowPlaying
        upNext = Array(listener.upNext.prefix(queueSize))
        lastSeen = listener.lastSeen
    }
}
