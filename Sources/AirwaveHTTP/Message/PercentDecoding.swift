/// Strict percent-decoding of URL components (RFC 3986), done by the server itself because libmicrohttpd's
/// own unescaping would turn "AC%2FDC" into a path with an extra slash (DECISIONS 20).
enum PercentDecoding {
    /// Decodes `%XX` escapes in `bytes`; nil when an escape is malformed, the result is not valid UTF-8,
    /// or it contains NUL (which C code downstream would silently truncate at).
    static func decode<C: Collection<UInt8>>(_ bytes: C) -> String? {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var index = bytes.startIndex
        while index != bytes.endIndex {
            let byte = bytes[index]
            if byte == UInt8(ascii: "%") {
                let first = bytes.index(after: index)
                guard first != bytes.endIndex else { return nil }
                let second = bytes.index(after: first)
                guard second != bytes.endIndex,
                      let high = hexValue(bytes[first]), let low = hexValue(bytes[second]) else { return nil }
                out.append(high << 4 | low)
                index = bytes.index(after: second)
            } else {
                out.append(byte)
                index = bytes.index(after: index)
            }
        }
        guard !out.contains(0) else { return nil }
        return String(validating: out, as: UTF8.self)
    }

    /// Decodes a String's UTF-8 bytes; see `decode(_:)`.
    static func decode(_ text: Substring) -> String? { decode(text.utf8) }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
