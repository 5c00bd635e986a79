import AirwaveAPI
import AirwaveCore
import AirwaveHTTP
import AirwaveRuntime
import AirwaveStore
import AirwaveTestSupport
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import AirwaveDaemon

/// A real daemon for tests: a fresh PostgreSQL database, the demo stations, a manual clock and the HTTP
/// server on an ephemeral loopback port (or a given one, to restart a daemon where clients expect it).
public final class TestDaemon: @unchecked Sendable {
    public let services: DaemonServices
    public let server: HTTPServer
    public let clock: ManualClock
    public let store: Store
    public let connection: String
    public let logDir: String
    public let lines = LogCollector()

    /// The repository's `stations/` folder.
    public static let stationsDir = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("stations").path

    /// Monday 2026-11-23 14:00 UTC.
    public static let start = Date(timeIntervalSince1970: 1_795_442_400)

    public init(token: String? = nil, bodyLimit: Int = 16 * 1024 * 1024, connection: String? = nil, clock: ManualClock? = nil,
         port: UInt16 = 0) throws {
        self.connection = try connection ?? TestPostgres.shared.freshDatabase()
        store = try Store(connectionString: self.connection, poolSize: 4)
        _ = try store.migrate()
        logDir = NSTemporaryDirectory() + "airwave-daemon-test-\(UInt32.random(in: 0...UInt32.max))"
        var config = DaemonConfig()
        config.stationsDir = TestDaemon.stationsDir
        config.logDir = logDir
        config.apiToken = token
        config.bodyLimit = bodyLimit
        self.clock = clock ?? ManualClock(start: TestDaemon.start)
        let collector = lines
        services = DaemonServices(config: config, store: store, clock: self.clock) { collector.append($0) }
        try services.startStations()
        let router = ControlAPI(services: services).makeRouter()
        server = HTTPServer(configuration: HTTPServer.Configuration(port: port, threadPoolSize: 2, maxBodySize: bodyLimit,
                                                                    heartbeatInterval: .milliseconds(200),
                                                                    logger: { collector.append($0) }),
                            handler: router.handle)
        try server.start()
    }

    deinit {
        server.stop()
        try? FileManager.default.removeItem(atPath: logDir)
    }

    public var baseURL: String { "http://127.0.0.1:\(server.port)" }

    /// Advances the manual clock by `seconds`, lets the scheduler act, and commits the journal.
    public func advance(by seconds: TimeInterval) throws {
        clock.advance(by: seconds)
        services.runtime.tick()
        try services.journal.flush()
    }

    /// Plays through the next `count` track changes of `user` on `station`, keeping them active.
    public func playThrough(station: String, user: String, count: Int) throws {
        let runtime = try services.runtime.station(station)
        for _ in 0..<count {
            guard let end = try runtime.queue(of: user).nowPlaying?.endsAt else { return }
            clock.set(end)
            try runtime.touch(userID: user, now: clock.now())
            services.runtime.tick()
        }
        try services.journal.flush()
    }

    // MARK: HTTP client

    public struct Reply {
        public let status: Int
        public let headers: [String: String]
        public let body: Data

        public var text: String { String(decoding: body, as: UTF8.self) }
        public func json<T: Decodable>(_ type: T.Type) throws -> T { try APIJSON.decoder().decode(T.self, from: body) }
        public var errorCode: String? { (try? APIJSON.decoder().decode(ErrorBody.self, from: body))?.error.code }
        public var errorMessage: String { (try? APIJSON.decoder().decode(ErrorBody.self, from: body))?.error.message ?? "" }
    }

    /// Sends one request and waits for the whole reply.
    public func request(_ method: String, _ path: String, body: Data? = nil, headers: [String: String] = [:]) throws -> Reply {
        var request = URLRequest(url: URL(string: baseURL + path)!)
        request.httpMethod = method
        request.httpBody = body
        request.timeoutInterval = 30
        if body != nil { request.setValue("application/json", forHTTPHeaderField: "Content-Type") }
        for (name, value) in headers { request.setValue(value, forHTTPHeaderField: name) }
        let box = ReplyBox()
        let done = DispatchSemaphore(value: 0)
        URLSession.shared.dataTask(with: request) { data, response, error in
            box.set(data: data, response: response as? HTTPURLResponse, error: error)
            done.signal()
        }.resume()
        done.wait()
        return try box.reply()
    }

    /// Sends a JSON object.
    public func send(_ method: String, _ path: String, json: Any, headers: [String: String] = [:]) throws -> Reply {
        try request(method, path, body: try JSONSerialization.data(withJSONObject: json), headers: headers)
    }

    /// Sends an Encodable value.
    public func send<T: Encodable>(_ method: String, _ path: String, value: T) throws -> Reply {
        try request(method, path, body: try APIJSON.encoder().encode(value))
    }

    /// Joins `user` to `station` (201 expected).
    @discardableResult
    public func join(_ station: String, _ user: String, preferences: [String: Any]? = nil) throws -> Reply {
        var body: [String: Any] = ["user_id": user]
        if let preferences { body["preferences"] = preferences }
        return try send("POST", "/stations/\(station)/listeners", json: body)
    }
}

/// Thread-safe holder for a URLSession completion.
public final class ReplyBox: @unchecked Sendable {
    /// An empty box, filled by a URLSession completion.
    public init() {}

    private let lock = NSLock()
    private var data: Data?
    private var response: HTTPURLResponse?
    private var error: (any Error)?

    public func set(data: Data?, response: HTTPURLResponse?, error: (any Error)?) {
        lock.lock(); defer { lock.unlock() }
        self.data = data
        self.response = response
        self.error = error
    }

    public func reply() throws -> TestDaemon.Reply {
        lock.lock(); defer { lock.unlock() }
        if let error { throw error }
        guard let response else { throw URLError(.badServerResponse) }
        var headers: [String: String] = [:]
        for (key, value) in response.allHeaderFields {
            if let key = key as? String, let value = value as? String { headers[key.lowercased()] = value }
        }
        return TestDaemon.Reply(status: response.statusCode, headers: headers, body: data ?? Data())
    }
}

/// Collects log lines from the daemon under test.
public final class LogCollector: @unchecked Sendable {
    private let lock = NSLock()
    private var lines: [String] = []
    public func append(_ line: String) { lock.lock(); lines.append(line); lock.unlock() }
    public var all: [String] { lock.lock(); defer { lock.unlock() }; return lines }
}
