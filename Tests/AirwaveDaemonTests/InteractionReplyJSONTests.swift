@testable import AirwaveDaemon
import AirwaveAPI
import AirwaveCore
import Foundation
import Testing

@Suite("Hand-written interaction reply")
struct InteractionReplyJSONTests {
    static let keys = [
        "jazz", "O'Brien", "say \"hi\"", #"back\slash"#, "AC/DC", "🎸🥁 Emoji Band 👩🏽‍🎤", "مرحبا", "tab\tnew\nline\r",
        "bell\u{07}\u{08}\u{0C}\u{1F}", "Ünïcödé ß 漢字", "Zebra", "zebra", "a", "e\u{301}", "é",
    ]
    static let values: [Double] = [0, 1, 0.5, 0.45, 0.30000000000000004, 1e-05, 0.1 + 0.2, .leastNonzeroMagnitude, 0.999999999999]

    /// Keys whose UTF-8 byte order differs from Swift's `String <` (which compares canonically normalized text)
    /// or from UTF-16 order, keys that are prefixes of each other around the 8- and 16-byte sort prefix words,
    /// keys that share long prefixes, and keys that need escapes.
    static let awkwardKeys = [
        "e\u{301}z", "éa", "e", "ez", "Å", "A\u{30A}b", "\u{212B}c", "가", "\u{1100}\u{1161}x", "\u{FF61}", "😀", "\u{E000}",
        "abcdefg", "abcdefgh", "abcdefghi", "abcdefgh\u{1}", "abcdefgh\"", "abcdefgh\\", "abcdefgh/", "abcdefgz",
        "The Beatles", "The Beatles ", "The Beatles (Remastered)", "The Beach Boys", "The Band", "The", "Th",
        "ab\u{1}", "ab", "ab\u{7F}", "ab\u{80}", "abÿ", "ab\u{10FFFF}", "\u{1F}", " ", "~", "AC/DC", "ac/dc",
        "abcdefghijklmno", "abcdefghijklmnop", "abcdefghijklmnopq", "abcdefghijklmnop\u{1}", "abcdefghijklmnopé",
        "abcdefghijklmnoé", "Artist 1234", "Artist 12345", "Artist 123456789012", "Artist 123456789013", "Artist 12345678901",
    ]

    /// Values the number formatting must get right: integral, tiny, exponent forms, 17 digits, negative zero.
    static let awkwardValues: [Double] = [
        0, 1, 0.5, 1e-7, 0.1 + 0.2, 0.1, 2.0 / 3.0, 1e-16, .leastNonzeroMagnitude, 2.2250738585072014e-308, 0.9999999999999999,
        0.123456789012345678, 1e-4, 0.001, 1e-5, -0.0, 0.25, 0.07, 0.000123456789,
    ]

    static func profile(_ n: Int, discovery: DiscoveryFactor) throws -> Profile {
        var weights: [String: Double] = [:]
        for (i, key) in keys.enumerated() { weights[key + String(repeating: "x", count: n % 3)] = values[(i + n) % values.count] }
        return try Profile(genres: weights, artists: Dictionary(uniqueKeysWithValues: weights.map { ("A " + $0.key, $0.value) }),
                           moods: n.isMultiple(of: 2) ? [:] : weights, energyLevel: values[n % values.count],
                           tempoPreference: TempoPreference.allCases[n % TempoPreference.allCases.count],
                           discoveryFactor: discovery, totalInteractions: n * 1_000_003)
    }

    /// Expects the hand-written bytes to be the encoder's and to decode back to `response`.
    static func expectSameBytes(_ response: InteractionResponse, _ comment: Comment) throws {
        let expected = try APIJSON.encoder().encode(response)
        let written = InteractionReplyJSON.encode(response)
        // Text first for a readable failure; String equality is canonical equivalence, so bytes decide.
        #expect(String(decoding: written, as: UTF8.self) == String(decoding: expected, as: UTF8.self), comment)
        #expect(written == Array(expected), comment)
        #expect(try APIJSON.decoder().decode(InteractionResponse.self, from: Data(written)) == response, comment)
    }

    @Test("the same bytes as APIJSON.encoder() for hostile keys and awkward doubles")
    func sameBytes() throws {
        for n in 0..<12 {
            let discovery: DiscoveryFactor = n % 3 == 0 ? .auto : .fixed(Self.values[n % Self.values.count])
            for user in ["u", "AC/DC \"fan\"", "ü\n"] {
                let response = InteractionResponse(interactionID: Int64(n) * 987_654_321,
                                                   profile: ProfileView(userID: user, version: Int64(n) - 1,
                                                                        profile: try Self.profile(n, discovery: discovery)))
                try Self.expectSameBytes(response, "n=\(n) user=\(user)")
            }
        }
    }

    @Test("the same bytes as the encoder for keys whose byte order differs from String order, and awkward values")
    func awkwardKeysAndValues() throws {
        // Check the premise: some of these pairs sort differently by String `<` than by UTF-8 bytes.
        let byString = Self.awkwardKeys.sorted()
        let byBytes = Self.awkwardKeys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        #expect(byString != byBytes)
        for shift in 0..<Self.awkwardValues.count {
            var weights: [String: Double] = [:]
            for (i, key) in Self.awkwardKeys.enumerated() {
                weights[key] = Self.awkwardValues[(i + shift) % Self.awkwardValues.count]
            }
            let value = Self.awkwardValues[shift]
            let profile = try Profile(genres: weights, artists: weights, moods: ["calm": value], energyLevel: value,
                                      tempoPreference: .fast, discoveryFactor: .fixed(value), totalInteractions: shift)
            try Self.expectSameBytes(InteractionResponse(interactionID: Int64(shift),
                                                         profile: ProfileView(userID: "é", version: 3, profile: profile)),
                                     "shift=\(shift)")
        }
    }

    @Test("the same bytes as the encoder for profiles of thousands of random artists")
    func manyKeys() throws {
        var random = SeededRandom(seed: 7)
        let alphabet = Array("The Band of  Öé漢字😀\"\\/\t-abcdeABCDE0123456789")
        for size in [2, 9, 100, 2_000, 10_000] {
            var artists: [String: Double] = [:]
            while artists.count < size {
                // Shared prefixes ("The ", "The Band") and every length around the 8-byte sort prefix.
                let length = 1 + Int(random.nextUnit() * 20)
                var key = random.nextUnit() < 0.5 ? "The " : ""
                for _ in 0..<length { key.append(alphabet[Int(random.nextUnit() * Double(alphabet.count))]) }
                // Weights as learning leaves them: 17-digit fractions, with some exact 0, 1 and 0.5.
                let r = random.nextUnit()
                artists[key] = r < 0.05 ? 0 : r < 0.1 ? 1 : r < 0.15 ? 0.5 : random.nextUnit()
            }
            let profile = try Profile(genres: ["rock": random.nextUnit()], artists: artists, moods: [:],
                                      energyLevel: random.nextUnit(), tempoPreference: .varied,
                                      discoveryFactor: .auto, totalInteractions: size)
            try Self.expectSameBytes(InteractionResponse(interactionID: 1, profile: ProfileView(userID: "u", version: 1, profile: profile)),
                                     "size=\(size)")
        }
    }

    @Test("weights are ordered by UTF-8 bytes, including NUL and keys that are prefixes of others")
    func sortedWeightsOrder() {
        var random = SeededRandom(seed: 11)
        let pieces = ["", "\u{0}", "\u{1}", "a", "ab", "abcdefgh", "abcdefghijklmnop", "é", "e\u{301}", "\u{FFFF}", "😀", "Z", "~"]
        var weights: [String: Double] = [:]
        for _ in 0..<3_000 {
            var key = ""
            for _ in 0..<Int(random.nextUnit() * 5) { key += pieces[Int(random.nextUnit() * Double(pieces.count))] }
            weights[key] = random.nextUnit()
        }
        let sorted = InteractionReplyJSON.SortedWeights(weights)
        let keys = sorted.pool.withUnsafeBufferPointer { pool in
            sorted.entries.map { String(decoding: pool[Int($0.offset)..<Int($0.offset) + $0.length], as: UTF8.self) }
        }
        #expect(keys.count == weights.count)
        #expect(keys.elementsEqual(weights.keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }) { Array($0.utf8) == Array($1.utf8) })
        #expect(zip(keys, sorted.entries).allSatisfy { key, entry in weights[key] == entry.value })
    }

    @Test("numbers are Double.description without a trailing .0, for random doubles of every magnitude")
    func numbers() {
        var random = SeededRandom(seed: 3)
        var doubles = Self.awkwardValues + [100, 1e15, 1e16, 1e17, 123456789012345680, .greatestFiniteMagnitude, -1.5, -1e-7]
        for _ in 0..<20_000 {
            doubles.append(random.nextUnit())
            let any = Double(bitPattern: random.next())
            if any.isFinite { doubles.append(any) }
        }
        let wrong = doubles.filter { value in
            let text = value.description
            return InteractionReplyJSON.number(value) != (text.hasSuffix(".0") ? String(text.dropLast(2)) : text)
        }
        #expect(wrong.isEmpty, "\(wrong.prefix(5))")
        // The body's size bound counts on this.
        #expect(doubles.allSatisfy { InteractionReplyJSON.number($0).utf8.count <= 24 })
    }

    @Test("keys made only of characters that need escapes fit the body's size bound and match the encoder")
    func escapeOnlyKeys() throws {
        // Each control character becomes a 6-byte \u00XX escape: the worst case the size bound allows for.
        let controls = (1..<0x20).map { String(UnicodeScalar(UInt8($0))) } + ["\"", "\\"]
        var weights: [String: Double] = [:]
        for (i, c) in controls.enumerated() { weights[String(repeating: c, count: 1 + i * 15)] = 0.1 * Double(i % 10) }
        let user = String(repeating: "\u{1}", count: 128)
        let profile = try Profile(genres: weights, artists: weights, moods: weights, energyLevel: 1e-7,
                                  tempoPreference: .slow, discoveryFactor: .fixed(0.1 + 0.2), totalInteractions: .max)
        try Self.expectSameBytes(InteractionResponse(interactionID: .min, profile: ProfileView(userID: user, version: .max, profile: profile)),
                                 "escape-only keys")
    }

    @Test("the 201 carries the body as application/json")
    func response() throws {
        let reply = InteractionReplyJSON.response(InteractionResponse(
            interactionID: 7, profile: ProfileView(userID: "u", version: 1, profile: .neutral)))
        #expect(reply.status == .created)
        #expect(reply.headers["Content-Type"] == "application/json")
        #expect(try APIJSON.decoder().decode(InteractionResponse.self, from: Data(reply.bodyBytes)).interactionID == 7)
    }
}
