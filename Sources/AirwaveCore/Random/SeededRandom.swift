/// A small, fast, seedable generator (SplitMix64) so every random DJ decision is reproducible.
public struct SeededRandom: RandomNumberGenerator, Sendable, Hashable {
    private var state: UInt64

    /// Creates a generator whose whole sequence is determined by `seed`.
    public init(seed: UInt64) { state = seed }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A uniform double in [0, 1).
    public mutating func nextUnit() -> Double {
        Double(next() >> 11) * 0x1.0p-53
    }
}

/// A hash that is the same in every process and on every run (unlike Swift's `Hasher`), for seeds.
public struct StableHash: Sendable {
    private var value: UInt64 = 0xCBF2_9CE4_8422_2325

    /// Starts an empty FNV-1a hash.
    public init() {}

    /// Mixes the UTF-8 bytes of `text`, followed by a separator so ("ab","c") ≠ ("a","bc").
    public mutating func combine(_ text: String) {
        for byte in text.utf8 { mix(byte) }
        mix(0xFF)
    }

    /// Mixes the eight bytes of `number`.
    public mutating func combine(_ number: UInt64) {
        var n = number
        for _ in 0..<8 { mix(UInt8(truncatingIfNeeded: n)); n >>= 8 }
    }

    /// Mixes a signed integer.
    public mutating func combine(_ number: Int) { combine(UInt64(bitPattern: Int64(number))) }

    /// The finished 64-bit value.
    public var finalized: UInt64 {
        // A final avalanche so nearby inputs give unrelated seeds.
        var z = value
        z = (z ^ (z >> 33)) &* 0xFF51_AFD7_ED55_8CCD
        z = (z ^ (z >> 33)) &* 0xC4CE_B9FE_1A85_EC53
        return z ^ (z >> 33)
    }

    private mutating func mix(_ byte: UInt8) {
        value = (value ^ UInt64(byte)) &* 0x0000_0100_0000_01B3
    }
}
