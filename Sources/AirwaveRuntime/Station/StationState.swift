import AirwaveCore
import Foundation

/// The lock-protected state of one station and the decisions that change it.
///
/// Methods record their side effects (finished plays, listener states to persist, deadlines to schedule)
/// in `effects`; ``StationRuntime`` hands them to the journal and the scheduler after releasing the lock.
struct StationState {
    var settings: StationSettings { didSet { inputsRevision = Revision.next() } }
    var dj: DJ { didSet { inputsRevision = Revision.next() } }
    let options: RuntimeOptions
    var listeners: [String: Listener] = [:]
    var effects = Effects()
    /// How each overridden genre sounds in this catalog (computed on first use; cleared on catalog change).
    var sounds: [String: GenreSound] = [:]
    /// The station's collaborative neighbour lists, installed whole by the refresher (empty until then).
    var neighbours = NeighbourLists.empty { didSet { inputsRevision = Revision.next() } }
    /// Names the current DJ (catalog, settings) and neighbour lists: a fresh value whenever any of them
    /// changes, so cached recommendations keyed by it are dropped with the inputs they came from.
    var inputsRevision = Revision.next()

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
            if let listener = listeners[user] { effects.changed.append(listener.state(stationID: settings.id, queueSize: settings.queueSize)) }
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

    /// Mixed into a slot's seed so the shuffle's draw is independent of the DJ's discovery draw for the same moment.
    static let shuffleSalt: UInt64 = 0x5348_5546_464C_4521

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
        listener.discardUpNext()
        // Now playing and the whole queue come from one ranking (the batch stops at a daypart boundary;
        // `fill` then picks the rest in their own daypart).
        var picks = pick(&listener, count: 1 + queueTarget, at: at, profile: profile, likes: likes)
        guard !picks.isEmpty else {
            // Nothing left to play (every track excluded or removed): stay silent until something changes.
            listener.nowPlaying = nil
            effects.dirty.insert(listener.userID)
            return
        }
        let first = picks.removeFirst()
        listener.nowPlaying = PlayingTrack(queued: first, startedAt: at, endsAt: at.addingTimeInterval(first.track.duration))
        listener.upNext = picks
        fill(&listener, profile: profile, likes: likes)
        schedule(&listener)
    }

    /// How many picks up-next holds after a refill: the station's queue size plus the hidden reserve.
    var queueTarget: Int { settings.queueSize + options.queueReserve(forQueueSize: settings.queueSize) }

    /// Refills up-next once it holds fewer than the station's queue size, up to the queue size plus the
    /// hidden reserve (``RuntimeOptions/queueReserve``), so one ranking serves several track changes;
    /// each pick is made in the daypart it will play in. Listeners see only the first `queue_size` entries.
    mutating func fill(_ listener: inout Listener, profile: VersionedProfile, likes: [Track]) {
        effects.dirty.insert(listener.userID)
        // A silent listener (nothing playable) gets no queue until something changes.
        guard var at = listener.nowPlaying?.endsAt, listener.upNext.count < settings.queueSize else { return }
        for queued in listener.upNext { at = at.addingTimeInterval(queued.track.duration) }
        let target = queueTarget
        var attempts = 0
        while listener.upNext.count < target, attempts < target {
            attempts += 1
            let picks = pick(&listener, count: target - listener.upNext.count, at: at, profile: profile, likes: likes)
            if picks.isEmpty { break }
            for queued in picks {
                listener.upNext.append(queued)
                at = at.addingTimeInterval(queued.track.duration)
            }
        }
    }

    /// Chooses up to `count` tracks starting at `at` with smart shuffle (DECISIONS 5), keeping only those
    /// that start in the same daypart as the first (the rest are picked again in their own daypart).
    ///
    /// The DJ ranks more candidates than needed (the repeat window, now playing and up next excluded);
    /// each slot then takes the kind of pick its running discovery share owes (DECISIONS 3) from the first
    /// candidates whose artist differs from the previous three, or, in transition mode, draws among the
    /// best of them by softmax. The artist rule gives way first; when even that leaves nothing, the repeat
    /// window gives its oldest plays back.
    private mutating func pick(_ listener: inout Listener, count: Int, at: Date, profile: VersionedProfile, likes: [Track]) -> [QueuedTrack] {
        var hard = Set<Int>(minimumCapacity: listener.upNext.count + 1)
        if let nowPlaying = listener.nowPlaying { hard.insert(nowPlaying.queued.index) }
        for queued in listener.upNext { hard.insert(queued.index) }
        var excluded = hard
        excluded.reserveCapacity(hard.count + listener.history.count + count)
        for entry in listener.history { excluded.insert(entry.index) }
        let transition = settings.activeTransition
        let extra = max(30, 3 * settings.queueSize, transition.enabled ? transition.candidates : 0)
        let share = profile.profile.effectiveDiscovery
        // Discovery off means exactly the top of the ranking: an old debt is dropped, not paid (as the DJ does).
        if share <= 0 { listener.discoveryCarry = 0 }
        // When no slot of this call can owe a discovery pick, rank without the discovery pool (much cheaper).
        let mayWantDiscovery = share > 0 && listener.discoveryCarry + Double(count) * share >= 0.5
        let effectiveProfile = effective(profile)
        let seed = StationState.seed(station: settings.id, user: listener.userID, version: profile.version, at: at)
        let carry = listener.discoveryCarry
        // Candidates: the ranking (discovery off) deep enough for artist separation and transitions, then,
        // when a slot may owe one, discovery picks drawn from outside the top `count` — the familiar set of
        // this call (DECISIONS 3) — so small catalogs still get discovery.
        func rank(excluding excluded: Set<Int>) -> Playlist {
            // Reasons are built only for the picks kept (below), not for every candidate: building them for
            // 30+ candidates to keep one was 12% of a track change (perf, 2026-11-23).
            var request = PlaylistRequest(
                profile: effectiveProfile, at: at, size: count + extra, excluded: excluded, discoveryOverride: 0,
                discoveryCarry: 0, seed: seed, recentLikes: likes, collaborative: collaborativeBoost)
            request.includeReasons = false
            let blended = dj.effectiveProfile(effectiveProfile, at: at)
            guard mayWantDiscovery else { return dj.recommend(request, effective: blended) }
            // A few more than the slots, so artist separation and transitions have a choice among them too.
            var discoveryRequest = PlaylistRequest(
                profile: effectiveProfile, at: at, size: count + (transition.enabled ? 8 : 2), excluded: excluded,
                discoveryOverride: 1,
                discoveryCarry: carry, seed: seed, recentLikes: likes, collaborative: collaborativeBoost)
            discoveryRequest.includeReasons = false
            // One ranking serves both calls: the discovery call ranks deepest (its pool), and the order is
            // total, so the plain ranking is its prefix. Ranking twice was a third of a track change.
            var shared: RankedCandidates?
            let discovery = dj.recommend(discoveryRequest, effective: blended) { _, rank in
                let fresh = rank()
                shared = fresh
                return fresh
            }
            var ranked = dj.recommend(request, effective: blended) { capacity, rank in
                if let shared, shared.covers(capacity: capacity) { return shared }
                return rank()
            }
            ranked.picks += discovery.picks.filter(\.discovery)
            return ranked
        }
        var playlist = rank(excluding: excluded)
        var candidates = playlist.picks

        // The last artists in play order (history tail, now playing, up next) and, for transitions, the
        // track before the first slot; chosen tracks are appended as they come. Only these are kept: copying
        // every queued Track into a play-order list cost retains on each of its strings.
        var recent: [String] = []
        recent.reserveCapacity(SmartShuffle.artistGap + 1)
        var previous: Track?
        func played(_ track: Track) {
            recent.append(track.artist)
            if recent.count > SmartShuffle.artistGap { recent.removeFirst() }
            if transition.enabled { previous = track }
        }
        for entry in listener.history.suffix(SmartShuffle.artistGap) {
            if let track = dj.catalog.track(at: entry.index) { played(track) }
        }
        if let nowPlaying = listener.nowPlaying { played(nowPlaying.queued.track) }
        for queued in listener.upNext.suffix(SmartShuffle.artistGap + 1) { played(queued.track) }
        // The repeat window's release order, built only when the window must give a play back.
        var released: ArraySlice<Int>?

        var accepted: [QueuedTrack] = []
        accepted.reserveCapacity(count)
        var taken = Set<Int>(minimumCapacity: count)
        var start = at
        while accepted.count < count {
            if !accepted.isEmpty && dj.daypart(at: start).name != playlist.daypart { break }
            let owed = listener.discoveryCarry + share
            var random = SeededRandom(seed: StationState.seed(
                station: settings.id, user: listener.userID, version: profile.version, at: start) ^ StationState.shuffleSalt)
            let wantDiscovery = share > 0 && owed >= 0.5
            var choice = transition.enabled ? nil
                : Self.firstSeparated(candidates, taken: taken, wantDiscovery: wantDiscovery, recentArtists: recent)
            if choice == nil {
                choice = SmartShuffle.choose(
                    from: candidates, taken: taken, wantDiscovery: wantDiscovery, recentArtists: recent,
                    previous: previous, transition: transition, random: &random)
            }
            // Nothing left outside the window (a small catalog): the window gives back the track whose latest
            // play is oldest, and the DJ ranks again with it allowed; repeat until something fits.
            if choice == nil, released == nil {
                released = SmartShuffle.releaseOrder(history: listener.history.map(\.index))[...]
            }
            while choice == nil, let oldest = released?.first {
                released = released?.dropFirst()
                guard !hard.contains(oldest), !taken.contains(oldest), excluded.contains(oldest) else { continue }
                excluded.remove(oldest)
                playlist = rank(excluding: excluded)
                candidates = playlist.picks
                choice = SmartShuffle.choose(
                    from: candidates, taken: taken, wantDiscovery: wantDiscovery, recentArtists: recent,
                    previous: previous, transition: transition, random: &random)
            }
            guard let choice else { break }
            let pick = candidates[choice.position]
            taken.insert(pick.index)
            excluded.insert(pick.index)
            played(pick.track)
            var queued = QueuedTrack(pick, daypart: playlist.daypart)
            if share > 0 {
                let before = listener.discoveryCarry
                listener.discoveryCarry = min(1, max(-1, owed - (pick.discovery ? 1 : 0)))
                queued.carryCharge = listener.discoveryCarry - before
            }
            accepted.append(queued)
            start = start.addingTimeInterval(pick.track.duration)
        }
        // The ranking left reasons out, except the collaborative one (it knows its evidence); the kept picks
        // get theirs here, from one scoring table for the whole batch.
        let reasons = dj.reasons(for: accepted.map { ($0.index, $0.discovery) }, profile: effectiveProfile, at: at, likes: likes)
        for i in accepted.indices {
            let collaborative = accepted[i].reasons
            accepted[i].reasons = reasons[i]
            accepted[i].reasons.insert(contentsOf: collaborative,
                                       at: accepted[i].discovery && !accepted[i].reasons.isEmpty ? 1 : 0)
        }
        return accepted
    }

    /// The choice ``SmartShuffle/choose(from:taken:wantDiscovery:recentArtists:previous:transition:random:)``
    /// makes in plain mode whenever artist separation holds for a candidate of the wanted kind: the first
    /// such candidate. Found by a scan that stops there and copies no candidate (the full rules collect
    /// every eligible candidate, copying each pick's track, which was a fifth of a track change); nil when
    /// there is none, and the full rules decide how they give way.
    static func firstSeparated(_ candidates: [Pick], taken: Set<Int>, wantDiscovery: Bool,
                               recentArtists: [String]) -> SmartShuffle.Choice? {
        let blocked = recentArtists.suffix(SmartShuffle.artistGap)
        return candidates.withUnsafeBufferPointer { buffer -> SmartShuffle.Choice? in
            for i in buffer.indices where buffer[i].discovery == wantDiscovery && !taken.contains(buffer[i].index) {
                if !blocked.contains(buffer[i].track.artist) { return SmartShuffle.Choice(position: i) }
            }
            return nil
        }
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
        listener.discardUpNext()
        listener.generation &+= 1
        listeners[userID] = listener
        effects.dirty.insert(userID)
    }
}
