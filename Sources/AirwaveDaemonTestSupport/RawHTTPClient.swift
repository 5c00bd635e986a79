import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A bare TCP client for what URLSession cannot express: reading a streaming response as it arrives,
/// sending a malformed or oversized request.
public final class RawHTTPClient {
    private let fd: Int32
    public private(set) var received = Data()

    /// Connects to 127.0.0.1:`port`.
    public init(port: UInt16) throws {
        fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw POSIXError(.EIO) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard result == 0 else { close(fd); throw POSIXError(.ECONNREFUSED) }
    }

    deinit { close(fd) }

    /// Sends raw bytes.
    public func send(_ text: String) {
        let bytes = Array(text.utf8)
        var offset = 0
        while offset < bytes.count {
            let n = bytes[offset...].withUnsafeBytes { Glibc.send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            if n <= 0 { return }
            offset += n
        }
    }

    /// Reads until `done` holds for what arrived so far, the peer closes, or `timeout` passes.
    /// Returns whether `done` held.
    @discardableResult
    public func read(timeout: TimeInterval, until done: (String) -> Bool) -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        var buffer = [UInt8](repeating: 0, count: 65536)
        while !done(text) {
            let remaining = deadline.timeIntervalSinceNow
            if remaining <= 0 { return false }
            var pfd = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            let ready = poll(&pfd, 1, Int32(min(remaining, 1) * 1000))
            if ready < 0 { return false }
            if ready == 0 { continue }
            let n = recv(fd, &buffer, buffer.count, 0)
            if n <= 0 { return done(text) }
            received.append(contentsOf: buffer[0..<n])
        }
        return true
    }

    /// Whether the peer closed the connection within `timeout`.
    public func closed(within timeout: TimeInterval) -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        var buffer = [UInt8](repeating: 0, count: 65536)
        while deadline.timeIntervalSinceNow > 0 {
            var pfd = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            if poll(&pfd, 1, 200) > 0 {
                let n = recv(fd, &buffer, buffer.count, 0)
                if n <= 0 { return true }
                received.append(contentsOf: buffer[0..<n])
            }
        }
        return false
    }

    /// Everything received so far, as text.
    public var text: String { String(decoding: received, as: UTF8.self) }
}
