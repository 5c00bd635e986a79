import AirwaveAPI
import AirwaveCore
import AirwaveHTTP
import AirwaveRuntime
import AirwaveStore

extension ControlAPI {
    func addOverrideRoutes(_ router: inout Router) {
        let services = self.services

        router.get("/profiles/{user_id}/overrides") { request in
            let user = try RequestParsing.pathID(request, "user_id")
            guard try services.loadProfile(user) != nil else { throw RuntimeError.noProfile(user) }
            return .api(try services.store.overrides(userID: user))
        }

        router.post("/profiles/{user_id}/overrides") { request in
            let user = try RequestParsing.pathID(request, "user_id")
            let changes = try RequestParsing.body(request, as: ProfileOverrides.self, allowed: ["genres", "artists", "moods"])
            guard try services.loadProfile(user) != nil else { throw RuntimeError.noProfile(user) }
            let now = try services.store.mergeOverrides(userID: user, changes)
            services.runtime.profiles.setOverrides(user, now)
            services.runtime.refreshEverywhere(userID: user)
            return .api(now)
        }

        router.delete("/profiles/{user_id}/overrides/{kind}/{name}") { request in
            let user = try RequestParsing.pathID(request, "user_id")
            let kindText = try request.parameters.require("kind")
            guard let kind = ProfileOverrides.Kind(rawValue: kindText) else {
                throw HTTPError.badRequest("kind must be genres, artists or moods", code: "invalid_parameter")
            }
            let name = try request.parameters.require("name")
            guard try services.loadProfile(user) != nil else { throw RuntimeError.noProfile(user) }
            guard try services.store.removeOverride(userID: user, kind: kind, name: name) else {
                throw HTTPError(.notFound, code: "override_not_found", message: "user \(user) has no \(kind.rawValue) override named \(name)")
            }
            services.runtime.profiles.setOverrides(user, try services.store.overrides(userID: user))
            services.runtime.refreshEverywhere(userID: user)
            return .empty(.noContent)
        }
    }
}
