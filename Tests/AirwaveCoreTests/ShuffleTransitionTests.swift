import Foundation
import Testing
@testable import AirwaveCore

@Suite("Transition closeness and the softmax draw")
struct ShuffleTransitionTests {
    func track(_ id: String, energy: Double, bpm: Double? = nil, key: String? = nil) -> Track {
        try! Track(trackID: id, title: id, artist: "A", genre: "jazz", mood: "calm", energy: energy, tempo: .medium,
                   duration: 200, key: key, bpm: bpm)
    }

    @Test("BPM closeness is linear over 40 BPM and treats half and double time as the same pulse")
    func bpm() {
        #expect(Transition.bpmCloseness(120, 120) == 1)
        #expect(Transition.bpmCloseness(120, 130) == 0.75)
        #expect(Transition.bpmCloseness(100, 160) == 0)
        #expect(Transition.bpmCloseness(70, 140) == 1)
        #expect(abs(Transition.bpmCloseness(140, 72) - 0.9) < 1e-12, "144 vs 140 at the doubled pulse")
    }

    @Test("closeness mixes energy, BPM and key, using only what both tracks have")
    func closeness() throws {
        let settings = try TransitionSettings(energy: 0.5, bpm: 0.3, key: 0.2)
        let a = track("a", energy: 0.5, bpm: 120, key: "C")
        // Energy only: the second track has neither BPM nor key.
        #expect(Transition.closeness(from: a, to: track("b", energy: 0.3), settings: settings) == 0.8)
        // All three: energy 1, BPM 0.75, key Am (relative minor, distance 1) 0.75.
        let c = track("c", energy: 0.5, bpm: 130, key: "Am")
        #expect(abs(Transition.closeness(from: a, to: c, settings: settings) - (0.5 + 0.3 * 0.75 + 0.2 * 0.75)) < 1e-12)
        // An unparsable key is ignored rather than counted as far.
        let d = track("d", energy: 0.5, bpm: 120, key: "??")
        #expect(Transition.closeness(from: a, to: d, settings: settings) == 1)
    }

    @Test("temperature 0 is argmax, ties to the earliest")
    func argmax() {
        var random = SeededRandom(seed: 1)
        #expect(Transition.softmaxDraw([0.1, 0.7, 0.7, 0.2], temperature: 0, random: &random) == 1)
        #expect(Transition.softmaxDraw([], temperature: 1, random: &random) == nil)
        // A tiny temperature behaves like argmax without overflowing.
        for seed in 0..<50 as Range<UInt64> {
            var r = SeededRandom(seed: seed)
            #expect(Transition.softmaxDraw([0.5, 0.9, 0.6], temperature: 1e-6, random: &r) == 1)
        }
    }

    @Test("the draw is reproducible for a seed and spreads out as the temperature rises")
    func spread() {
        func counts(_ temperature: Double) -> [Int] {
            var counts = [0, 0, 0]
            for seed in 0..<2000 as Range<UInt64> {
                var r = SeededRandom(seed: seed &* 0x9E37_79B9)
                counts[Transition.softmaxDraw([0.6, 0.5, 0.4], temperature: temperature, random: &r)!] += 1
            }
            return counts
        }
        #expect(counts(0.1) == counts(0.1))
        let cold = counts(0.02), warm = counts(0.1), hot = counts(100)
        #expect(cold[0] > warm[0] && warm[0] > hot[0])
        #expect(warm[0] > warm[1] && warm[1] > warm[2])
        // Near-uniform when hot: each within 10 points of a third.
        #expect(hot.allSatisfy { abs(Double($0) / 2000 - 1.0 / 3) < 0.1 })
    }

    @Test("settings decode with defaults and name the bad field")
    func settings() throws {
        let decoded = try JSONDecoder().decode(TransitionSettings.self, from: Data(#"{"enabled": true}"#.utf8))
        #expect(decoded.enabled && decoded.temperature == 0.02 && decoded.weight == 0.3 && decoded.candidates == 50)
        #expect(decoded.energy == 0.5 && decoded.bpm == 0.3 && decoded.key == 0.2)
        #expect(TransitionSettings.off.enabled == false)
        for (json, field) in [(#"{"temperature": -1}"#, "transition.temperature"), (#"{"weight": 11}"#, "transition.weight"),
                              (#"{"bpm": -0.1}"#, "transition.bpm"), (#"{"candidates": 0}"#, "transition.candidates"),
                              (#"{"energy": 0, "bpm": 0, "key": 0}"#, "transition.energy")] {
            let station = #"{"id": "s", "transition": \#(json)}"#
            #expect(throws: ValidationError.self) { try StationSettings.decode(json: Array(station.utf8)) }
            do {
                _ = try StationSettings.decode(json: Array(station.utf8))
            } catch {
                #expect(error.field == field, "\(json)")
            }
        }
        let station = try StationSettings.decode(json: Array(#"{"id": "s", "transition": {"enabled": true, "temperature": 0}}"#.utf8))
        #expect(station.activeTransition.enabled && station.activeTransition.temperature == 0)
        #expect(try StationSettings.decode(json: Array(#"{"id": "s"}"#.utf8)).activeTransition == .off)
        // Settings survive an encode/decode round trip, and a station without transition encodes no key.
        let again = try StationSettings.decode(json: Array(try JSONEncoder().encode(station)))
        #expect(again == station)
        let plain = String(decoding: try JSONEncoder().encode(try StationSettings(id: "s")), as: UTF8.self)
        #expect(!plain.contains("transition"))
    }
}
