import AirwaveAPI
import AirwaveHTTP
import Foundation

/// The control and status API: builds the router over the daemon's services.
public struct ControlAPI: Sendable {
    let services: DaemonServices

    /// Creates the API for `services`.
    public init(services: DaemonServices) { self.services = services }

    /// Every route, with auth before and metrics after.
    public func makeRouter() -> Router {
        var router = Router(errorLogger: services.log)
        if let token = services.config.apiToken {
            let expected = Array("Bearer \(token)".utf8)
            router.before { request in
                // /login checks the token itself (form field); the page may also use the login cookie.
                guard request.route != "/health", request.route != "/metrics", request.route != "/login" else { return nil }
                let given = Array((request.headers["Authorization"] ?? "").utf8)
                if ConstantTime.equal(given, expected) { return nil }
                if StatusPageAuth.cookieCovers(request) {
                    return StatusPageAuth.hasValidCookie(request, token: token) ? nil : StatusPageAuth.loginForm(failed: false)
                }
                return HTTPError(.unauthorized, code: "unauthorized",
                                 message: "a valid 'Authorization: Bearer <token>' header is required",
                                 headers: ["WWW-Authenticate": "Bearer realm=\"airwave\""]).response
            }
        }
        let metrics = services.metrics
        router.after { request, response, _ in
            metrics.request(route: request.route ?? "unmatched", method: request.method.rawValue, status: response.status.rawValue)
        }
        addStatusRoutes(&router)
        addStationRoutes(&router)
        addListenerRoutes(&router)
        addProfileRoutes(&router)
        addOverrideRoutes(&router)
        addProfileHygieneRoutes(&router)
        addDataRightsRoutes(&router)
        addWeightsRoutes(&router)
        addLogRoutes(&router)
        addAnalyticsRoutes(&router)
        addStatusPageRoutes(&router)
        return router
    }
}

/// Comparison whose time does not depend on where the inputs differ (token checks).
enum ConstantTime {
    /// Whether `a` equals `b`, looking at every byte of the longer one.
    static func equal(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        var difference: UInt8 = a.count == b.count ? 0 : 1
        for i in 0..<max(a.count, b.count) {
            let x = i < a.count ? a[i] : 0
            let y = i < b.count ? b[i] : 0
            difference |= x ^ y
        }
        return difference == 0
    }
}
