import Foundation
import Glibc

/// A blocking TCP client for what URLSession cannot express: oversized or malformed requests, slow readers,
/// reading a chunked stream piece by piece. Every read has a timeout so a bug fails a test instead of hanging it.
final class RawClient {
    private(set) var fd: Int32

    init(port: UInt16, receiveTimeout: Double = 5) throws {
        fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw ClientError("socket failed") }
        var timeout = timeval(tv_sec: Int(receiveTimeout), tv_usec: Int((receiveTimeout - receiveTimeout.rounded(.down)) * 1_000_000))
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard result == 0 else {
            Glibc.close(fd)
            throw ClientError("connect failed")
        }
    }

    deinit { close() }

    func close() {
        if fd >= 0 { Glibc.close(fd); fd = -1 }
    }

    /// Sends everything, or returns false when the peer stopped accepting.
    @discardableResult
    func send(_ bytes: [UInt8]) -> Bool {
        var offset = 0
        while offset < bytes.count {
            let n = bytes[offset...].withUnsafeBytes { Glibc.send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            if n <= 0 { return false }
            offset += n
        }
        return true
    }

    @discardableResult
    func send(_ text: String) -> Bool { send(Array(text.utf8)) }

    /// One read: nil on timeout or error, [] on orderly close.
    func receiveSome(max: Int = 65536) -> [UInt8]? {
        var buffer = [UInt8](repeating: 0, count: max)
        let n = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, max, 0) }
        if n < 0 { return nil }
        return Array(buffer[0..<n])
    }

    /// Reads until the peer closes (or a read times out); returns what arrived and whether it closed.
    func receiveAll() -> (text: String, closed: Bool) {
        var data: [UInt8] = []
        while true {
            guard let chunk = receiveSome() else { return (String(decoding: data, as: UTF8.self), false) }
            if chunk.isEmpty { return (String(decoding: data, as: UTF8.self), true) }
            data += chunk
        }
    }

    /// Reads until the text received so far contains `marker`; nil when the connection ends or times out first.
    func receive(until marker: String) -> String? {
        var data: [UInt8] = []
        while true {
            let text = String(decoding: data, as: UTF8.self)
            if text.contains(marker) { return text }
            guard let chunk = receiveSome(), !chunk.isEmpty else { return nil }
            data += chunk
        }
    }
}

struct ClientError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// The status code of a raw HTTP response ("HTTP/1.1 413 …" → 413).
func statusCode(of response: String) -> Int? {
    let parts = response.split(separator: " ", maxSplits: 2)
    guard parts.count >= 2, parts[0].hasPrefix("HTTP/") else { return nil }
    return Int(parts[1])
}

/// The body of a raw HTTP response with Content-Length (everything after the blank line).
func bodyOf(_ response: String) -> String {
    guard let range = response.range(of: "\r\n\r\n") else { return "" }
    return String(response[range.upperBound...])
}
