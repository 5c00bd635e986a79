import AirwaveHTTP
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Synchronization
import Testing

/// Live tests: a real server on an ephemeral loopback port.
@Suite struct ServerTests {
    struct Echo: Codable, Equatable {
        var name: String
        var weights: [String: Double]
        var tags: [String]
    }

    /// A router exposing what the server decoded, for the routing and decoding tests.
    static func echoRouter() -> Router {
        var router = Router(errorLogger: { _ in })
        router.get("/artists/{name}/tracks") { request in
            .json(["name": try request.parameters.require("name"), "route": request.route ?? ""])
        }
        router.get("/query") { request in
            .json(["q": request.queryValues("q"), "tag": request.queryValues("tag")])
        }
        router.get("/headers") { request in
            .json(["x": request.headers["x-custom"] ?? "", "remote": request.remoteAddress ?? ""])
        }
        router.post("/echo") { request in .json(try request.decode(Echo.self), status: .created) }
        router.post("/size") { request in .text(String(request.body.count)) }
        router.get("/boom") { _ in throw CancellationError() }
        router.get("/health") { _ in .json(["status": "ok"]) }
        router.get("/cookie") { _ in
            HTTPResponse.text("ok").adding("Set-Cookie", "a=1; HttpOnly").adding("Set-Cookie", "b=2; SameSite=Strict")
        }
        return router
    }

    @Test func percentEncodedSegmentsStayOneSegment() async throws {
        let server = try startServer(handler: Self.echoRouter().handle)
        defer { server.stop() }
        let slash = try await fetch(server, "/artists/AC%2FDC/tracks")
        #expect(slash.status == 200)
        #expect(slash.body == #"{"name":"AC/DC","route":"/artists/{name}/tracks"}"#)
        let unicode = try await fetch(server, "/artists/Bj%C3%B6rk%20%E2%9C%93/tracks")
        #expect(unicode.body.contains(#""name":"Björk ✓""#))
    }

    @Test(arguments: ["/artists/%zz/tracks", "/artists/%FF/tracks", "/artists/AC%2/tracks", "/artists/a%00b/tracks"])
    func invalidEncodingIs400(_ target: String) throws {
        let server = try startServer(handler: Self.echoRouter().handle)
        defer { server.stop() }
        let client = try RawClient(port: server.port)
        client.send("GET \(target) HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
        let response = client.receiveAll().text
        #expect(statusCode(of: response) == 400)
        #expect(bodyOf(response).contains(#""code":"invalid_path""#))
    }

    @Test func rawNonUTF8PathIs400() throws {
        let server = try startServer(handler: Self.echoRouter().handle)
        defer { server.stop() }
        let client = try RawClient(port: server.port)
        client.send(Array("GET /artists/".utf8) + [0xC3, 0x28] + Array("/tracks HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".utf8))
        #expect(statusCode(of: client.receiveAll().text) == 400)
    }

    @Test func queryParametersAreDecoded() async throws {
        let server = try startServer(handler: Self.echoRouter().handle)
        defer { server.stop() }
        let result = try await fetch(server, "/query?q=a+b%2Bc&tag=x&tag=caf%C3%A9&q=%26%3D")
        #expect(result.body == #"{"q":["a b+c","&="],"tag":["x","café"]}"#)
        let client = try RawClient(port: server.port)
        client.send("GET /query?q=%zz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
        let bad = client.receiveAll().text
        #expect(statusCode(of: bad) == 400)
        #expect(bodyOf(bad).contains("invalid_query"))
    }

    @Test func headersAndRemoteAddress() async throws {
        let server = try startServer(handler: Self.echoRouter().handle)
        defer { server.stop() }
        let result = try await fetch(server, "/headers", headers: ["X-Custom": "hello"])
        #expect(result.body == #"{"remote":"127.0.0.1","x":"hello"}"#)
    }

    @Test func repeatedResponseHeadersAreSent() throws {
        let server = try startServer(handler: Self.echoRouter().handle)
        defer { server.stop() }
        let client = try RawClient(port: server.port)
        client.send("GET /cookie HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
        let response = client.receiveAll().text
        #expect(response.contains("Set-Cookie: a=1; HttpOnly\r\n"))
        #expect(response.contains("Set-Cookie: b=2; SameSite=Strict\r\n"))
    }

    @Test func notFoundAndMethodNotAllowed() async throws {
        let server = try startServer(handler: Self.echoRouter().handle)
        defer { server.stop() }
        let missing = try await fetch(server, "/nope")
        #expect(missing.status == 404)
        #expect(missing.body.contains(#""code":"not_found""#))
        let wrong = try await fetch(server, "/echo", method: "DELETE")
        #expect(wrong.status == 405)
        #expect(wrong.headers["Allow"] as? String == "POST")
    }

    @Test func jsonBodyRoundTrip() async throws {
        let server = try startServer(handler: Self.echoRouter().handle)
        defer { server.stop() }
        let sent = Echo(name: "Zoë", weights: ["jazz": 0.75, "metal": 0.1], tags: ["a", "b/c"])
        let result = try await fetch(server, "/echo", method: "POST", body: try JSONEncoder().encode(sent),
                                     headers: ["Content-Type": "application/json"])
        #expect(result.status == 201)
        #expect(try JSONDecoder().decode(Echo.self, from: Data(result.body.utf8)) == sent)
        let bad = try await fetch(server, "/echo", method: "POST", body: Data(#"{"name":"x","weights":{},"tags":[1]}"#.utf8))
        #expect(bad.status == 400)
        #expect(bad.body.contains("tags.[0]"))
    }

    @Test func bodyExactlyAtTheLimitIsAccepted() async throws {
        let server = try startServer({ $0.maxBodySize = 1024 }, handler: Self.echoRouter().handle)
        defer { server.stop() }
        let result = try await fetch(server, "/size", method: "POST", body: Data(repeating: 65, count: 1024))
        #expect(result.status == 200)
        #expect(result.body == "1024")
    }

    @Test func declaredOversizedBodyGets413WithoutSendingIt() throws {
        let server = try startServer({ $0.maxBodySize = 1024 }, handler: Self.echoRouter().handle)
        defer { server.stop() }
        let client = try RawClient(port: server.port)
        // Only the head is sent: the answer must come before any body byte.
        client.send("POST /size HTTP/1.1\r\nHost: x\r\nContent-Length: 1025\r\n\r\n")
        guard let response = client.receive(until: "}}") else {
            Issue.record("no 413 before the body was sent")
            return
        }
        #expect(statusCode(of: response) == 413)
        #expect(bodyOf(response).contains(#""code":"payload_too_large""#))
        #expect(response.contains("Content-Type: application/json"))
    }

    @Test func hugeDeclaredLengthGets413() throws {
        let server = try startServer(handler: Self.echoRouter().handle)
        defer { server.stop() }
        let client = try RawClient(port: server.port)
        client.send("POST /size HTTP/1.1\r\nHost: x\r\nContent-Length: 99999999999999999999999\r\n\r\n")
        let response = client.receiveAll().text
        // MHD itself may refuse a length it cannot represent; either way it is a 4xx, never a crash.
        #expect((400...499).contains(statusCode(of: response) ?? 0))
    }

    @Test func chunkedOversizedBodyGets413() throws {
        let server = try startServer({ $0.maxBodySize = 1024 }, handler: Self.echoRouter().handle)
        defer { server.stop() }
        let client = try RawClient(port: server.port)
        client.send("POST /size HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n")
        let chunk = String(repeating: "a", count: 600)
        for _ in 0..<3 { client.send("258\r\n\(chunk)\r\n") }
        client.send("0\r\n\r\n")
        let response = client.receiveAll().text
        #expect(statusCode(of: response) == 413)
        // And the server keeps serving.
        let next = try RawClient(port: server.port)
        next.send("GET /health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
        #expect(statusCode(of: next.receiveAll().text) == 200)
    }

    @Test func handlerErrorIs500AndServerKeepsServing() async throws {
        let logs = LogSink()
        let server = try startServer(logs: logs) { request in
            if request.rawPath == "/boom" { throw ClientError("secret detail") }
            return .text("fine")
        }
        defer { server.stop() }
        let boom = try await fetch(server, "/boom")
        #expect(boom.status == 500)
        #expect(boom.body == #"{"error":{"code":"internal_error","message":"internal server error"}}"#)
        #expect(!boom.body.contains("secret"))
        #expect(logs.all.contains { $0.contains("secret detail") })
        let next = try await fetch(server, "/fine")
        #expect(next.status == 200)
        #expect(next.body == "fine")
    }

    @Test func twoHundredParallelRequests() async throws {
        let server = try startServer({ $0.threadPoolSize = 2 }, handler: Self.echoRouter().handle)
        defer { server.stop() }
        let session = makeSession()
        let statuses = try await withThrowingTaskGroup(of: (Int, String).self) { group in
            for i in 0..<200 {
                group.addTask {
                    let result = try await fetch(server, "/artists/a\(i)/tracks", session: session)
                    return (result.status, result.body)
                }
            }
            var all: [(Int, String)] = []
            for try await result in group { all.append(result) }
            return all
        }
        #expect(statuses.count == 200)
        #expect(statuses.allSatisfy { $0.0 == 200 })
        #expect(Set(statuses.map(\.1)).count == 200)
    }

    @Test func malformedRequestsDoNotKillTheServer() throws {
        // A short timeout so requests MHD waits on (an unterminated head) end quickly.
        let server = try startServer({ $0.connectionTimeout = .seconds(1) }, handler: Self.echoRouter().handle)
        defer { server.stop() }
        let garbage = [
            "GARBAGE\r\n\r\n",
            "GET\r\n\r\n",
            "GET /health HTTP/9.9\r\n\r\n",
            "GET /health HTTP/1.1\r\nNo-Colon-Header\r\n\r\n",
            "\u{0}\u{1}\u{2}\r\n\r\n",
            "GET /" + String(repeating: "a", count: 100_000) + " HTTP/1.1\r\nHost: x\r\n\r\n",
            "GET /health HTTP/1.1\r\nHost: x\r\nX-Big: " + String(repeating: "b", count: 100_000) + "\r\n\r\n",
            "POST /size HTTP/1.1\r\nHost: x\r\nContent-Length: -5\r\n\r\n",
            "POST /size HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n",
        ]
        for request in garbage {
            let client = try RawClient(port: server.port)
            client.send(request)
            let response = client.receiveAll()
            if let status = statusCode(of: response.text) { #expect(status >= 400, "\(request.prefix(40))") }
        }
        let client = try RawClient(port: server.port)
        client.send("GET /health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
        let response = client.receiveAll().text
        #expect(statusCode(of: response) == 200)
        #expect(bodyOf(response) == #"{"status":"ok"}"#)
    }

    @Test func idleConnectionsTimeOut() throws {
        let server = try startServer({ $0.connectionTimeout = .seconds(1) }, handler: Self.echoRouter().handle)
        defer { server.stop() }
        let client = try RawClient(port: server.port, receiveTimeout: 10)
        // A slow client that sends half a request head and then nothing: the server must hang up.
        client.send("GET /health HTTP/1.1\r\nHo")
        let started = Date()
        let result = client.receiveAll()
        #expect(result.closed)
        #expect(Date().timeIntervalSince(started) < 8)
    }

    @Test func stopLetsAnInFlightRequestFinish() throws {
        let entered = Flag()
        let server = try startServer { _ in
            entered.set()
            usleep(300_000)
            return .text("finished")
        }
        let client = try RawClient(port: server.port, receiveTimeout: 10)
        client.send("GET /slow HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
        #expect(eventually { entered.isSet })
        server.stop()
        let response = client.receiveAll().text
        #expect(statusCode(of: response) == 200)
        #expect(bodyOf(response) == "finished")
    }

    @Test func stopClosesTheListenerAndIsIdempotent() throws {
        let server = try startServer(handler: Self.echoRouter().handle)
        let port = server.port
        #expect(port != 0)
        #expect(server.isRunning)
        server.stop()
        server.stop()
        #expect(!server.isRunning)
        #expect(throws: (any Error).self) { try RawClient(port: port) }
        #expect(throws: HTTPServerError.self) { try server.start() }
    }

    @Test func bindFailureIsReportedAndLogged() throws {
        let first = try startServer(handler: HTTPServer.bareHandler)
        defer { first.stop() }
        let logs = LogSink()
        let second = HTTPServer(configuration: .init(port: first.port, threadPoolSize: 1, logger: logs.logger),
                                handler: HTTPServer.bareHandler)
        #expect(throws: HTTPServerError.self) { try second.start() }
        #expect(!logs.all.isEmpty, "libmicrohttpd's bind error reaches the external logger")
    }

    @Test func invalidConfigurationNamesTheField() {
        let server = HTTPServer(configuration: .init(threadPoolSize: 0), handler: HTTPServer.bareHandler)
        #expect(throws: HTTPServerError(code: "invalid_configuration", message: "threadPoolSize must be at least 1")) {
            try server.start()
        }
        let badHost = HTTPServer(configuration: .init(host: "example.com"), handler: HTTPServer.bareHandler)
        #expect(throws: HTTPServerError.self) { try badHost.start() }
    }

    @Test func ipv6Loopback() throws {
        let server: HTTPServer
        do {
            server = try startServer({ $0.host = "::1" }, handler: HTTPServer.bareHandler)
        } catch {
            return // no IPv6 on this machine: nothing to test
        }
        defer { server.stop() }
        #expect(server.port != 0)
    }

    @Test func headerInjectionAndBadStatusAreContained() throws {
        let logs = LogSink()
        let server = try startServer({ $0.threadPoolSize = 1 }, logs: logs) { request in
            if request.rawPath == "/status" { return HTTPResponse(status: 42, bytes: []) }
            return HTTPResponse.text("ok").adding("X-Evil", "a\r\nSet-Cookie: injected=1")
        }
        defer { server.stop() }
        let client = try RawClient(port: server.port)
        client.send("GET /inject HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
        let response = client.receiveAll().text
        #expect(statusCode(of: response) == 200)
        #expect(!response.contains("injected"))
        let other = try RawClient(port: server.port)
        other.send("GET /status HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
        #expect(statusCode(of: other.receiveAll().text) == 500)
        #expect(server.connectionCount >= 0)
    }

    @Test func bareHandlerAnswersStaticOK() async throws {
        let server = try startServer(handler: HTTPServer.bareHandler)
        defer { server.stop() }
        let result = try await fetch(server, "/health")
        #expect(result.status == 200)
        #expect(result.body == #"{"status":"ok"}"#)
    }
}
