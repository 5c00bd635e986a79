import AirwaveCore
import Foundation

/// The lock-protected state of one station and the decisions that change it.
///
/// Methods record their side effects (finished plays, listener states to persist, deadlines to schedule)
/// in `effects`; ``StationRuntime`` hands them to the journal and the scheduler after releasing the lock.
struct StationState {
    var settings: StationSettings
    var dj: DJ
    let options: RuntimeOptions
    var listeners: [String: Listener] = [:]
    var effects = Effects()
    /// How each overridden genre sounds in this catalog (computed on first use; cleared on catalog change).
    var sounds: [String: GenreSound] = [:]

    /// What one locked operation asks the outside world to do.
    struct Effects {
        var plays: [PlayEvent] = []
        var dirty: Set<String> = []
        var wakeups: [(user: String, deadline: Date, generation: UInt64)] = []
        var changed: [ListenerState] = []
    }

    init(settings: StationSettings, dj: DJ, options: RuntimeOptions) {
        self.settings = settings
        self.dj = dj
        self.options = options
    }

    /// Turns the users marked dirty into listener states to persist.
    mutating func touchedForJournal(_ effects: inout Effects) {
        for user in effects.dirty.sorted() {
            if let listener = listeners[user] { effects.changed.append(listener.state(stationID: settings.id)) }
        }
        effects.dirty.removeAll()
    }

    /// The seed for a pick: a stable hash of (user, station, profile version, time) (DECISIONS 4).
    static func seed(station: String, user: String, version: Int64, at: Date) -> UInt64 {
        var hash = StableHash()
        hash.combine(user)
        hash.combine(station)
        hash.combine(Int(version))
        hash.combine(Int((at.timeIntervalSince1970 * 1000).rounded()))
        return hash.finalized
    }

    /// Ends `playing` for `listener` with `outcome` at `at`, logs it and remembers it.
    mutating func end(_ listener: inout Listener, _ playing: PlayingTrack, at: Date, outcome: PlayOutcome) {
        let q = playing.queued
        effects.plays.append(PlayEvent(
            stationID: settings.id, userID: listener.userID, track: q.track, startedAt: playing.startedAt,
            endedAt: max(at, playing.startedAt), outcome: outcome, discovery: q.discovery, score: q.score,
            reasons: q.reasons, daypart: q.daypart))
        listener.remember(q.index, at: at, plays: options.repeatPlays, hours: options.repeatHours)
        listener.nowPlaying = nil
        effects.dirty.insert(listener.userID)
    }

    /// Starts the head of up-next (or a fresh pick) at `at`, tops the queue up and schedules its end.
    mutating func startNext(_ listener: inout Listener, at: Date, profile: VersionedProfile, likes: [Track]) {
        // A queued track that was removed from the catalog meanwhile is dropped.
        while let head = listener.upNext.first, dj.catalog.track(at: head.index) == nil { listener.upNext.removeFirst() }
        guard !listener.upNext.isEmpty else {
            startFresh(&listener, at: at, profile: profile, likes: likes)
            return
        }
        let next = listener.upNext.removeFirst()
        listener.nowPlaying = PlayingTrack(queued: next, startedAt: at, endsAt: at.addingTimeInterval(next.track.duration))
        fill(&listener, profile: profile, likes: likes)
        schedule(&listener)
    }

    /// Picks a fresh now-playing track at `at` from the profile, refills up-next and schedules the end.
    mutating func startFresh(_ listener: inout Listener, at: Date, profile: VersionedProfile, likes: [Track]) {
        listener.upNext.removeAll()
        guard let first = pick(&listener, count: 1, at: at, profile: profile, likes: likes).first else {
            // Nothing left to play (every track excluded or removed): stay silent until something changes.
            listener.nowPlaying = nil
            effects.dirty.insert(listener.userID)
            return
        }
        listener.nowPlaying = PlayingTrack(queued: first, startedAt: at, endsAt: at.addingTimeInterval(first.track.duration))
        fill(&listener, profile: profile, likes: likes)
        schedule(&listener)
    }

    /// Tops up-next up to the station's queue size, each pick made in the daypart it will play in.
    mutating func fill(_ listener: inout Listener, profile: VersionedProfile, likes: [Track]) {
        // A silent listener (nothing playable) gets no queue until something changes.
        guard var at = listener.nowPlaying?.endsAt else { return }
        for queued in listener.upNext { at = at.addingTimeInterval(queued.track.duration) }
        var attempts = 0
        while listener.upNext.count < settings.queueSize, attempts < settings.queueSize {
            attempts += 1
            let picks = pick(&listener, count: settings.queueSize - listener.upNext.count, at: at, profile: profile, likes: likes)
            if picks.isEmpty { break }
            for queued in picks {
                listener.upNext.append(queued)
                at = at.addingTimeInterval(queued.track.duration)
            }
        }
        effects.dirty.insert(listener.userID)
    }

    /// Asks the DJ for up to `count` tracks starting at `at`, keeping only those that start in the same
    /// daypart as the first (the rest are picked again in their own daypart), and carries the discovery
    /// share over (DECISIONS 3).
    private mutating func pick(_ listener: inout Listener, count: Int, at: Date, profile: VersionedProfile, likes: [Track]) -> [QueuedTrack] {
        var excluded = listener.recentlyHeard
        for queued in listener.upNext { excluded.insert(queued.index) }
        let request = PlaylistRequest(
            profile: effective(profile), at: at, size: count, excluded: excluded, discoveryOverride: nil,
            discoveryCarry: listener.discoveryCarry,
            seed: StationState.seed(station: settings.id, user: listener.userID, version: profile.version, at: at),
            recentLikes: likes)
        let playlist = dj.recommend(request)
        var accepted: [QueuedTrack] = []
        var start = at
        for pick in playlist.picks {
            if !accepted.isEmpty && dj.daypart(at: start).name != playlist.daypart { break }
            accepted.append(QueuedTrack(pick, daypart: playlist.daypart))
            start = start.addingTimeInterval(pick.track.duration)
        }
        let share = profile.profile.effectiveDiscovery
        listener.discoveryCarry += Double(accepted.count) * share - Double(accepted.filter(\.discovery).count)
        return accepted
    }

    /// The profile the DJ scores with: the learned one with the listener's overrides applied.
    mutating func effective(_ versioned: VersionedProfile) -> Profile {
        guard !versioned.overrides.isEmpty else { return versioned.profile }
        for genre in versioned.overrides.genres.keys where sounds[genre] == nil {
            if let sound = dj.catalog.sound(of: genre) { sounds[genre] = sound }
        }
        let known = sounds
        return versioned.profile.applying(versioned.overrides) { known[$0] }
    }

    /// Installs a new DJ (catalog or settings changed) and forgets what depended on the old catalog.
    mutating func replaceDJ(_ newDJ: DJ) {
        dj = newDJ
        sounds.removeAll()
    }

    /// Bumps the listener's generation and asks the scheduler to wake at the end of now-playing.
    mutating func schedule(_ listener: inout Listener) {
        listener.generation &+= 1
        if let playing = listener.nowPlaying {
            effects.wakeups.append((listener.userID, playing.endsAt, listener.generation))
        }
        effects.dirty.insert(listener.userID)
    }

    /// Pauses a listener: the current track stops unlogged and their deadline is dropped.
    mutating func pause(_ userID: String) {
        guard var listener = listeners[userID], !listener.paused else { return }
        listener.paused = true
        listener.nowPlaying = nil
        listener.upNext.removeAll()
        listener.generation &+= 1
        listeners[userID] = listener
        effects.dirty.insert(userID)
    }
}
