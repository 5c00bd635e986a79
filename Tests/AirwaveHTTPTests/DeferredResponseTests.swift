import AirwaveHTTP
import Foundation
import Synchronization
import Testing

/// Deferred responses on the live server: the connection waits without holding a pool thread, the
/// response is made when `complete` is called, errors and after-hooks behave as for a plain handler, and a
/// server that stops answers what never completed.
@Suite struct DeferredResponseTests {
    /// Hands the test each deferred response the server's handler created.
    final class Pending: Sendable {
        private let items = Mutex<[DeferredResponse]>([])
        func add(_ deferred: DeferredResponse) { items.withLock { $0.append(deferred) } }
        var count: Int { items.withLock { $0.count } }
        func at(_ index: Int) -> DeferredResponse? { items.withLock { index < $0.count ? $0[index] : nil } }
    }

    /// The statuses the router's after-hook saw.
    final class Statuses: Sendable {
        private let seen = Mutex<[Int]>([])
        func add(_ status: Int) { seen.withLock { $0.append(status) } }
        var sorted: [Int] { seen.withLock { $0.sorted() } }
    }

    /// A router whose `/wait` defers (the test completes it), `/now` defers and completes at once,
    /// `/fail` defers and completes by throwing, and `/health` answers directly.
    static func router(_ pending: Pending, statuses: Statuses? = nil) -> Router {
        var router = Router(errorLogger: { _ in })
        router.get("/wait") { _ in
            let deferred = DeferredResponse()
            pending.add(deferred)
            return .deferred(deferred)
        }
        router.get("/now") { _ in
            let deferred = DeferredResponse()
            deferred.complete { .text("made at once") }
            return .deferred(deferred)
        }
        router.get("/fail") { _ in
            let deferred = DeferredResponse()
            deferred.complete { throw HTTPError.badRequest("the work failed", code: "work_failed") }
            return .deferred(deferred)
        }
        router.get("/later") { _ in
            // Completed from another thread a moment after the handler returns.
            let deferred = DeferredResponse()
            Thread {
                usleep(100_000)
                deferred.complete { .text("later") }
            }.start()
            return .deferred(deferred)
        }
        router.get("/health") { _ in .text("ok") }
        if let statuses {
            router.after { _, response, _ in statuses.add(response.status.rawValue) }
        }
        return router
    }

    @Test func aWaitingRequestHoldsNoThreadAndIsAnsweredWhenCompleted() throws {
        let pending = Pending()
        let statuses = Statuses()
        // One pool thread: with a blocking wait, the second connection could not be served at all.
        let server = try startServer({ $0.threadPoolSize = 1 }, handler: Self.router(pending, statuses: statuses).handle)
        defer { server.stop() }
        let waiting = try RawClient(port: server.port)
        #expect(waiting.send("GET /wait HTTP/1.1\r\nHost: x\r\n\r\n"))
        #expect(eventually { pending.count == 1 })

        let other = try RawClient(port: server.port)
        #expect(other.send("GET /health HTTP/1.1\r\nHost: x\r\n\r\n"))
        let answered = other.receive(until: "ok")
        #expect(answered.flatMap(statusCode(of:)) == 200, "another connection is served while one waits")

        let completer = Thread { pending.at(0)?.complete { .text("committed", status: .created) } }
        completer.start()
        let reply = waiting.receive(until: "committed")
        #expect(reply.flatMap(statusCode(of:)) == 201)
        #expect(reply.map(bodyOf) == "committed")
        // The after-hook saw the response actually sent, not the placeholder.
        #expect(eventually { statuses.sorted == [200, 201] })
    }

    @Test func aResponseCompletedBeforeTheHandlerReturnsIsSentWithoutWaiting() async throws {
        let server = try startServer(handler: Self.router(Pending()).handle)
        defer { server.stop() }
        let reply = try await fetch(server, "/now")
        #expect(reply.status == 200)
        #expect(reply.body == "made at once")
    }

    @Test func anErrorThrownWhileMakingTheResponseIsAnsweredLikeAHandlerError() async throws {
        let server = try startServer(handler: Self.router(Pending()).handle)
        defer { server.stop() }
        let reply = try await fetch(server, "/fail")
        #expect(reply.status == 400)
        #expect(reply.body.contains("work_failed"))
    }

    @Test func onlyTheFirstCompletionCounts() throws {
        let pending = Pending()
        let server = try startServer(handler: Self.router(pending).handle)
        defer { server.stop() }
        let client = try RawClient(port: server.port)
        #expect(client.send("GET /wait HTTP/1.1\r\nHost: x\r\n\r\n"))
        #expect(eventually { pending.count == 1 })
        pending.at(0)?.complete { .text("first") }
        pending.at(0)?.complete { .text("second") }
        #expect(client.receive(until: "first").map(bodyOf) == "first")
        // The connection stays usable for the next request (keep-alive).
        #expect(client.send("GET /health HTTP/1.1\r\nHost: x\r\n\r\n"))
        #expect(client.receive(until: "ok").flatMap(statusCode(of:)) == 200)
    }

    @Test func stoppingAnswersRequestsThatNeverCompleted() throws {
        let pending = Pending()
        let server = try startServer({ $0.shutdownGrace = .milliseconds(200) }, handler: Self.router(pending).handle)
        let client = try RawClient(port: server.port)
        #expect(client.send("GET /wait HTTP/1.1\r\nHost: x\r\n\r\n"))
        #expect(eventually { pending.count == 1 })
        server.stop()
        let (text, _) = client.receiveAll()
        #expect(statusCode(of: text) == 503)
        #expect(text.contains("stopping"))
        #expect(!server.isRunning)
        // A completion arriving after the stop is ignored (the connection is gone).
        pending.at(0)?.complete { .text("too late") }
    }

    @Test func aRequestArrivingWhileTheServerStopsGetsItsRealAnswer() throws {
        let pending = Pending()
        let server = try startServer({ $0.shutdownGrace = .seconds(5) }, handler: Self.router(pending).handle)
        // A kept-alive connection, opened before the stop.
        let keptAlive = try RawClient(port: server.port)
        #expect(keptAlive.send("GET /health HTTP/1.1\r\nHost: x\r\n\r\n"))
        #expect(keptAlive.receive(until: "ok") != nil)
        // A request in flight holds the stop in its grace period.
        let waiting = try RawClient(port: server.port)
        #expect(waiting.send("GET /wait HTTP/1.1\r\nHost: x\r\n\r\n"))
        #expect(eventually { pending.count == 1 })
        let stopped = Flag()
        Thread {
            server.stop()
            stopped.set()
        }.start()
        #expect(eventually { !server.isRunning })
        // Arrives after the stop began: answered with what its handler makes, not 503.
        #expect(keptAlive.send("GET /later HTTP/1.1\r\nHost: x\r\n\r\n"))
        let later = keptAlive.receive(until: "later")
        #expect(later.flatMap(statusCode(of:)) == 200)
        #expect(!stopped.isSet, "the stop still waits for the first request")
        pending.at(0)?.complete { .text("first done") }
        #expect(waiting.receive(until: "first done").flatMap(statusCode(of:)) == 200)
        #expect(eventually { stopped.isSet })
    }
}
