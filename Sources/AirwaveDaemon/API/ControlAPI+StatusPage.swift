import AirwaveHTTP
import Foundation

extension ControlAPI {
    /// `GET /`: the HTML status page; `POST /login`: the page's token form (DECISIONS 19).
    func addStatusPageRoutes(_ router: inout Router) {
        let services = self.services
        router.get("/") { _ in
            let model = StatusPageModel.collect(services, now: services.runtime.clock.now())
            return HTTPResponse(status: .ok,
                                headers: ["Content-Type": "text/html; charset=utf-8", "Cache-Control": "no-store",
                                          "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'; img-src data:; form-action 'self'",
                                          "X-Content-Type-Options": "nosniff", "Referrer-Policy": "no-referrer"],
                                bytes: Array(StatusPageRenderer.render(model).utf8))
        }

        router.post("/login") { request in
            // Without a configured token there is nothing to check: go straight to the page.
            guard let token = services.config.apiToken else { return Self.seeOther("/") }
            guard let given = StatusPageAuth.formToken(request.body),
                  ConstantTime.equal(Array(given.utf8), Array(token.utf8)) else {
                services.log("status page: refused a login with a wrong token")
                return StatusPageAuth.loginForm(failed: true)
            }
            return Self.seeOther("/").adding("Set-Cookie", StatusPageAuth.setCookie(token: token))
        }
    }

    /// 303 to `location`: after the form post the browser loads the page with GET.
    static func seeOther(_ location: String) -> HTTPResponse {
        HTTPResponse(status: 303, headers: ["Location": location, "Cache-Control": "no-store"])
    }
}
