import Foundation

/// How query text and catalog names are cut into comparable words.
///
/// Both sides go through the same function, so "Hip-Hop", "hip hop" and "HIP‑HOP" meet as `hip hop`, and
/// "'80s", "80's" and "80s" all become `80s`. Case and diacritics are folded ("Beyoncé" → `beyonce`).
public enum QueryText {
    /// The lower-case, diacritic-free words of `text`: runs of letters and digits; apostrophes are dropped
    /// inside a word (so "don't" → `dont`); every other character separates words.
    public static func words(_ text: String) -> [String] {
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

    /// `words(text)` joined by single spaces (the key phrases are stored under).
    public static func key(_ text: String) -> String { words(text).joined(separator: " ") }
}
