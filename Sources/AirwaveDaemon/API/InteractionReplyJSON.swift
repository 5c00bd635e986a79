import AirwaveAPI
import AirwaveCore
import AirwaveHTTP
import Foundation

/// The `POST …/interactions` reply written by hand: the same bytes `APIJSON.encoder()` produces for an
/// `InteractionResponse` (sorted keys, slashes unescaped, doubles in shortest round-trip form).
///
/// Every acknowledged interaction answers with the whole profile, and under the durable-interactions benchmark a
/// listener meets several hundred artists within seconds. Through JSONEncoder that was a quarter of the daemon's
/// CPU per interaction; a first hand-written version through `String` still took half the HTTP threads' CPU
/// sorting keys as per-key byte arrays, formatting doubles into Strings and copying the result (perf,
/// 2026-11-23). So the body is written straight into one reserved byte array, each weights map is sorted as
/// fixed-size entries over one flat pool of key bytes (`SortedWeights`), and doubles go from the standard
/// library's stack buffer into the body. Tests compare the output with the encoder's.
public enum InteractionReplyJSON {
    /// The 201 reply for `response`.
    static func response(_ response: InteractionResponse) -> HTTPResponse {
        HTTPResponse(status: .created, headers: ["Content-Type": "application/json"], bytes: encode(response))
    }

    /// The reply body for `response`.
    public static func encode(_ response: InteractionResponse) -> [UInt8] {
        let view = response.profile, p = view.profile
        let artists = SortedWeights(p.artists), genres = SortedWeights(p.genres), moods = SortedWeights(p.moods)
        var out: [UInt8] = []
        out.reserveCapacity(256 + view.userID.utf8.count + artists.sizeEstimate + genres.sizeEstimate + moods.sizeEstimate)
        append("{\"interaction_id\":", to: &out)
        appendInteger(response.interactionID, to: &out)
        append(",\"profile\":{\"artists\":", to: &out)
        artists.write(to: &out)
        append(",\"discovery_factor\":", to: &out)
        switch p.discoveryFactor {
        case .fixed(let value): appendNumber(value, to: &out)
        case .auto: append("\"auto\"", to: &out)
        }
        append(",\"energy_level\":", to: &out)
        appendNumber(p.energyLevel, to: &out)
        append(",\"genres\":", to: &out)
        genres.write(to: &out)
        append(",\"moods\":", to: &out)
        moods.write(to: &out)
        append(",\"tempo_preference\":", to: &out)
        appendString(p.tempoPreference.rawValue, to: &out)
        append(",\"total_interactions\":", to: &out)
        appendInteger(p.totalInteractions, to: &out)
        append(",\"user_id\":", to: &out)
        appendString(view.userID, to: &out)
        append(",\"version\":", to: &out)
        appendInteger(view.version, to: &out)
        append("}}", to: &out)
        return out
    }

    /// Appends a literal's bytes.
    static func append(_ literal: StaticString, to out: inout [UInt8]) {
        literal.withUTF8Buffer { out.append(contentsOf: $0) }
    }

    /// Appends `text` as a JSON string literal: copied as bytes when it has nothing to escape (as `JSONText` does),
    /// through `JSONText` when it has.
    static func appendString(_ text: String, to out: inout [UInt8]) {
        var text = text
        let plain = text.withUTF8 { bytes in
            guard !bytes.contains(where: needsEscape) else { return false }
            appendQuoted(bytes, to: &out)
            return true
        }
        if !plain { out.append(contentsOf: JSONText.quote(text).utf8) }
    }

    /// Appends `"bytes"`, for text known to need no escapes.
    @inline(__always)
    static func appendQuoted(_ bytes: UnsafeBufferPointer<UInt8>, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        out.append(contentsOf: bytes)
        out.append(UInt8(ascii: "\""))
    }

    /// Whether JSONEncoder escapes this UTF-8 byte: quote, backslash, control characters. None of them occurs
    /// inside a multi-byte sequence, so a byte-wise check is exact.
    @inline(__always)
    static func needsEscape(_ byte: UInt8) -> Bool {
        byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\")
    }

    /// Appends an integer in decimal (its text fits a small String: no allocation).
    static func appendInteger(_ value: Int64, to out: inout [UInt8]) {
        out.append(contentsOf: String(value).utf8)
    }

    /// Appends an integer in decimal.
    static func appendInteger(_ value: Int, to out: inout [UInt8]) {
        appendInteger(Int64(value), to: &out)
    }

    /// JSONEncoder's text for a finite double (for the other hand-written replies).
    static func number(_ value: Double) -> String {
        var out: [UInt8] = []
        appendNumber(value, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// Appends JSONEncoder's text for a finite double: `Double.description`'s shortest round-trip digits without a
    /// trailing ".0". `write(to:)` hands the digits to `ByteStream._writeASCII` straight from the standard
    /// library's stack buffer, so no String is built for the 17-digit texts learned weights usually have (too
    /// long for a small String); tests compare the result with `description` for many doubles.
    static func appendNumber(_ value: Double, to out: inout [UInt8]) {
        // The commonest weights need no formatting at all.
        if value == 0 { return value.sign == .minus ? append("-0", to: &out) : out.append(UInt8(ascii: "0")) }
        if value == 1 { return out.append(UInt8(ascii: "1")) }
        var stream = ByteStream()
        swap(&stream.bytes, &out)
        value.write(to: &stream)
        swap(&stream.bytes, &out)
        // Only the number's own text can end in ".0" here: what precedes it is ':' or ','.
        let n = out.count
        if n >= 2, out[n - 2] == UInt8(ascii: "."), out[n - 1] == UInt8(ascii: "0") { out.removeLast(2) }
    }

    /// A text stream into bytes; `_writeASCII` is how the standard library's number formatting writes to a stream.
    struct ByteStream: TextOutputStream {
        /// The bytes written so far.
        var bytes: [UInt8] = []

        mutating func write(_ string: String) { bytes.append(contentsOf: string.utf8) }

        mutating func _writeASCII(_ buffer: UnsafeBufferPointer<UInt8>) { bytes.append(contentsOf: buffer) }
    }
}

extension InteractionReplyJSON {
    /// A weights map's entries in the order `.sortedKeys` writes them (keys by their UTF-8 bytes).
    ///
    /// The keys' bytes are copied once into one flat pool and the entries are plain 32-byte structs, so sorting
    /// allocates nothing per key. The first 16 key bytes, as two big-endian zero-padded words, decide almost every
    /// comparison with integer compares (catalog names such as "Artist 1234" tie on 8 bytes, rarely on 16);
    /// `memcmp` over the pool decides the rest.
    struct SortedWeights {
        /// One key/value pair: the order-deciding prefix and where its key's bytes are in the pool.
        struct Entry {
            /// Key bytes 0..<8 and 8..<16, big-endian, zero-padded. A smaller prefix means a smaller key; an equal
            /// prefix means the first min(16, length) bytes agree (a shorter key's padding equals the longer key's
            /// zeros there), so a key of at most 16 bytes is then a prefix of the other.
            var prefix: (UInt64, UInt64)
            /// Offset of the key's bytes in the pool.
            var offset: UInt32
            /// Length of the key in bytes, with `escapeFlag` set for a key that needs JSON escapes.
            var lengthAndFlag: UInt32
            /// The weight.
            var value: Double

            /// Length of the key in bytes.
            var length: Int { Int(lengthAndFlag & ~SortedWeights.escapeFlag) }
            /// Whether the key needs JSON escapes (rare: it goes through `JSONText`).
            var escapes: Bool { lengthAndFlag & SortedWeights.escapeFlag != 0 }
        }

        /// Marks a key that needs escapes (keys are at most 512 bytes, so the top bit is free).
        static let escapeFlag: UInt32 = 1 << 31

        /// All keys' UTF-8 bytes, back to back.
        private(set) var pool: [UInt8] = []
        /// The entries, sorted by key.
        private(set) var entries: [Entry] = []

        /// Collects and sorts `weights`.
        init(_ weights: [String: Double]) {
            guard !weights.isEmpty else { return }
            entries.reserveCapacity(weights.count)
            pool.reserveCapacity(weights.count * 16)
            for (key, value) in weights {
                var key = key
                let offset = pool.count
                let (prefix, escapes) = key.withUTF8 { bytes in
                    pool.append(contentsOf: bytes)
                    return ((Self.word(bytes, at: 0), Self.word(bytes, at: 8)), bytes.contains(where: InteractionReplyJSON.needsEscape))
                }
                let length = UInt32(pool.count - offset)
                entries.append(Entry(prefix: prefix, offset: UInt32(offset),
                                     lengthAndFlag: escapes ? length | Self.escapeFlag : length, value: value))
            }
            guard entries.count > 1 else { return }
            pool.withUnsafeBufferPointer { pool in
                let base = pool.baseAddress!
                entries.sort { a, b in
                    if a.prefix.0 != b.prefix.0 { return a.prefix.0 < b.prefix.0 }
                    if a.prefix.1 != b.prefix.1 { return a.prefix.1 < b.prefix.1 }
                    let common = min(a.length, b.length)
                    if common > 16 {
                        let order = memcmp(base + Int(a.offset) + 16, base + Int(b.offset) + 16, common - 16)
                        if order != 0 { return order < 0 }
                    }
                    return a.length < b.length
                }
            }
        }

        /// Bytes `start..<start + 8` of `bytes` as a big-endian word, zero-padded past the end.
        @inline(__always)
        static func word(_ bytes: UnsafeBufferPointer<UInt8>, at start: Int) -> UInt64 {
            if bytes.count >= start + 8 {
                return UInt64(bigEndian: UnsafeRawPointer(bytes.baseAddress! + start).loadUnaligned(as: UInt64.self))
            }
            var word: UInt64 = 0
            for i in start..<start + 8 { word = word << 8 | UInt64(i < bytes.count ? bytes[i] : 0) }
            return word
        }

        /// Roughly the written size, for reserving capacity: the key bytes, then quotes, colon, comma and a
        /// typical number per entry.
        var sizeEstimate: Int { pool.count + 26 * entries.count + 2 }

        /// Appends `{"key":weight,…}`.
        func write(to out: inout [UInt8]) {
            out.append(UInt8(ascii: "{"))
            pool.withUnsafeBufferPointer { pool in
                for (index, entry) in entries.enumerated() {
                    if index > 0 { out.append(UInt8(ascii: ",")) }
                    let key = UnsafeBufferPointer(rebasing: pool[Int(entry.offset)..<Int(entry.offset) + entry.length])
                    if entry.escapes {
                        out.append(contentsOf: JSONText.quote(String(decoding: key, as: UTF8.self)).utf8)
                    } else {
                        InteractionReplyJSON.appendQuoted(key, to: &out)
                    }
                    out.append(UInt8(ascii: ":"))
                    InteractionReplyJSON.appendNumber(entry.value, to: &out)
                }
            }
            out.append(UInt8(ascii: "}"))
        }
    }
}
