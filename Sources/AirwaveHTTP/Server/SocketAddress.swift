import Glibc

/// A bind address built from a host string, kept in storage that outlives the `MHD_start_daemon` call.
struct SocketAddress {
    /// The address bytes (sockaddr_in or sockaddr_in6).
    var storage = sockaddr_storage()
    /// Whether it is IPv6 (libmicrohttpd needs MHD_USE_IPv6 then).
    var isIPv6 = false

    /// Parses `host` ("127.0.0.1", "::1", "localhost", "*", "0.0.0.0", "::") with `port`; nil when not a literal.
    init?(host: String, port: UInt16) {
        let literal: String = switch host {
        case "localhost": "127.0.0.1"
        case "*", "": "0.0.0.0"
        default: host.hasPrefix("[") && host.hasSuffix("]") ? String(host.dropFirst().dropLast()) : host
        }
        var v4 = sockaddr_in()
        if inet_pton(AF_INET, literal, &v4.sin_addr) == 1 {
            v4.sin_family = sa_family_t(AF_INET)
            v4.sin_port = port.bigEndian
            withUnsafeMutableBytes(of: &storage) { raw in
                withUnsafeBytes(of: v4) { raw.copyMemory(from: $0) }
            }
            return
        }
        var v6 = sockaddr_in6()
        if inet_pton(AF_INET6, literal, &v6.sin6_addr) == 1 {
            v6.sin6_family = sa_family_t(AF_INET6)
            v6.sin6_port = port.bigEndian
            withUnsafeMutableBytes(of: &storage) { raw in
                withUnsafeBytes(of: v6) { raw.copyMemory(from: $0) }
            }
            isIPv6 = true
            return
        }
        return nil
    }
}
