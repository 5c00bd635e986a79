import Foundation

extension DJ {
    /// The reasons for several picks ranked for the same `profile`, `at` and `likes`, as
    /// ``reasons(forIndex:discovery:profile:at:likes:)`` gives them one by one, but blending the profile and
    /// building the scoring table once for all of them (a batched queue refill keeps several picks of one
    /// ranking). A removed index gets no reasons.
    public func reasons(for picks: [(index: Int, discovery: Bool)], profile: Profile, at: Date, likes: [Track]) -> [[String]] {
        guard !picks.isEmpty else { return [] }
        let effective = effectiveProfile(profile, at: at)
        let table = table(for: effective)
        return picks.map { pick in
            catalog.track(at: pick.index) == nil ? [] : reasons(for: pick.index, discovery: pick.discovery, table, effective, likes)
        }
    }
}
