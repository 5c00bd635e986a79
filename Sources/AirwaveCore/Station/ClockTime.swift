/// A wall-clock time of day written "HH:MM" (00:00–23:59, or 24:00 as an end), stored as minutes.
public struct ClockTime: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// Minutes since local midnight, 0…1440.
    public let minutes: Int

    /// Creates a time from minutes since midnight (0…1440).
    public init(minutes: Int) { self.minutes = max(0, min(1440, minutes)) }

    /// Parses "HH:MM"; nil unless two digits, a colon and two digits within the day (24:00 allowed).
    public init?(parsing text: String) {
        let b = Array(text.utf8)
        guard b.count == 5, b[2] == UInt8(ascii: ":"),
              b.indices.allSatisfy({ $0 == 2 || (b[$0] >= 0x30 && b[$0] <= 0x39) }) else { return nil }
        let hours = Int(b[0] - 0x30) * 10 + Int(b[1] - 0x30)
        let mins = Int(b[3] - 0x30) * 10 + Int(b[4] - 0x30)
        guard mins < 60, hours < 24 || (hours == 24 && mins == 0) else { return nil }
        minutes = hours * 60 + mins
    }

    public var description: String {
        let h = minutes / 60, m = minutes % 60
        return (h < 10 ? "0\(h)" : "\(h)") + ":" + (m < 10 ? "0\(m)" : "\(m)")
    }

    /// Earlier times order first.
    public static func < (lhs: ClockTime, rhs: ClockTime) -> Bool { lhs.minutes < rhs.minutes }
}
