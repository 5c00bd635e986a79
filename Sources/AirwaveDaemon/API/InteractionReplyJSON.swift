import AirwaveAPI
import AirwaveCore
import AirwaveHTTP
import Foundation
import JSONText

/// The `POST …/interactions` reply written by hand: the same bytes `APIJSON.encoder()` produces for an
/// `InteractionResponse` (sorted keys, slashes unescaped, doubles in shortest round-trip form).
///
/// Every acknowledged interaction answers with the whole profile, and under the durable-interactions benchmark a
/// listener meets several hundred artists within seconds. Through JSONEncoder that was a quarter of the daemon's
/// CPU per interaction; a first hand-written version through `String` still took half the HTTP threads' CPU
/// sorting keys as per-key byte arrays, formatting doubles into Strings and copying the result (perf,
/// 2026-11-23). Now each weights map is sorted as fixed-size entries over one pool of key bytes
/// (`SortedWeights`) and the body is written once into memory sized by an upper bound (`BodyWriter`), doubles
/// straight from the standard library's stack buffer. Tests compare the output with the encoder's.
public enum InteractionReplyJSON {
    /// The 201 reply for `response`.
    static func response(_ response: InteractionResponse) -> HTTPResponse {
        HTTPResponse(status: .created, headers: ["Content-Type": "application/json"], bytes: encode(response))
    }

    /// The reply body for `response`.
    public static func encode(_ response: InteractionResponse) -> [UInt8] {
        let view = response.profile, p = view.profile
        let artists = SortedWeights(p.artists), genres = SortedWeights(p.genres), moods = SortedWeights(p.moods)
        let tempo = p.tempoPreference.rawValue
        // The literals, three integers (≤ 20 bytes each) and two numbers (≤ 32) take under 300 bytes; strings are
        // bounded as if every byte needed a 6-byte escape.
        let capacity = 512 + 6 * (view.userID.utf8.count + tempo.utf8.count)
            + artists.sizeBound + genres.sizeBound + moods.sizeBound
        return [UInt8](unsafeUninitializedCapacity: capacity) { buffer, count in
            var w = BodyWriter(buffer)
            w.literal("{\"interaction_id\":")
            w.integer(response.interactionID)
            w.literal(",\"profile\":{\"artists\":")
            w.weights(artists)
            w.literal(",\"discovery_factor\":")
            switch p.discoveryFactor {
            case .fixed(let value): w.number(value)
            case .auto: w.literal("\"auto\"")
            }
            w.literal(",\"energy_level\":")
            w.number(p.energyLevel)
            w.literal(",\"genres\":")
            w.weights(genres)
            w.literal(",\"moods\":")
            w.weights(moods)
            w.literal(",\"tempo_preference\":")
            w.string(tempo)
            w.literal(",\"total_interactions\":")
            w.integer(Int64(p.totalInteractions))
            w.literal(",\"user_id\":")
            w.string(view.userID)
            w.literal(",\"version\":")
            w.integer(view.version)
            w.literal("}}")
            count = w.count
        }
    }

    /// JSONEncoder's text for a finite double (for the other hand-written replies).
    static func number(_ value: Double) -> String {
        let bytes = [UInt8](unsafeUninitializedCapacity: BodyWriter.numberBound) { buffer, count in
            var w = BodyWriter(buffer)
            w.number(value)
            count = w.count
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Whether JSONEncoder escapes this UTF-8 byte: quote, backslash, control characters. None of them occurs
    /// inside a multi-byte sequence, so a byte-wise check is exact.
    @inline(__always)
    static func needsEscape(_ byte: UInt8) -> Bool {
        byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\")
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
        /// At least the written size of `{…}`: per entry the key (escaped: at most 6 bytes per byte), quotes,
        /// colon, comma and a number.
        private(set) var sizeBound = 2

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
                let length = pool.count - offset
                sizeBound += (escapes ? 6 * length : length) + 4 + BodyWriter.numberBound
                entries.append(Entry(prefix: prefix, offset: UInt32(offset),
                                     lengthAndFlag: escapes ? UInt32(length) | Self.escapeFlag : UInt32(length), value: value))
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
    }

    /// Writes a reply body into memory sized in advance by upper bounds, without per-append growth checks. Every
    /// write still checks the bound: a wrong bound traps instead of writing past the buffer.
    struct BodyWriter: TextOutputStream {
        /// At least the length of any double's text (the longest, like "-2.2250738585072014e-308", have 24).
        static let numberBound = 32

        private let base: UnsafeMutablePointer<UInt8>
        private let capacity: Int
        /// Bytes written so far.
        private(set) var count = 0

        /// A writer filling `buffer` from its start.
        init(_ buffer: UnsafeMutableBufferPointer<UInt8>) {
            base = buffer.baseAddress!
            capacity = buffer.count
        }

        /// Writes one byte.
        @inline(__always)
        mutating func byte(_ byte: UInt8) {
            precondition(count < capacity, "reply body bound too small")
            base[count] = byte
            count += 1
        }

        /// Writes `bytes`.
        @inline(__always)
        mutating func bytes(_ bytes: UnsafeBufferPointer<UInt8>) {
            guard let source = bytes.baseAddress else { return }
            precondition(bytes.count <= capacity - count, "reply body bound too small")
            (base + count).update(from: source, count: bytes.count)
            count += bytes.count
        }

        /// Writes a literal's bytes.
        mutating func literal(_ text: StaticString) {
            text.withUTF8Buffer { bytes($0) }
        }

        /// Writes `string`'s UTF-8 as it is.
        mutating func write(_ string: String) {
            var string = string
            string.withUTF8 { bytes($0) }
        }

        /// How the standard library's number formatting writes to a stream: straight from its stack buffer.
        mutating func _writeASCII(_ buffer: UnsafeBufferPointer<UInt8>) { bytes(buffer) }

        /// Writes an integer in decimal (its text fits a small String: no allocation).
        mutating func integer(_ value: Int64) { write(String(value)) }

        /// Writes `text` as a JSON string literal: copied as bytes when it has nothing to escape (as `JSONText`
        /// does), through `JSONText` when it has.
        mutating func string(_ text: String) {
            var text = text
            let plain = text.withUTF8 { utf8 in
                guard !utf8.contains(where: InteractionReplyJSON.needsEscape) else { return false }
                byte(UInt8(ascii: "\""))
                bytes(utf8)
                byte(UInt8(ascii: "\""))
                return true
            }
            if !plain { write(JSONText.quote(text)) }
        }

        /// Writes JSONEncoder's text for a finite double: `Double.description`'s shortest round-trip digits
        /// without a trailing ".0". `write(to:)` hands the digits to `_writeASCII` from the standard library's
        /// stack buffer, so no String is built for the 17-digit texts learned weights usually have (too long for a
        /// small String); about a fifth faster than `description` here. Tests compare with `description`.
        mutating func number(_ value: Double) {
            // The commonest weights need no formatting at all.
            if value == 0 {
                if value.sign == .minus { byte(UInt8(ascii: "-")) }
                return byte(UInt8(ascii: "0"))
            }
            if value == 1 { return byte(UInt8(ascii: "1")) }
            let start = count
            value.write(to: &self)
            if count - start >= 2, base[count - 2] == UInt8(ascii: "."), base[count - 1] == UInt8(ascii: "0") { count -= 2 }
        }

        /// Writes `{"key":weight,…}`.
        mutating func weights(_ weights: SortedWeights) {
            byte(UInt8(ascii: "{"))
            weights.pool.withUnsafeBufferPointer { pool in
                for (index, entry) in weights.entries.enumerated() {
                    if index > 0 { byte(UInt8(ascii: ",")) }
                    let key = UnsafeBufferPointer(rebasing: pool[Int(entry.offset)..<Int(entry.offset) + entry.length])
                    if entry.escapes {
                        write(JSONText.quote(String(decoding: key, as: UTF8.self)))
                    } else {
                        byte(UInt8(ascii: "\""))
                        bytes(key)
                        byte(UInt8(ascii: "\""))
                    }
                    byte(UInt8(ascii: ":"))
                    number(entry.value)
                }
            }
            byte(UInt8(ascii: "}"))
        }
    }
}
