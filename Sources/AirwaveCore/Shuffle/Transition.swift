import Foundation

/// How close two consecutive tracks sound, for transition mode.
public enum Transition {
    /// BPM difference at which BPM closeness reaches 0.
    public static let bpmSpan = 40.0
    /// Wheel distance at which key closeness reaches 0 (compatible keys, distance ≤ 1, score ≥ 0.75).
    public static let keySpan = 4.0

    /// Energy closeness: 1 − |Δenergy|.
    public static func energyCloseness(_ a: Double, _ b: Double) -> Double { max(0, 1 - abs(a - b)) }

    /// BPM closeness: 1 − min(1, |Δbpm| / 40), where half and double time count as the same pulse.
    public static func bpmCloseness(_ a: Double, _ b: Double) -> Double {
        let delta = min(abs(a - b), abs(2 * a - b), abs(a - 2 * b))
        return 1 - min(1, delta / bpmSpan)
    }

    /// Key closeness: 1 − distance/4 on the Camelot wheel, never below 0.
    public static func keyCloseness(_ a: MusicalKey, _ b: MusicalKey) -> Double {
        max(0, 1 - Double(a.distance(to: b)) / keySpan)
    }

    /// Closeness in [0, 1] of `next` following `previous`: the weighted mean of energy, BPM (when both
    /// tracks have one) and key (when both parse) closeness, with weights from `settings`.
    public static func closeness(from previous: Track, to next: Track, settings: TransitionSettings) -> Double {
        var total = settings.energy * energyCloseness(previous.energy, next.energy)
        var weights = settings.energy
        if let a = previous.bpm, let b = next.bpm {
            total += settings.bpm * bpmCloseness(a, b)
            weights += settings.bpm
        }
        if let a = previous.key.flatMap(MusicalKey.init), let b = next.key.flatMap(MusicalKey.init) {
            total += settings.key * keyCloseness(a, b)
            weights += settings.key
        }
        return weights > 0 ? total / weights : 0
    }

    /// Index into `utilities` drawn with probability ∝ exp(u / temperature); temperature 0 (or below
    /// 1e-9) takes the largest, ties to the earliest. Nil when empty.
    public static func softmaxDraw(_ utilities: [Double], temperature: Double, random: inout SeededRandom) -> Int? {
        guard !utilities.isEmpty else { return nil }
        var best = 0
        for i in utilities.indices where utilities[i] > utilities[best] { best = i }
        guard temperature > 1e-9 else { return best }
        let top = utilities[best]
        // Shifting by the maximum keeps exp from overflowing at small temperatures.
        let weights = utilities.map { exp(($0 - top) / temperature) }
        var target = random.nextUnit() * weights.reduce(0, +)
        for (i, w) in weights.enumerated() {
            target -= w
            if target < 0 { return i }
        }
        return best
    }
}
