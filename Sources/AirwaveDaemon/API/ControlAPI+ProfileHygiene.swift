import AirwaveAPI
import AirwaveCore
import AirwaveHTTP
import AirwaveRuntime
import AirwaveStore
import Foundation

extension ControlAPI {
    /// Redaction (undoable) and reset: keeping a profile clean without losing history.
    func addProfileHygieneRoutes(_ router: inout Router) {
        let services = self.services

        router.post("/profiles/{user_id}/redactions") { request in
            let user = try RequestParsing.pathID(request, "user_id")
            let selector = try RequestParsing.body(request, as: RedactionSelector.self,
                                                   allowed: ["interaction_ids", "from", "to", "station_id"])
            guard try services.loadProfile(user) != nil else { throw RuntimeError.noProfile(user) }
            // Pending implicit plays are events too: write them first so the redaction sees them.
            try services.journal.flush()
            let result = try services.store.redact(userID: user, selector)
            services.adopt(result.snapshot)
            return .api(RedactionView(redactionID: result.redactionID, events: result.events,
                                      profile: ProfileView(userID: user, version: result.snapshot.version, profile: result.snapshot.profile)),
                        status: .created)
        }

        router.delete("/profiles/{user_id}/redactions/{redaction_id}") { request in
            let user = try RequestParsing.pathID(request, "user_id")
            guard let id = Int64(try request.parameters.require("redaction_id")), id > 0 else {
                throw HTTPError.badRequest("redaction_id must be a positive integer", code: "invalid_parameter")
            }
            guard try services.loadProfile(user) != nil else { throw RuntimeError.noProfile(user) }
            let result = try services.store.undoRedaction(userID: user, redactionID: id)
            services.adopt(result.snapshot)
            return .api(RedactionView(redactionID: id, events: result.events,
                                      profile: ProfileView(userID: user, version: result.snapshot.version, profile: result.snapshot.profile)))
        }

        router.post("/profiles/{user_id}/reset") { request in
            let user = try RequestParsing.pathID(request, "user_id")
            let body = request.body.isEmpty ? ResetRequest(clearOverrides: false)
                : try RequestParsing.body(request, as: ResetRequest.self, allowed: ["clear_overrides"])
            guard try services.loadProfile(user) != nil else { throw RuntimeError.noProfile(user) }
            try services.journal.flush()
            let snapshot = try services.store.resetProfile(userID: user, clearOverrides: body.clearOverrides)
            if body.clearOverrides { services.runtime.profiles.setOverrides(user, .none) }
            services.adopt(snapshot)
            return .api(ProfileView(userID: user, version: snapshot.version, profile: snapshot.profile))
        }
    }
}

extension DaemonServices {
    /// Puts a rebuilt profile in the book and refreshes the user's queues everywhere.
    func adopt(_ snapshot: ProfileSnapshot) {
        runtime.profiles.update(snapshot.userID, to: VersionedProfile(profile: snapshot.profile, version: snapshot.version))
        runtime.refreshEverywhere(userID: snapshot.userID)
    }
}
