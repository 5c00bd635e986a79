import AirwaveAPI
import AirwaveCore
import AirwaveHTTP
import AirwaveRuntime
import AirwaveStore
import Foundation

extension ControlAPI {
    func addListenerRoutes(_ router: inout Router) {
        let services = self.services
        let clock = services.runtime.clock

        router.post("/stations/{id}/listeners") { request in
            let station = try services.runtime.station(try RequestParsing.pathID(request, "id"))
            let join = try RequestParsing.body(request, as: JoinRequest.self, allowed: ["user_id", "preferences"])
            let user = try RequestParsing.identifier(join.userID, field: "user_id")
            // The interaction count is the server's to keep (it drives `auto` discovery), never a client's.
            var initial = join.preferences ?? .neutral
            initial.totalInteractions = 0
            let (snapshot, created) = try services.store.createProfile(userID: user, initial: initial)
            services.runtime.profiles.update(user, to: VersionedProfile(profile: snapshot.profile, version: snapshot.version))
            let now = clock.now()
            let joined = try station.join(userID: user, now: now)
            // The membership is an acknowledged write: commit it before answering.
            try services.journal.flush()
            let view = try station.queue(of: user).view(now: now, profileCreated: created)
            return .api(view, status: joined ? .created : .ok)
        }

        router.get("/stations/{id}/listeners") { request in
            let station = try services.runtime.station(try RequestParsing.pathID(request, "id"))
            let limit = try RequestParsing.int(request, "limit", default: 100, range: 1...1000)
            let after = try request.queryValue("after").map { try RequestParsing.identifier($0, field: "after") }
            // One more than the page tells whether another page exists, so a page that is exactly full at
            // the end of the list does not send the client after an empty one.
            let fetched = station.listeners(after: after, limit: limit + 1)
            let page = fetched.prefix(limit)
            let now = clock.now()
            return .api(ListenerPage(listeners: page.map { $0.view(now: now) },
                                     nextAfter: fetched.count > limit ? page.last?.userID : nil))
        }

        router.delete("/stations/{id}/listeners/{user_id}") { request in
            let station = try services.runtime.station(try RequestParsing.pathID(request, "id"))
            try station.leave(userID: try RequestParsing.pathID(request, "user_id"), now: clock.now())
            try services.journal.flush()
            return .empty(.noContent)
        }

        router.get("/stations/{id}/listeners/{user_id}/queue") { request in
            let (station, user) = try listener(request, services)
            let now = clock.now()
            try station.touch(userID: user, now: now)
            return .api(try station.queue(of: user).queueView(now: now))
        }

        router.post("/stations/{id}/listeners/{user_id}/queue/refresh") { request in
            let (station, user) = try listener(request, services)
            let now = clock.now()
            try station.touch(userID: user, now: now)
            let started = ContinuousClock.now
            try station.refresh(userID: user, now: now)
            services.metrics.playlistGenerated(seconds: (ContinuousClock.now - started).seconds)
            return .api(try station.queue(of: user).queueView(now: now))
        }

        router.get("/stations/{id}/listeners/{user_id}/recommendations") { request in
            // Whether the user listens here is checked by the call that serves the request (one lock visit).
            let station = try services.runtime.station(try RequestParsing.pathID(request, "id"))
            let user = try RequestParsing.pathID(request, "user_id")
            let size = try RequestParsing.int(request, "size", default: 10, range: 1...200)
            let discovery = try RequestParsing.unit(request, "discovery")
            let now = clock.now()
            let at = try RequestParsing.time(request, "at") ?? now
            if let text = request.queryValue("q") {
                try station.touch(userID: user, now: now)
                return try ControlAPI.queryRecommendations(text, station: station, user: user, size: size, at: at, services: services)
            }
            let started = ContinuousClock.now
            // The request counts as activity (touch) inside the same visit to the station's lock.
            let (playlist, cache) = try station.recommendation(userID: user, at: at, size: size, discovery: discovery, seenAt: now)
            services.metrics.playlistGenerated(seconds: (ContinuousClock.now - started).seconds)
            services.metrics.recommendationCache(cache)
            // The bytes `.api(TrackList(…))` would write, without JSONEncoder (see TrackListJSON).
            return HTTPResponse(status: .ok, headers: ["Content-Type": "application/json"],
                                bytes: TrackListJSON.encode(picks: playlist.picks, daypart: playlist.daypart))
        }

        router.post("/stations/{id}/listeners/{user_id}/interactions") { request in
            let (station, user) = try listener(request, services)
            let body = try RequestParsing.body(request, as: InteractionRequest.self, allowed: ["track_id", "type", "rating"])
            let trackID = try RequestParsing.identifier(body.trackID, field: "track_id")
            let feedback = try Feedback(body.type, rating: body.rating)
            let catalog = station.dj.catalog
            guard let index = catalog.index(of: trackID), let track = catalog.track(at: index) else {
                throw RuntimeError.unknownTrack(station: station.id, track: trackID)
            }
            let now = clock.now()
            // This user's implicit plays queued earlier must be folded first, so the snapshot we get back
            // includes them (listener states are not needed for that and follow in the periodic batch).
            try services.journal.flush(ifPlaysPendingFor: user)
            // The reply waits for the group commit without holding a server thread: the connection is
            // suspended and the rest runs on a pool thread once the writer has committed.
            let reply = DeferredResponse()
            try services.store.recordInteraction(
                InteractionInput(userID: user, stationID: station.id, track: track, feedback: feedback, at: now)
            ) { outcome in
                reply.complete {
                    let (interactionID, snapshot) = try outcome.get()
                    services.metrics.interaction(type: feedback.type.rawValue)
                    services.runtime.profiles.update(user, to: VersionedProfile(profile: snapshot.profile, version: snapshot.version))
                    if feedback.type == .like || feedback.type == .favorite { services.runtime.profiles.noteLike(user, track: track) }
                    try station.touch(userID: user, now: now)
                    if feedback.type == .skip {
                        try station.skip(userID: user, trackID: trackID, now: now)
                    }
                    // A full refresh of up-next (DECISIONS 2), made when the queue is next read or played from.
                    if feedback.type.isExplicit { services.runtime.markQueuesStale(userID: user) }
                    // Hand-written JSON, byte for byte the encoder's (the reply carries the whole profile).
                    return InteractionReplyJSON.response(InteractionResponse(
                        interactionID: interactionID,
                        profile: ProfileView(userID: user, version: snapshot.version, profile: snapshot.profile)))
                }
            }
            return .deferred(reply)
        }

        router.post("/stations/{id}/listeners/{user_id}/heartbeat") { request in
            let (station, user) = try listener(request, services)
            try station.touch(userID: user, now: clock.now())
            return .empty(.noContent)
        }

        router.post("/stations/{id}/listeners/{user_id}/pause") { request in
            let (station, user) = try listener(request, services)
            try station.pause(userID: user, now: clock.now())
            return .empty(.noContent)
        }

        router.post("/stations/{id}/listeners/{user_id}/resume") { request in
            let (station, user) = try listener(request, services)
            let now = clock.now()
            try station.touch(userID: user, now: now)
            return .api(try station.queue(of: user).queueView(now: now))
        }
    }
}

/// The station and user of a `/stations/{id}/listeners/{user_id}/…` route; 404 unless they listen there.
private func listener(_ request: HTTPRequest, _ services: DaemonServices) throws -> (StationRuntime, String) {
    let station = try services.runtime.station(try RequestParsing.pathID(request, "id"))
    let user = try RequestParsing.pathID(request, "user_id")
    guard station.hasListener(user) else { throw RuntimeError.unknownListener(station: station.id, user: user) }
    return (station, user)
}

extension Duration {
    /// The duration in seconds as a Double.
    var seconds: Double {
        let (s, attoseconds) = components
        return Double(s) + Double(attoseconds) / 1e18
    }
}
