/// The published query taxonomy: nine categories a listener's taste should shape, ten the catalog answers.
public enum QueryCategory: String, CaseIterable, Codable, Sendable, Hashable {
    // Personalized: mood, activity, situation, "that I will like".
    case emotionalState = "emotional_state"
    case sport
    case homeLeisure = "home_leisure"
    case workStudy = "work_study"
    case lifeSituation = "life_situation"
    case travel
    case fantasySituation = "fantasy_situation"
    case romantic
    case explicitTaste = "explicit_taste"
    // Catalog: answered from what the tracks are.
    case culturalContext = "cultural_context"
    case existingEntities = "existing_entities"
    case trendsCharts = "trends_charts"
    case inTheStyleOf = "in_the_style_of"
    case children
    case soundtracks
    case musicalCharacteristics = "musical_characteristics"
    case otherPeople = "other_people"
    case publicPlaces = "public_places"
    case noise

    /// Whether the listener's taste should shape the answer (α's positive class).
    public var isPersonalized: Bool {
        switch self {
        case .emotionalState, .sport, .homeLeisure, .workStudy, .lifeSituation, .travel, .fantasySituation,
             .romantic, .explicitTaste:
            return true
        default:
            return false
        }
    }

    /// A label for people ("work and study").
    public var label: String { rawValue.replacingOccurrences(of: "_", with: " ") }
}
