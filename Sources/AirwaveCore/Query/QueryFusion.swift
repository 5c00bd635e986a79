import Foundation

/// The published fusion rule: `s_final = s_query · s_personal^α`.
///
/// s_personal is the DJ's score scaled into [0.01, 1] first (DECISIONS 23), so a listener's zero never
/// wipes out a perfect catalog match, and α = 0 leaves the catalog order untouched.
public enum QueryFusion {
    /// The floor s_personal is lifted to before the exponent.
    public static let personalFloor = 0.01

    /// `0.01 + 0.99·clamp(score, 0, 1)`.
    public static func scaledPersonal(_ score: Double) -> Double {
        personalFloor + (1 - personalFloor) * min(1, max(0, score))
    }

    /// `query · scaledPersonal(personal)^clamp(alpha, 0, 1)`.
    public static func fuse(query: Double, personal: Double, alpha: Double) -> Double {
        query * pow(scaledPersonal(personal), min(1, max(0, alpha)))
    }

    /// Above this α the reasons show the listener's own terms too.
    public static let personalReasonsAlpha = 0.5
}
