import AirwaveDaemonTestSupport
import AirwaveAPI
import Foundation
import Testing
@testable import AirwaveDaemon

@Suite("Authentication and request limits")
struct AuthAndLimitsTests {
    static let token = "test-token-0123456789abcdef"

    @Test("with a token every route but /health and /metrics needs it")
    func bearerToken() throws {
        let daemon = try TestDaemon(token: Self.token)
        #expect(try daemon.request("GET", "/health").status == 200)
        #expect(try daemon.request("GET", "/metrics").status == 200)
        for (method, path) in [("GET", "/status"), ("GET", "/stations"), ("GET", "/stations/eclectic"),
                               ("POST", "/stations/eclectic/listeners"), ("GET", "/profiles/ana"), ("GET", "/nope")] {
            let missing = try daemon.request(method, path)
            #expect(missing.status == 401, "\(method) \(path)")
            #expect(missing.errorCode == "unauthorized")
            #expect(missing.headers["www-authenticate"]?.hasPrefix("Bearer") == true)
            #expect(try daemon.request(method, path, headers: ["Authorization": "Bearer wrong-token-0123456789abc"]).status == 401)
            #expect(try daemon.request(method, path, headers: ["Authorization": Self.token]).status == 401, "the Bearer scheme is required")
        }
        let ok = try daemon.request("GET", "/status", headers: ["Authorization": "Bearer \(Self.token)"])
        #expect(ok.status == 200)
        let joined = try daemon.send("POST", "/stations/eclectic/listeners", json: ["user_id": "ana"],
                                     headers: ["Authorization": "Bearer \(Self.token)"])
        #expect(joined.status == 201)
    }

    @Test("a body over the limit is refused with 413 and the daemon keeps serving")
    func bodyLimit() throws {
        let daemon = try TestDaemon(bodyLimit: 4096)
        let big = Data(("{\"user_id\":\"ana\",\"pad\":\"" + String(repeating: "x", count: 8000) + "\"}").utf8)
        let reply = try daemon.request("POST", "/stations/eclectic/listeners", body: big)
        #expect(reply.status == 413)
        #expect(try daemon.request("GET", "/health").status == 200)
    }

    @Test("the token comparison looks at every byte")
    func constantTime() {
        #expect(ConstantTime.equal(Array("abc".utf8), Array("abc".utf8)))
        #expect(!ConstantTime.equal(Array("abc".utf8), Array("abd".utf8)))
        #expect(!ConstantTime.equal(Array("abc".utf8), Array("abcd".utf8)))
        #expect(!ConstantTime.equal([], Array(repeating: 0, count: 256)), "lengths differing by 256 are still unequal")
    }

    @Test("configuration: files, environment and validation name the key")
    func configuration() throws {
        var config = DaemonConfig()
        try config.apply(configText: "# comment\nlisten = 127.0.0.1:9000\nclock_speed = 60\n\nstate_dir = \"/tmp/x\"\n", file: "a.conf")
        #expect(config.listenPort == 9000 && config.clockSpeed == 60 && config.stateDir == "/tmp/x")
        try config.apply(environment: ["AIRWAVE_IDLE_TIMEOUT": "60", "AIRWAVE_LISTEN": "[::1]:8751", "HOME": "/root"])
        #expect(config.idleTimeout == 60 && config.listenHost == "::1" && config.listenPort == 8751)
        #expect(throws: ConfigError(key: "colour", "unknown option (known: \(DaemonConfig.optionNames.joined(separator: ", ")))", location: "b.conf:2")) {
            try config.apply(configText: "\ncolour = blue", file: "b.conf")
        }
        #expect(throws: ConfigError.self) { try config.apply(configText: "clock_speed = fast", file: "c.conf") }
        var open = DaemonConfig()
        open.listenHost = "0.0.0.0"
        #expect(throws: ConfigError.self) { try open.validate() }
        open.apiToken = "a-long-enough-token-123"
        try open.validate()

        var threads = DaemonConfig()
        #expect(threads.schedulerThreads == 1)
        try threads.apply(environment: ["AIRWAVE_SCHEDULER_THREADS": "2"])
        #expect(threads.schedulerThreads == 2)
        try threads.validate()
        try threads.apply(configText: "scheduler_threads = 0", file: "d.conf")
        #expect(throws: ConfigError(key: "scheduler_threads", "must be between 1 and 16")) { try threads.validate() }

        var writers = DaemonConfig()
        #expect(writers.groupCommitWriters == 2)
        try writers.apply(environment: ["AIRWAVE_GROUP_COMMIT_WRITERS": "3"])
        #expect(writers.groupCommitWriters == 3)
        try writers.validate()
        try writers.apply(configText: "group_commit_writers = 9", file: "e.conf")
        #expect(throws: ConfigError(key: "group_commit_writers", "must be between 1 and 8")) { try writers.validate() }
    }
}
