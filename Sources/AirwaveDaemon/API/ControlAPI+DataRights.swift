import AirwaveAPI
import AirwaveCore
import AirwaveHTTP
import AirwaveRuntime
import AirwaveStore

extension ControlAPI {
    /// Export and erasure of everything stored about a user (DECISIONS 21).
    func addDataRightsRoutes(_ router: inout Router) {
        let services = self.services

        router.get("/profiles/{user_id}/export") { request in
            let user = try RequestParsing.pathID(request, "user_id")
            try services.journal.flush()
            guard let export = try services.store.exportUser(userID: user) else { throw RuntimeError.noProfile(user) }
            let s = export.snapshot
            return .api(UserExportView(
                userID: user, profile: ProfileView(userID: user, version: s.version, profile: s.profile), initial: s.initial,
                overrides: export.overrides, stations: export.listeners.map(\.stationID),
                interactions: export.interactions.map {
                    UserExportView.Interaction(id: $0.id, stationID: $0.stationID, trackID: $0.trackID, genre: $0.genre,
                                               artist: $0.artist, mood: $0.mood, type: $0.type, rating: $0.rating,
                                               at: $0.at, redacted: $0.redacted)
                },
                plays: export.plays.map(PlayLogHub.entry)))
        }

        router.delete("/profiles/{user_id}") { request in
            let user = try RequestParsing.pathID(request, "user_id")
            guard try services.store.profile(userID: user) != nil else { throw RuntimeError.noProfile(user) }
            let now = services.runtime.clock.now()
            for station in services.runtime.allStations() where station.hasListener(user) {
                try? station.leave(userID: user, now: now)
            }
            // Everything queued about the user reaches the database before it is erased there.
            try services.journal.flush()
            try services.store.eraseUser(userID: user)
            services.runtime.profiles.forget(user)
            services.log("user data erased on request (profile, interactions, overrides; plays anonymized)")
            return .empty(.noContent)
        }
    }
}
