import AirwaveAPI
import AirwaveCore
import AirwaveDaemon
import AirwaveHTTP
import Foundation
import JSONText

/// `airwave-bench reply-json [--artists 10,100,500,2000] [--rounds 60] [--variant both|old|new|encoder]`: the
/// `POST …/interactions` reply body for profiles of N artists, written by JSONEncoder, by the previous
/// String-based `InteractionReplyJSON` (kept below only for this comparison) and by the current one, interleaved
/// in one process; prints medians per call. `--variant old|new` runs only one writer, for
/// `perf stat -e instructions` comparisons.
enum ReplyJSONBench {
    static func run(_ options: Options) throws {
        let sizes = try options.ints("artists", default: [10, 100, 500, 2_000])
        let rounds = try options.int("rounds", default: 60)
        let variant = options.values["variant"] ?? "both"
        guard ["both", "old", "new", "encoder"].contains(variant) else {
            throw Options.Problem(description: "--variant must be both, old, new or encoder (got \(variant))")
        }
        if variant == "both" {
            print("| artists | body bytes | JSONEncoder µs | old hand-written µs | new µs | old/new |")
            print("|---:|---:|---:|---:|---:|---:|")
        }
        for size in sizes {
            let response = try Self.response(artists: size, seed: UInt64(size))
            let new = InteractionReplyJSON.encode(response)
            guard new == PreviousInteractionReplyJSON.encode(response),
                  new == Array(try APIJSON.encoder().encode(response)) else {
                throw Options.Problem(description: "the writers disagree at \(size) artists")
            }
            // Each timed batch takes ~2 ms at the new writer's speed, so clock reads do not matter.
            let batch = max(1, 2_000_000 / (new.count * 4))
            var encoder: [Double] = [], old: [Double] = [], current: [Double] = []
            var sink = 0
            let jsonEncoder = APIJSON.encoder()
            for round in 0..<rounds {
                // Alternate which writer goes first so neither always runs on a warm or a cold cache.
                let order = round.isMultiple(of: 2) ? [0, 1, 2] : [2, 1, 0]
                for which in order {
                    switch (which, variant) {
                    case (0, "both"), (0, "encoder"):
                        let b = max(1, batch / 10)
                        encoder.append(time(b) { sink &+= ((try? jsonEncoder.encode(response))?.count ?? 0) })
                    case (1, "both"), (1, "old"):
                        old.append(time(batch) { sink &+= PreviousInteractionReplyJSON.encode(response).count })
                    case (2, "both"), (2, "new"):
                        current.append(time(batch) { sink &+= InteractionReplyJSON.encode(response).count })
                    default: break
                    }
                }
            }
            let e = median(encoder), o = median(old), n = median(current)
            if variant == "both" {
                print("| \(size) | \(new.count) | \(format(e)) | \(format(o)) | \(format(n)) | \(String(format: "%.1f×", o / n)) |")
            } else {
                print("\(size) artists, \(variant): \(format(max(e, o, n))) µs per reply (\(sink) bytes written)")
            }
        }
    }

    /// Microseconds per call of `body`, over `count` calls.
    static func time(_ count: Int, _ body: () -> Void) -> Double {
        let start = ContinuousClock.now
        for _ in 0..<count { body() }
        return seconds(since: start) * 1e6 / Double(count)
    }

    static func median(_ samples: [Double]) -> Double {
        samples.isEmpty ? 0 : samples.sorted()[samples.count / 2]
    }

    static func format(_ microseconds: Double) -> String {
        microseconds >= 100 ? String(format: "%.0f", microseconds) : String(format: "%.2f", microseconds)
    }

    /// A reply whose profile has `artists` artists, 25 genres and 10 moods with weights as learning leaves them
    /// (17-digit fractions, some exactly 0, 0.5 or 1) and names like real catalogs' (shared "The " prefixes,
    /// one in ten non-ASCII).
    static func response(artists: Int, seed: UInt64) throws -> InteractionResponse {
        var random = SeededRandom(seed: seed)
        func weight() -> Double {
            let r = random.nextUnit()
            return r < 0.03 ? 0 : r < 0.06 ? 1 : r < 0.08 ? 0.5 : random.nextUnit()
        }
        var artistWeights: [String: Double] = [:]
        while artistWeights.count < artists {
            let n = Int(random.next() % 100_000)
            let r = random.nextUnit()
            let name = r < 0.3 ? "The Artist \(n)" : r < 0.4 ? "Künstler \(n) & Ørkestra" : "Artist \(n)"
            artistWeights[name] = weight()
        }
        var genres: [String: Double] = [:], moods: [String: Double] = [:]
        for i in 0..<25 { genres["genre-\(i)"] = weight() }
        for i in 0..<10 { moods["mood \(i)"] = weight() }
        let profile = try Profile(genres: genres, artists: artistWeights, moods: moods, energyLevel: weight(),
                                  tempoPreference: .varied, discoveryFactor: .auto, totalInteractions: artists * 3)
        return InteractionResponse(interactionID: 123_456_789,
                                   profile: ProfileView(userID: "bench-user-1", version: Int64(artists * 3), profile: profile))
    }
}

/// The String-based writer `InteractionReplyJSON` replaced (commit a30a9d6), kept only as this benchmark's
/// baseline.
enum PreviousInteractionReplyJSON {
    static func encode(_ response: InteractionResponse) -> [UInt8] {
        let view = response.profile, p = view.profile
        var out = "{\"interaction_id\":" + String(response.interactionID) + ",\"profile\":{\"artists\":"
        out.reserveCapacity(64 + 24 * (p.artists.count + p.genres.count + p.moods.count))
        appendWeights(p.artists, to: &out)
        out += ",\"discovery_factor\":"
        switch p.discoveryFactor {
        case .fixed(let value): out += number(value)
        case .auto: out += "\"auto\""
        }
        out += ",\"energy_level\":" + number(p.energyLevel) + ",\"genres\":"
        appendWeights(p.genres, to: &out)
        out += ",\"moods\":"
        appendWeights(p.moods, to: &out)
        out += ",\"tempo_preference\":"
        JSONText.append(p.tempoPreference.rawValue, to: &out)
        out += ",\"total_interactions\":" + String(p.totalInteractions) + ",\"user_id\":"
        JSONText.append(view.userID, to: &out)
        out += ",\"version\":" + String(view.version) + "}}"
        return Array(out.utf8)
    }

    static func number(_ value: Double) -> String {
        let text = value.description
        return text.hasSuffix(".0") ? String(text.dropLast(2)) : text
    }

    static func appendWeights(_ weights: [String: Double], to out: inout String) {
        out += "{"
        let keys = weights.keys.map { (key: $0, bytes: Array($0.utf8)) }
            .sorted { $0.bytes.lexicographicallyPrecedes($1.bytes) }
        for (index, entry) in keys.enumerated() {
            if index > 0 { out += "," }
            JSONText.append(entry.key, to: &out)
            out += ":" + number(weights[entry.key]!)
        }
        out += "}"
    }
}
