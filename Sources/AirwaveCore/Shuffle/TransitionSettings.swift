/// A station's transition mode: the next queued track is drawn by a softmax over the top candidates,
/// favouring tracks that sound close to the one before (energy, BPM, musical key).
///
/// JSON (all keys optional): `{"enabled": false, "temperature": 0.02, "weight": 0.3, "energy": 0.5,
/// "bpm": 0.3, "key": 0.2, "candidates": 50}`. Errors name the field as `transition.<key>`.
public struct TransitionSettings: Codable, Sendable, Hashable {
    /// Whether transition mode shapes the queue (off by default).
    public var enabled: Bool
    /// Softmax temperature ≥ 0 over utilities in score units; 0 always takes the best candidate.
    public var temperature: Double
    /// How much closeness to the previous track adds to the DJ score, in [0, 10].
    public var weight: Double
    /// Relative weight of energy closeness in the closeness mix, ≥ 0.
    public var energy: Double
    /// Relative weight of BPM closeness (used when both tracks have a BPM), ≥ 0.
    public var bpm: Double
    /// Relative weight of key closeness (used when both tracks have a parsable key), ≥ 0.
    public var key: Double
    /// How many of the best eligible candidates the softmax draws from, 1…300.
    public var candidates: Int

    /// The defaults, disabled.
    public static let off = TransitionSettings(unchecked: false)

    /// Creates settings after checking every value; the error names `transition.<field>`.
    public init(enabled: Bool = true, temperature: Double = 0.02, weight: Double = 0.3, energy: Double = 0.5,
                bpm: Double = 0.3, key: Double = 0.2, candidates: Int = 50) throws(ValidationError) {
        self.init(unchecked: enabled, temperature: temperature, weight: weight, energy: energy, bpm: bpm, key: key,
                  candidates: candidates)
        try validate()
    }

    init(unchecked enabled: Bool, temperature: Double = 0.02, weight: Double = 0.3, energy: Double = 0.5,
         bpm: Double = 0.3, key: Double = 0.2, candidates: Int = 50) {
        self.enabled = enabled
        self.temperature = temperature
        self.weight = weight
        self.energy = energy
        self.bpm = bpm
        self.key = key
        self.candidates = candidates
    }

    enum CodingKeys: String, CodingKey { case enabled, temperature, weight, energy, bpm, key, candidates }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let d = TransitionSettings.off
        self.init(unchecked: try c.decodeIfPresent(Bool.self, forKey: .enabled) ?? d.enabled,
                  temperature: try c.decodeIfPresent(Double.self, forKey: .temperature) ?? d.temperature,
                  weight: try c.decodeIfPresent(Double.self, forKey: .weight) ?? d.weight,
                  energy: try c.decodeIfPresent(Double.self, forKey: .energy) ?? d.energy,
                  bpm: try c.decodeIfPresent(Double.self, forKey: .bpm) ?? d.bpm,
                  key: try c.decodeIfPresent(Double.self, forKey: .key) ?? d.key,
                  candidates: try c.decodeIfPresent(Int.self, forKey: .candidates) ?? d.candidates)
        try validate()
    }

    /// Checks every value; the error names `transition.<field>`.
    public func validate() throws(ValidationError) {
        guard temperature.isFinite, temperature >= 0, temperature <= 100 else {
            throw ValidationError(field: "transition.temperature", "must be a number between 0 and 100 (got \(temperature))")
        }
        guard weight.isFinite, weight >= 0, weight <= 10 else {
            throw ValidationError(field: "transition.weight", "must be a number between 0 and 10 (got \(weight))")
        }
        for (name, value) in [("energy", energy), ("bpm", bpm), ("key", key)] {
            guard value.isFinite, value >= 0, value <= 100 else {
                throw ValidationError(field: "transition.\(name)", "must be a number between 0 and 100 (got \(value))")
            }
        }
        guard energy + bpm + key > 0 else {
            throw ValidationError(field: "transition.energy", "energy, bpm and key must not all be 0")
        }
        guard (1...300).contains(candidates) else {
            throw ValidationError(field: "transition.candidates", "must be between 1 and 300 (got \(candidates))")
        }
    }
}
