/// How a play in the as-run log ended.
public enum PlayOutcome: String, Codable, Sendable, Hashable {
    case played, skipped
}
