/// A musical key as a position on the Camelot wheel: numbers 1…12 around the circle of fifths, `A` for
/// minor and `B` for major (8B = C major, 8A = A minor).
///
/// Parses standard notation (`C`, `F#m`, `Bb`, `Ebm`, `C minor`, `Dbmaj`) and Camelot (`8A`, `12b`).
public struct MusicalKey: Sendable, Hashable, CustomStringConvertible {
    /// Position on the wheel, 1…12.
    public let camelotNumber: Int
    /// Whether the key is minor (Camelot letter A); major keys are B.
    public let isMinor: Bool

    /// Creates a key from its Camelot position; nil unless `number` is 1…12.
    public init?(camelot number: Int, minor: Bool) {
        guard (1...12).contains(number) else { return nil }
        camelotNumber = number
        isMinor = minor
    }

    /// Creates a key from a pitch class (C = 0 … B = 11) and mode.
    public init(pitchClass: Int, minor: Bool) {
        let pc = ((pitchClass % 12) + 12) % 12
        // C major is 8B and each fifth up is one step clockwise; a minor key sits with its relative
        // major, three semitones up (A minor with C major at 8).
        let number = ((7 * (minor ? pc + 3 : pc) + 8) % 12)
        camelotNumber = number == 0 ? 12 : number
        isMinor = minor
    }

    /// Parses standard or Camelot notation; nil for anything else (empty, `H`, `13A`, `C##`).
    public init?(_ text: String) {
        let chars = Array(text.trimmingWhitespace())
        guard let first = chars.first else { return nil }
        if first.isNumber {
            guard chars.count >= 2, let letter = chars.last?.uppercased(), letter == "A" || letter == "B",
                  let number = Int(String(chars.dropLast())) else { return nil }
            self.init(camelot: number, minor: letter == "A")
            return
        }
        let naturals: [Character: Int] = ["C": 0, "D": 2, "E": 4, "F": 5, "G": 7, "A": 9, "B": 11]
        guard let base = naturals[Character(first.uppercased())] else { return nil }
        var pc = base
        var rest = chars.dropFirst()
        if let accidental = rest.first {
            if accidental == "#" || accidental == "♯" { pc += 1; rest = rest.dropFirst() }
            else if accidental == "b" || accidental == "♭" { pc -= 1; rest = rest.dropFirst() }
        }
        let mode = String(rest).trimmingWhitespace().lowercased()
        switch mode {
        case "", "maj", "major": self.init(pitchClass: pc, minor: false)
        case "m", "min", "minor": self.init(pitchClass: pc, minor: true)
        default: return nil
        }
    }

    /// Camelot notation, e.g. `8A`.
    public var camelot: String { "\(camelotNumber)\(isMinor ? "A" : "B")" }

    /// The Camelot notation.
    public var description: String { camelot }

    /// Steps between two keys: the shorter way round the wheel (0…6) plus one when the modes differ.
    /// Same key 0; one step or the relative major/minor 1.
    public func distance(to other: MusicalKey) -> Int {
        let around = abs(camelotNumber - other.camelotNumber)
        return min(around, 12 - around) + (isMinor == other.isMinor ? 0 : 1)
    }

    /// Whether a DJ can mix between the keys: the same key, ±1 on the wheel in the same mode, or the
    /// relative major/minor (same number).
    public func isCompatible(with other: MusicalKey) -> Bool { distance(to: other) <= 1 }
}

extension String {
    /// The string without leading and trailing spaces and tabs (no Foundation needed).
    fileprivate func trimmingWhitespace() -> Substring {
        var s = Substring(self)
        while let c = s.first, c.isWhitespace { s = s.dropFirst() }
        while let c = s.last, c.isWhitespace { s = s.dropLast() }
        return s
    }
}

extension Substring {
    fileprivate func trimmingWhitespace() -> Substring { String(self).trimmingWhitespace() }
}
