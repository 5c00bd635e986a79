import AirwaveHTTP
import Foundation
import Synchronization
import Testing

/// Live streaming tests over raw sockets, so each chunk can be observed as it arrives.
@Suite struct StreamingTests {
    /// Hands the test each stream the server opened.
    final class StreamBox: Sendable {
        private let streams = Mutex<[HTTPStream]>([])
        func add(_ stream: HTTPStream) { streams.withLock { $0.append(stream) } }
        var first: HTTPStream? { streams.withLock { $0.first } }
        /// Waits (bounded) for the first stream to be opened.
        func waitForFirst() -> HTTPStream? {
            _ = eventually { first != nil }
            return first
        }
    }

    static func streamingServer(
        _ box: StreamBox, closed: Flag = Flag(), bufferLimit: Int = 1 << 20, heartbeat: [UInt8]? = nil,
        _ configure: (inout HTTPServer.Configuration) -> Void = { _ in }
    ) throws -> HTTPServer {
        var router = Router(errorLogger: { _ in })
        router.get("/follow") { _ in
            let stream = HTTPStream(bufferLimit: bufferLimit, heartbeat: heartbeat)
            stream.onClose { closed.set() }
            box.add(stream)
            return .jsonLines(stream)
        }
        router.get("/events") { _ in
            let stream = HTTPStream(bufferLimit: bufferLimit, heartbeat: heartbeat)
            stream.onClose { closed.set() }
            box.add(stream)
            return .eventStream(stream)
        }
        router.get("/health") { _ in .text("ok") }
        return try startServer(configure, handler: router.handle)
    }

    @Test func clientReceivesChunksWrittenAfterConnectingInOrder() throws {
        let box = StreamBox()
        let closed = Flag()
        let server = try Self.streamingServer(box, closed: closed)
        defer { server.stop() }
        let client = try RawClient(port: server.port)
        client.send("GET /follow HTTP/1.1\r\nHost: x\r\n\r\n")
        guard let stream = box.waitForFirst() else {
            Issue.record("no stream opened")
            return
        }
        // Nothing is buffered yet, so the connection is suspended until the first send.
        #expect(stream.send(#"{"seq":1}"# + "\n"))
        let head = client.receive(until: #"{"seq":1}"#)
        #expect(head?.contains("Transfer-Encoding: chunked") == true)
        #expect(head?.contains("Content-Type: application/x-ndjson") == true)
        var received = ""
        for seq in 2...20 {
            #expect(stream.send(#"{"seq":\#(seq)}"# + "\n"))
            guard let text = client.receive(until: #"{"seq":\#(seq)}"#) else {
                Issue.record("chunk \(seq) never arrived")
                return
            }
            received += text
        }
        stream.close()
        let tail = client.receive(until: "0\r\n\r\n")
        #expect(tail != nil, "the chunked body ends after close()")
        let sequence = received.matches(of: /"seq":(\d+)/).compactMap { Int($0.1) }
        #expect(sequence == Array(2...20))
        #expect(eventually { closed.isSet })
        #expect(!stream.send("late\n"))
    }

    @Test func aSuspendedStreamOutlivesTheIdleTimeout() throws {
        let box = StreamBox()
        let server = try Self.streamingServer(box) { $0.connectionTimeout = .seconds(1) }
        defer { server.stop() }
        let client = try RawClient(port: server.port)
        client.send("GET /follow HTTP/1.1\r\nHost: x\r\n\r\n")
        guard let stream = box.waitForFirst() else {
            Issue.record("no stream opened")
            return
        }
        stream.send("before\n")
        #expect(client.receive(until: "before\n") != nil)
        // A follower waiting for the next log line is not an idle client: it must not be timed out.
        usleep(2_500_000)
        #expect(stream.send("after\n"))
        #expect(client.receive(until: "after\n") != nil)
    }

    @Test func serverSentEventsPassThroughUnchanged() throws {
        let box = StreamBox()
        let server = try Self.streamingServer(box)
        defer { server.stop() }
        let client = try RawClient(port: server.port)
        client.send("GET /events HTTP/1.1\r\nHost: x\r\nAccept: text/event-stream\r\n\r\n")
        guard let stream = box.waitForFirst() else {
            Issue.record("no stream opened")
            return
        }
        let event = "id: 41\nevent: play\ndata: {\"track_id\":\"t1\"}\n\n"
        stream.send(event)
        let text = client.receive(until: "\"t1\"}\n\n")
        #expect(text?.contains("Content-Type: text/event-stream") == true)
        #expect(text?.contains("Cache-Control: no-cache") == true)
        #expect(text?.contains(event) == true)
    }

    @Test func stopWithAnOpenStreamReturnsPromptlyAndEndsIt() throws {
        let box = StreamBox()
        let closed = Flag()
        let server = try Self.streamingServer(box, closed: closed)
        let client = try RawClient(port: server.port, receiveTimeout: 10)
        client.send("GET /follow HTTP/1.1\r\nHost: x\r\n\r\n")
        guard let stream = box.waitForFirst() else {
            server.stop()
            Issue.record("no stream opened")
            return
        }
        stream.send("first\n")
        #expect(client.receive(until: "first\n") != nil)
        // Now idle: the connection is suspended, which MHD_stop_daemon would abort on if it were left so.
        let started = Date()
        server.stop()
        #expect(Date().timeIntervalSince(started) < 5)
        let rest = client.receiveAll()
        #expect(rest.closed, "the client sees the stream end")
        #expect(closed.isSet)
        #expect(!stream.isOpen)
    }

    @Test func clientDisconnectTriggersOnClose() throws {
        let box = StreamBox()
        let closed = Flag()
        let server = try Self.streamingServer(box, closed: closed)
        defer { server.stop() }
        let client = try RawClient(port: server.port)
        client.send("GET /follow HTTP/1.1\r\nHost: x\r\n\r\n")
        guard let stream = box.waitForFirst() else {
            Issue.record("no stream opened")
            return
        }
        stream.send("hello\n")
        #expect(client.receive(until: "hello\n") != nil)
        client.close()
        // A dead client is only noticed on a write: keep writing (as heartbeats would) until it is.
        let noticed = eventually(within: 5) {
            stream.send("tick\n")
            return closed.isSet
        }
        #expect(noticed)
        #expect(eventually { server.openStreams == 0 })
    }

    @Test func heartbeatsKeepQuietStreamsAliveAndDetectDeadClients() throws {
        let box = StreamBox()
        let closed = Flag()
        let server = try Self.streamingServer(box, closed: closed, heartbeat: Array(":\n\n".utf8)) {
            $0.heartbeatInterval = .milliseconds(100)
        }
        defer { server.stop() }
        let client = try RawClient(port: server.port)
        client.send("GET /events HTTP/1.1\r\nHost: x\r\n\r\n")
        #expect(client.receive(until: ":\n\n") != nil, "a heartbeat arrives without the producer writing")
        client.close()
        #expect(eventually(within: 5) { closed.isSet }, "heartbeats reveal the dead client")
    }

    @Test func aClientThatStopsReadingIsDropped() throws {
        let box = StreamBox()
        let closed = Flag()
        let server = try Self.streamingServer(box, closed: closed, bufferLimit: 64 * 1024) {
            $0.connectionTimeout = .seconds(1)
        }
        defer { server.stop() }
        let client = try RawClient(port: server.port)
        client.send("GET /follow HTTP/1.1\r\nHost: x\r\n\r\n")
        guard let stream = box.waitForFirst() else {
            Issue.record("no stream opened")
            return
        }
        // The client never reads; writes fill the socket buffers, then the stream buffer, then the stream gives up.
        let line = Array(repeating: UInt8(ascii: "x"), count: 1023) + [UInt8(ascii: "\n")]
        var refused = false
        for _ in 0..<200_000 where !refused {
            if !stream.send(line) { refused = true }
        }
        #expect(refused, "memory does not grow without bound")
        #expect(!stream.isOpen)
        #expect(eventually(within: 10) { closed.isSet }, "the connection is dropped and onClose runs")
        // The server still serves others.
        let other = try RawClient(port: server.port)
        other.send("GET /health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
        #expect(statusCode(of: other.receiveAll().text) == 200)
    }
}

/// HTTPStream on its own, without a server.
@Suite struct HTTPStreamTests {
    @Test func sendFailsOnceClosedOrOverLimit() {
        let stream = HTTPStream(bufferLimit: 10)
        #expect(stream.send("12345"))
        #expect(stream.send("12345"))
        #expect(!stream.send("1"), "11 pending bytes exceed the limit")
        #expect(!stream.isOpen)
        let other = HTTPStream()
        other.close()
        #expect(!other.send("x"))
    }

    @Test func sendHeartbeatWithoutBytesReportsOpenness() {
        let stream = HTTPStream()
        #expect(stream.sendHeartbeat())
        stream.close()
        #expect(!stream.sendHeartbeat())
    }
}
