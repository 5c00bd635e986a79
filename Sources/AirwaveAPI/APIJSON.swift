import Foundation

/// The JSON conventions shared by the daemon and `airwavectl`: ISO 8601 dates with milliseconds.
public enum APIJSON {
    /// A fresh encoder (encoders are not shared across threads).
    public static func encoder(pretty: Bool = false) -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = pretty ? [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes] : [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var c = encoder.singleValueContainer()
            try c.encode(formatTimestamp(date))
        }
        encoder.nonConformingFloatEncodingStrategy = .throw
        return encoder
    }

    /// A fresh decoder accepting ISO 8601 dates with or without fractional seconds.
    public static func decoder() -> JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .custom { decoder in
            let c = try decoder.singleValueContainer()
            let text = try c.decode(String.self)
            guard let date = parseTimestamp(text) else {
                throw DecodingError.dataCorruptedError(in: c, debugDescription: "expected an ISO 8601 time with an offset, e.g. 2026-11-23T18:30:00Z")
            }
            return date
        }
        return decoder
    }

    /// `2026-11-23T18:30:00.000Z`.
    public static func formatTimestamp(_ date: Date) -> String {
        date.formatted(Date.ISO8601FormatStyle(includingFractionalSeconds: true))
    }

    /// Parses an ISO 8601 time that carries `Z` or an offset; a bare local time is rejected. RFC 3339 allows
    /// a lowercase `t` and `z`, and they are the only letters such a time has, so the text is uppercased first.
    public static func parseTimestamp(_ raw: String) -> Date? {
        guard raw.utf8.count <= 64 else { return nil }
        let text = raw.uppercased()
        if let date = try? Date(text, strategy: Date.ISO8601FormatStyle(includingFractionalSeconds: true)) { return date }
        if let date = try? Date(text, strategy: Date.ISO8601FormatStyle()) { return date }
        return nil
    }
}
