import Foundation

/// How query text and catalog names are cut into comparable words.
///
/// Both sides go through the same function, so "Hip-Hop", "hip hop" and "HIP‑HOP" meet as `hip hop`, and
/// "'80s", "80's" and "80s" all become `80s`. Case and diacritics are folded ("Beyoncé" → `beyonce`).
public enum QueryText {
    /// The lower-case, diacritic-free words of `text`: runs of letters and digits; apostrophes are dropped
    /// inside a word (so "don't" → `dont`); every other character separates words.
    public static func words(_ text: String) -> [String] {
        // Most catalog names are ASCII: split and lower-case bytes directly (the Foundation folding below
        // dominated index builds for 100k tracks). Same answer as the general path for ASCII input.
        if let ascii = asciiWords(text) { return ascii }
        let folded = text.folding(options: [.caseInsensitive, .diacriticInsensitive, .widthInsensitive], locale: nil)
        var out: [String] = []
        var current = ""
        for scalar in folded.unicodeScalars {
            if CharacterSet.alphanumerics.contains(scalar) {
                current.unicodeScalars.append(scalar)
            } else if scalar == "'" || scalar == "\u{2019}" {
                continue
            } else if !current.isEmpty {
                out.append(current.lowercased())
                current = ""
            }
        }
        if !current.isEmpty { out.append(current.lowercased()) }
        return out
    }

    /// The words of an all-ASCII `text`, or nil when it has any other character.
    static func asciiWords(_ text: String) -> [String]? {
        var out: [String] = []
        var current: [UInt8] = []
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                current.append(byte)
            case UInt8(ascii: "A")...UInt8(ascii: "Z"):
                current.append(byte + 32)
            case UInt8(ascii: "'"):
                continue
            case 0x80...:
                return nil
            default:
                if !current.isEmpty {
                    out.append(String(decoding: current, as: UTF8.self))
                    current.removeAll(keepingCapacity: true)
                }
            }
        }
        if !current.isEmpty { out.append(String(decoding: current, as: UTF8.self)) }
        return out
    }

    /// `words(text)` joined by single spaces (the key phrases are stored under).
    public static func key(_ text: String) -> String { words(text).joined(separator: " ") }
}
