import AirwaveDaemonTestSupport
import AirwaveAPI
import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// The real `airwaved` binary as operators run it: embedded PostgreSQL, signals, restart.
@Suite("airwaved as a process", .serialized)
struct DaemonProcessTests {
    static let repoRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let binary = repoRoot.appendingPathComponent(".build/debug/airwaved").path

    /// A free loopback port (bound, read back, released).
    static func freePort() -> UInt16 {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { pointer in
                bind(fd, pointer, length)
                return getsockname(fd, pointer, &length)
            }
        }
        return UInt16(bigEndian: address.sin_port)
    }

    final class Running {
        let process = Process()
        let port: UInt16
        let output = Pipe()

        init(stateDir: String, port: UInt16, stations: String = DaemonProcessTests.repoRoot.appendingPathComponent("stations").path) throws {
            self.port = port
            process.executableURL = URL(fileURLWithPath: DaemonProcessTests.binary)
            process.arguments = ["--state-dir", stateDir, "--stations", stations,
                                 "--listen", "127.0.0.1:\(port)"]
            process.standardOutput = output
            process.standardError = output
            try process.run()
        }

        func get(_ path: String) -> (Int, String)? {
            guard let client = try? RawHTTPClient(port: port) else { return nil }
            client.send("GET \(path) HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
            _ = client.closed(within: 10)
            let text = client.text
            guard let status = Int(text.split(separator: " ").dropFirst().first ?? "") else { return nil }
            let body = text.range(of: "\r\n\r\n").map { String(text[$0.upperBound...]) } ?? ""
            return (status, body)
        }

        func post(_ path: String, _ json: String) -> Int? {
            guard let client = try? RawHTTPClient(port: port) else { return nil }
            client.send("POST \(path) HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Type: application/json\r\nContent-Length: \(json.utf8.count)\r\n\r\n\(json)")
            _ = client.closed(within: 10)
            return Int(client.text.split(separator: " ").dropFirst().first ?? "")
        }

        /// Waits until /health answers 200.
        func waitHealthy(timeout: TimeInterval = 90) -> Bool {
            let deadline = Date().addingTimeInterval(timeout)
            while Date() < deadline, process.isRunning {
                if get("/health")?.0 == 200 { return true }
                Thread.sleep(forTimeInterval: 0.2)
            }
            return false
        }

        /// Sends `signal` and waits for the exit; returns the exit status, or nil on timeout.
        func stop(signal: Int32 = SIGTERM, timeout: TimeInterval) -> Int32? {
            kill(process.processIdentifier, signal)
            let deadline = Date().addingTimeInterval(timeout)
            while process.isRunning, Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
            if process.isRunning { process.terminate(); return nil }
            return process.terminationStatus
        }

        var log: String { String(decoding: output.fileHandleForReading.availableData, as: UTF8.self) }
    }

    @Test("starts on its embedded PostgreSQL, exits 0 on SIGTERM with a stream open, and restores listeners on restart")
    func lifecycle() throws {
        try #require(FileManager.default.isExecutableFile(atPath: Self.binary), "build airwaved first (make test does)")
        let stateDir = NSTemporaryDirectory() + "airwave-process-\(UInt32.random(in: 0...UInt32.max))"
        defer { try? FileManager.default.removeItem(atPath: stateDir) }

        let first = try Running(stateDir: stateDir, port: Self.freePort())
        try #require(first.waitHealthy(), "airwaved did not become healthy")
        #expect(first.post("/stations/eclectic/listeners", #"{"user_id":"ana","preferences":{"genres":{"jazz":1.0}}}"#) == 201)
        let before = try #require(first.get("/stations/eclectic/listeners/ana/queue"))
        let queue = try APIJSON.decoder().decode(QueueView.self, from: Data(before.1.utf8))
        let playing = try #require(queue.nowPlaying)

        let stream = try RawHTTPClient(port: first.port)
        stream.send("GET /stations/eclectic/log?follow=true HTTP/1.1\r\nHost: x\r\n\r\n")
        #expect(stream.read(timeout: 5) { $0.contains("200 OK") })

        let started = Date()
        #expect(first.stop(timeout: 10) == 0, "SIGTERM exits 0")
        #expect(Date().timeIntervalSince(started) < 5, "within 5 seconds")
        #expect(stream.closed(within: 2), "the open log stream was ended")
        #expect(!FileManager.default.fileExists(atPath: stateDir + "/postgres/postmaster.pid"), "embedded PostgreSQL stopped")

        let second = try Running(stateDir: stateDir, port: Self.freePort())
        try #require(second.waitHealthy())
        let after = try #require(second.get("/stations/eclectic/listeners/ana/queue"))
        #expect(after.0 == 200)
        let restored = try APIJSON.decoder().decode(QueueView.self, from: Data(after.1.utf8))
        #expect(restored.nowPlaying?.track.track.trackID == playing.track.track.trackID, "the track still playing continues")
        #expect(restored.nowPlaying?.startedAt == playing.startedAt)
        #expect(second.stop(timeout: 10) == 0)
    }

    @Test("SIGHUP starts new station files and stops removed ones")
    func reload() throws {
        try #require(FileManager.default.isExecutableFile(atPath: Self.binary))
        let base = NSTemporaryDirectory() + "airwave-reload-\(UInt32.random(in: 0...UInt32.max))"
        let stations = base + "/stations"
        defer { try? FileManager.default.removeItem(atPath: base) }
        try FileManager.default.createDirectory(atPath: stations, withIntermediateDirectories: true)
        let source = Self.repoRoot.appendingPathComponent("stations").path
        for name in ["jazz-lounge.json", "jazz-lounge.csv", "eclectic.csv"] {
            try FileManager.default.copyItem(atPath: source + "/" + name, toPath: stations + "/" + name)
        }
        let daemon = try Running(stateDir: base + "/state", port: Self.freePort(), stations: stations)
        try #require(daemon.waitHealthy())
        #expect(daemon.get("/stations/eclectic")?.0 == 404)

        try FileManager.default.copyItem(atPath: source + "/eclectic.json", toPath: stations + "/eclectic.json")
        try FileManager.default.removeItem(atPath: stations + "/jazz-lounge.json")
        kill(daemon.process.processIdentifier, SIGHUP)
        var reloaded = false
        for _ in 0..<100 where !reloaded {
            Thread.sleep(forTimeInterval: 0.1)
            reloaded = daemon.get("/stations/eclectic")?.0 == 200 && daemon.get("/stations/jazz-lounge")?.0 == 404
        }
        #expect(reloaded, "eclectic started and jazz-lounge stopped after SIGHUP")
        #expect(daemon.stop(timeout: 10) == 0)
    }

    @Test("refuses a non-loopback address without a token")
    func refusesPublicWithoutToken() throws {
        try #require(FileManager.default.isExecutableFile(atPath: Self.binary))
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Self.binary)
        process.arguments = ["--state-dir", NSTemporaryDirectory() + "airwave-refuse", "--listen", "0.0.0.0:18999"]
        let output = Pipe()
        process.standardError = output
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 78)
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(text.contains("api_token"))
    }
}
