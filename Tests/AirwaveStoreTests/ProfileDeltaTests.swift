@testable import AirwaveStore
import AirwaveCore
import Foundation
import Testing

/// The changed-weights computation the group-commit writer sends instead of whole maps.
@Suite("Profile weight deltas")
struct ProfileDeltaTests {
    @Test("looking only at the touched keys finds exactly what a full scan finds after learning")
    func touchedKeysMatchFullScan() throws {
        var random = SeededRandom(seed: 7)
        for round in 0..<200 {
            var old: [String: Double] = [:]
            for i in 0..<Int(random.nextUnit() * 50) { old["artist \(i * 3)"] = (random.nextUnit() * 100).rounded() / 100 }
            var new = old
            var touched: Set<String> = []
            for _ in 0..<(1 + round % 4) {
                let key = "artist \(Int(random.nextUnit() * 160))"
                touched.insert(key)
                new[key] = min(1, max(0, (new[key] ?? Profile.unheardWeight) + (random.nextUnit() - 0.5) / 5))
            }
            #expect(ProfileRows.delta(old, new, onlyIn: touched) == ProfileRows.delta(old, new))
        }
    }

    @Test("a removed entry makes both answers nil (the whole map is written)")
    func removalFallsBackToTheWholeMap() {
        let old = ["a": 0.5, "b": 0.6, "c": 0.7]
        var new = old
        new["a"] = nil
        new["d"] = 0.55
        #expect(ProfileRows.delta(old, new) == nil)
        #expect(ProfileRows.delta(old, new, onlyIn: ["d"]) == nil)
        #expect(ProfileRows.delta(old, ["a": 0.5, "b": 0.6, "c": 0.8], onlyIn: nil) == ["c": 0.8])
    }

    @Test("hand-written JSON parameters parse to the same values as the encoder's")
    func handWrittenParameters() throws {
        let ids = ["plain", "say \"hi\"", "tab\tnew\nline", "\u{1}ctl", "Ünïcödé", ""]
        let written = try PGParam.json(ids, context: "t")
        #expect(try JSONDecoder().decode([String].self, from: Data(written.utf8)) == ids)
        for factor in [DiscoveryFactor.fixed(0.2), .fixed(1), .fixed(0), .fixed(1e-7), .auto] {
            let text = try PGParam.json(factor, context: "t")
            #expect(try JSONDecoder().decode(DiscoveryFactor.self, from: Data(text.utf8)) == factor)
        }
        #expect(throws: StoreError.self) { try PGParam.json(DiscoveryFactor.fixed(.nan), context: "t") }
    }
}
