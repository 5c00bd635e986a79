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

    static func profile(_ n: Int, discovery: DiscoveryFactor) throws -> Profile {
        var weights: [String: Double] = [:]
        for (i, key) in keys.enumerated() { weights[key + String(repeating: "x", count: n % 3)] = values[(i + n) % values.count] }
        return try Profile(genres: weights, artists: Dictionary(uniqueKeysWithValues: weights.map { ("A " + $0.key, $0.value) }),
                           moods: n.isMultiple(of: 2) ? [:] : weights, energyLevel: values[n % values.count],
                           tempoPreference: TempoPreference.allCases[n % TempoPreference.allCases.count],
                           discoveryFactor: discovery, totalInteractions: n * 1_000_003)
    }

    @Test("the same bytes as APIJSON.encoder() for hostile keys and awkward doubles")
    func sameBytes() throws {
        for n in 0..<12 {
            let discovery: DiscoveryFactor = n % 3 == 0 ? .auto : .fixed(Self.values[n % Self.values.count])
            for user in ["u", "AC/DC \"fan\"", "ü\n"] {
                let response = InteractionResponse(interactionID: Int64(n) * 987_654_321,
                                                   profile: ProfileView(userID: user, version: Int64(n) - 1,
                                                                        profile: try Self.profile(n, discovery: discovery)))
                let expected = try APIJSON.encoder().encode(response)
                let written = InteractionReplyJSON.encode(response)
                #expect(written == Array(expected), "n=\(n) user=\(user)")
                #expect(try APIJSON.decoder().decode(InteractionResponse.self, from: Data(written)) == response)
            }
        }
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
