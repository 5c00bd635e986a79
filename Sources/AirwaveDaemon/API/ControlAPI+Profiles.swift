import AirwaveAPI
import AirwaveCore
import AirwaveHTTP
import AirwaveRuntime
import AirwaveStore

extension ControlAPI {
    func addProfileRoutes(_ router: inout Router) {
        let services = self.services

        router.get("/profiles/{user_id}") { request in
            let user = try RequestParsing.pathID(request, "user_id")
            guard let snapshot = try services.loadProfile(user) else { throw RuntimeError.noProfile(user) }
            return .api(ProfileView(userID: user, version: snapshot.version, profile: snapshot.profile))
        }

        router.patch("/profiles/{user_id}") { request in
            let user = try RequestParsing.pathID(request, "user_id")
            let patch = try RequestParsing.body(request, as: ProfilePatch.self, allowed: ProfilePatch.allowedKeys)
            guard let current = try services.loadProfile(user) else { throw RuntimeError.noProfile(user) }
            try services.journal.flush()
            let snapshot = try services.store.updateInitialPreferences(userID: user, try patch.applied(to: current.initial))
            services.adopt(snapshot)
            return .api(ProfileView(userID: user, version: snapshot.version, profile: snapshot.profile))
        }

        router.get("/profiles/{user_id}/analytics") { request in
            let user = try RequestParsing.pathID(request, "user_id")
            guard let snapshot = try services.loadProfile(user) else { throw RuntimeError.noProfile(user) }
            let recent = try services.store.recentFeedbackTypes(userID: user, limit: 20)
            return .api(ProfileAnalytics.of(snapshot.profile, recent: recent))
        }
    }
}
