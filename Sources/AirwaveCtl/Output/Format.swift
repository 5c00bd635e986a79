import Foundation

/// Small formatters shared by the human-readable outputs.
enum Format {
    /// `0.8123` → `0.81`.
    static func number(_ value: Double, digits: Int = 2) -> String {
        String(format: "%.\(digits)f", value)
    }

    /// `0.125` → `12.5%`.
    static func percent(_ value: Double) -> String { String(format: "%.1f%%", value * 100) }

    /// Seconds as `m:ss` (or `h:mm:ss`).
    static func duration(_ seconds: Double) -> String {
        let total = max(0, Int(seconds.rounded(.down)))
        let h = total / 3600, m = (total % 3600) / 60, s = total % 60
        return h > 0 ? String(format: "%d:%02d:%02d", h, m, s) : String(format: "%d:%02d", m, s)
    }

    /// A time in `zone` as `yyyy-MM-dd HH:mm:ss`.
    static func dateTime(_ date: Date, in zone: TimeZone) -> String {
        formatted(date, "yyyy-MM-dd HH:mm:ss", zone)
    }

    /// A time in `zone` as `HH:mm:ss`.
    static func time(_ date: Date, in zone: TimeZone) -> String {
        formatted(date, "HH:mm:ss", zone)
    }

    private static func formatted(_ date: Date, _ pattern: String, _ zone: TimeZone) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = zone
        formatter.dateFormat = pattern
        return formatter.string(from: date)
    }

    /// Uptime as `3d 4h 5m` / `4h 5m` / `5m 6s`.
    static func uptime(_ seconds: Double) -> String {
        let total = Int(seconds)
        let d = total / 86400, h = (total % 86400) / 3600, m = (total % 3600) / 60, s = total % 60
        if d > 0 { return "\(d)d \(h)h \(m)m" }
        if h > 0 { return "\(h)h \(m)m" }
        return "\(m)m \(s)s"
    }

    /// Weights as `jazz=0.90, soul=0.60`, heaviest first, at most `limit`.
    static func weights(_ weights: [String: Double], limit: Int = 8) -> String {
        let sorted = weights.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
        var text = sorted.prefix(limit).map { "\($0.key)=\(number($0.value))" }.joined(separator: ", ")
        if sorted.count > limit { text += ", … (\(sorted.count - limit) more)" }
        return text.isEmpty ? "-" : text
    }

    /// Truncates `text` to `limit` characters with an ellipsis.
    static func clip(_ text: String, _ limit: Int) -> String {
        text.count <= limit ? text : String(text.prefix(limit - 1)) + "…"
    }
}
