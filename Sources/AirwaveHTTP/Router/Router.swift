import Foundation

/// Dispatches requests by method and path pattern, with hooks before (auth) and after (metrics).
///
/// ```swift
/// var router = Router()
/// router.get("/stations/{id}") { request in
///     let id = try request.parameters.require("id")
///     return .json(["id": id])
/// }
/// router.before { request in request.headers["Authorization"] == nil ? .error(.unauthorized, code: "unauthorized", message: "token required") : nil }
/// let server = HTTPServer(handler: router.handle)
/// ```
/// Unknown paths get 404 JSON; a known path with another method gets 405 JSON with `Allow`. HEAD is answered
/// by the GET route (libmicrohttpd omits the body). Segments are compared after percent-decoding, so
/// `/artists/AC%2FDC` matches `/artists/{name}` with name "AC/DC".
public struct Router: Sendable {
    /// Runs before dispatch with `route`/`parameters` filled in (route nil when nothing matched); a non-nil
    /// response is sent instead of dispatching (still seen by `after` hooks).
    public typealias BeforeHook = @Sendable (HTTPRequest) -> HTTPResponse?
    /// Runs after every request with the request (route filled in), the response, and the handling time.
    public typealias AfterHook = @Sendable (HTTPRequest, HTTPResponse, Duration) -> Void

    private struct Route: Sendable {
        let method: HTTPMethod
        let pattern: RoutePattern
        let handler: HTTPHandler
    }

    private var routes: [Route] = []
    private var beforeHooks: [BeforeHook] = []
    private var afterHooks: [AfterHook] = []
    /// Where handler errors that are not `HTTPErrorConvertible` are logged (they are answered with a generic 500).
    public var errorLogger: HTTPServer.Logger

    /// Creates an empty router.
    public init(errorLogger: @escaping HTTPServer.Logger = HTTPServer.standardErrorLogger) {
        self.errorLogger = errorLogger
    }

    /// The patterns registered, in registration order, with their methods (for docs and tests).
    public var registeredRoutes: [(method: HTTPMethod, pattern: String)] {
        routes.map { ($0.method, $0.pattern.text) }
    }

    /// Adds a route; a malformed pattern is a programming error reported by `HTTPServerError`.
    public mutating func add(_ method: HTTPMethod, _ pattern: String, _ handler: @escaping HTTPHandler) throws {
        let parsed = try RoutePattern(pattern)
        guard !routes.contains(where: { $0.method == method && $0.pattern.shape == parsed.shape }) else {
            throw HTTPServerError(code: "invalid_route", message: "route \(method) \(pattern) is registered twice")
        }
        routes.append(Route(method: method, pattern: parsed, handler: handler))
    }

    /// Adds a route whose pattern is a literal the program controls; traps on a malformed one at start-up
    /// (never per request).
    public mutating func on(_ method: HTTPMethod, _ pattern: String, _ handler: @escaping HTTPHandler) {
        do { try add(method, pattern, handler) } catch { preconditionFailure("bad route \(method) \(pattern): \(error)") }
    }

    /// Adds a GET route.
    public mutating func get(_ pattern: String, _ handler: @escaping HTTPHandler) { on(.get, pattern, handler) }
    /// Adds a POST route.
    public mutating func post(_ pattern: String, _ handler: @escaping HTTPHandler) { on(.post, pattern, handler) }
    /// Adds a PUT route.
    public mutating func put(_ pattern: String, _ handler: @escaping HTTPHandler) { on(.put, pattern, handler) }
    /// Adds a PATCH route.
    public mutating func patch(_ pattern: String, _ handler: @escaping HTTPHandler) { on(.patch, pattern, handler) }
    /// Adds a DELETE route.
    public mutating func delete(_ pattern: String, _ handler: @escaping HTTPHandler) { on(.delete, pattern, handler) }

    /// Adds a hook run before dispatch (auth, rate limits); the first non-nil response wins.
    public mutating func before(_ hook: @escaping BeforeHook) { beforeHooks.append(hook) }
    /// Adds a hook run after every request (metrics, access logs).
    public mutating func after(_ hook: @escaping AfterHook) { afterHooks.append(hook) }

    /// Answers `request`; never throws (errors become responses). Pass it as the server's handler.
    @Sendable
    public func handle(_ request: HTTPRequest) -> HTTPResponse {
        let start = ContinuousClock.now
        var request = request
        let response = dispatch(&request)
        guard !afterHooks.isEmpty else { return response }
        if case .deferred(let deferred) = response.body {
            // The hooks see the response actually sent, when it is made.
            let (hooks, finalRequest) = (afterHooks, request)
            deferred.onResponse { made in
                let elapsed = ContinuousClock.now - start
                for hook in hooks { hook(finalRequest, made, elapsed) }
            }
            return response
        }
        let elapsed = ContinuousClock.now - start
        for hook in afterHooks { hook(request, response, elapsed) }
        return response
    }

    private func dispatch(_ request: inout HTTPRequest) -> HTTPResponse {
        let lookupMethod = request.method == .head ? HTTPMethod.get : request.method
        var best: (route: Route, parameters: PathParameters)?
        var allowed: [HTTPMethod] = []
        var bestAnyMethod: RoutePattern?
        for route in routes {
            guard let parameters = route.pattern.match(request.pathSegments) else { continue }
            if route.method == lookupMethod {
                if let current = best, !route.pattern.isMoreSpecific(than: current.route.pattern) { continue }
                best = (route, parameters)
            } else {
                allowed.append(route.method)
                if let current = bestAnyMethod, !route.pattern.isMoreSpecific(than: current) { continue }
                bestAnyMethod = route.pattern
            }
        }
        if let best {
            request.route = best.route.pattern.text
            request.parameters = best.parameters
        } else if let bestAnyMethod {
            request.route = bestAnyMethod.text
        }
        for hook in beforeHooks {
            if let response = hook(request) { return response }
        }
        if let best {
            return HTTPServer.run(best.route.handler, on: request, log: errorLogger)
        }
        if !allowed.isEmpty {
            var methods = Set(allowed.map(\.rawValue))
            if methods.contains("GET") { methods.insert("HEAD") }
            let allow = methods.sorted().joined(separator: ", ")
            return HTTPResponse.error(.methodNotAllowed, code: "method_not_allowed",
                                      message: "method \(Self.safeToken(request.method.rawValue)) is not allowed here")
                .adding("Allow", allow)
        }
        return HTTPResponse.error(.notFound, code: "not_found", message: "no such path")
    }

    /// Method tokens come from the client; keep only token characters before echoing one.
    private static func safeToken(_ text: String) -> String {
        String(text.unicodeScalars.filter { $0.isASCII && ($0.properties.isAlphabetic || $0 == "-" || $0 == "_") }
            .prefix(16).map(Character.init))
    }
}

extension HTTPServer {
    /// A handler for benchmarks: `GET /health` (or any path) answers a static `{"status":"ok"}` without routing,
    /// JSON encoding or allocation beyond the response copy, as a floor to compare the real routes against.
    public static let bareHandler: HTTPHandler = { _ in bareResponse }

    private static let bareResponse = HTTPResponse(status: .ok, headers: ["Content-Type": "application/json"],
                                                   bytes: Array(#"{"status":"ok"}"#.utf8))
}
