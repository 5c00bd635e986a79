@testable import AirwaveHTTP
import Synchronization
import Testing

@Suite struct RouterTests {
    private func request(_ method: HTTPMethod, _ target: String) throws -> HTTPRequest {
        try HTTPRequest(method: method, target: target)
    }

    private func body(_ response: HTTPResponse) -> String { String(decoding: response.bodyBytes, as: UTF8.self) }

    @Test func capturesNamedParameters() throws {
        var router = Router()
        router.get("/stations/{id}/listeners/{user_id}/queue") { request in
            .text("\(try request.parameters.require("id"))|\(try request.parameters.require("user_id"))|\(request.route ?? "-")")
        }
        let response = router.handle(try request(.get, "/stations/jazz/listeners/AC%2FDC%20fan/queue"))
        #expect(response.status == .ok)
        #expect(body(response) == "jazz|AC/DC fan|/stations/{id}/listeners/{user_id}/queue")
    }

    @Test func typedParametersFailWithFieldName() throws {
        var router = Router()
        router.get("/items/{n}") { request in .text(String(try request.parameters.require("n", as: Int.self) * 2)) }
        #expect(body(router.handle(try request(.get, "/items/21"))) == "42")
        let bad = router.handle(try request(.get, "/items/x"))
        #expect(bad.status == .badRequest)
        #expect(body(bad).contains("'n'"))
    }

    @Test func unknownPathIs404JSON() throws {
        var router = Router()
        router.get("/a") { _ in .text("a") }
        let response = router.handle(try request(.get, "/b"))
        #expect(response.status == .notFound)
        #expect(response.headers["Content-Type"] == "application/json")
        #expect(body(response).contains(#""code":"not_found""#))
        #expect(router.handle(try request(.get, "/a/")).status == .notFound)
    }

    @Test func otherMethodIs405WithAllow() throws {
        var router = Router()
        router.get("/stations/{id}") { _ in .text("get") }
        router.delete("/stations/{id}") { _ in .text("delete") }
        let response = router.handle(try request(.post, "/stations/x"))
        #expect(response.status == .methodNotAllowed)
        #expect(response.headers["Allow"] == "DELETE, GET, HEAD")
        #expect(body(response).contains(#""code":"method_not_allowed""#))
    }

    @Test func headUsesTheGetRoute() throws {
        var router = Router()
        router.get("/health") { _ in .text("ok") }
        #expect(router.handle(try request(.head, "/health")).status == .ok)
    }

    @Test func literalSegmentsWinOverCaptures() throws {
        var router = Router()
        router.get("/stations/{id}") { _ in .text("capture") }
        router.get("/stations/new") { _ in .text("literal") }
        #expect(body(router.handle(try request(.get, "/stations/new"))) == "literal")
        #expect(body(router.handle(try request(.get, "/stations/old"))) == "capture")
    }

    @Test func rejectsBadPatternsAndDuplicates() {
        var router = Router()
        #expect(throws: HTTPServerError.self) { try router.add(.get, "no-slash") { _ in .text("") } }
        #expect(throws: HTTPServerError.self) { try router.add(.get, "/a/{}") { _ in .text("") } }
        #expect(throws: HTTPServerError.self) { try router.add(.get, "/a/{x}/{x}") { _ in .text("") } }
        #expect(throws: Never.self) { try router.add(.get, "/a/{x}") { _ in .text("") } }
        #expect(throws: HTTPServerError.self) { try router.add(.get, "/a/{y}") { _ in .text("") } }
    }

    @Test func beforeHookShortCircuitsAndSeesRoute() throws {
        var router = Router()
        let reached = Flag()
        router.get("/secret/{id}") { _ in reached.set(); return .text("secret") }
        router.get("/health") { _ in .text("ok") }
        router.before { request in
            if request.route == "/health" { return nil }
            return request.headers["Authorization"] == "Bearer t" ? nil
                : HTTPResponse.error(.unauthorized, code: "unauthorized", message: "token required")
                    .adding("WWW-Authenticate", "Bearer")
        }
        let denied = router.handle(try request(.get, "/secret/1"))
        #expect(denied.status == .unauthorized)
        #expect(denied.headers["WWW-Authenticate"] == "Bearer")
        #expect(!reached.isSet)
        #expect(router.handle(try request(.get, "/health")).status == .ok)
        let allowed = router.handle(try HTTPRequest(method: .get, target: "/secret/1", headers: ["authorization": "Bearer t"]))
        #expect(allowed.status == .ok)
        #expect(reached.isSet)
    }

    @Test func afterHookSeesRouteStatusAndDuration() throws {
        let seen = Mutex<[String]>([])
        var router = Router()
        router.get("/stations/{id}") { _ in .text("x") }
        router.after { request, response, duration in
            seen.withLock { $0.append("\(request.route ?? "nil") \(response.status) \(duration >= .zero)") }
        }
        _ = router.handle(try request(.get, "/stations/a"))
        _ = router.handle(try request(.get, "/nope"))
        _ = router.handle(try request(.put, "/stations/a"))
        #expect(seen.withLock { $0 } == ["/stations/{id} 200 true", "nil 404 true", "/stations/{id} 405 true"])
    }

    struct Leaky: Error { let secret = "user-secret-data" }
    struct Conflict: HTTPErrorConvertible {
        var httpError: HTTPError { HTTPError(.conflict, code: "station_exists", message: "station 'x' exists") }
    }

    @Test func handlerErrorsBecomeResponses() throws {
        let logs = LogSink()
        var router = Router(errorLogger: logs.logger)
        router.get("/leak") { _ in throw Leaky() }
        router.get("/conflict") { _ in throw Conflict() }
        router.get("/retry") { _ in throw HTTPError(.serviceUnavailable, code: "degraded", message: "database down", headers: ["Retry-After": "5"]) }
        let leak = router.handle(try request(.get, "/leak"))
        #expect(leak.status == .internalServerError)
        #expect(!body(leak).contains("user-secret-data"))
        #expect(logs.all.contains { $0.contains("Leaky") })
        #expect(router.handle(try request(.get, "/conflict")).status == .conflict)
        let retry = router.handle(try request(.get, "/retry"))
        #expect(retry.status == .serviceUnavailable)
        #expect(retry.headers["Retry-After"] == "5")
    }
}
