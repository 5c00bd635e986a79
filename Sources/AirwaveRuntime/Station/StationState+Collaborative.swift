import AirwaveCore

extension StationState {
    /// What the DJ needs for the collaborative term, or nil when it is off (weight 0) or has no evidence
    /// yet, so requests then take the content-only path unchanged.
    var collaborativeBoost: CollaborativeBoost? {
        let boost = CollaborativeBoost(weight: settings.collaborativeWeight, neighbours: neighbours)
        return boost.isActive ? boost : nil
    }
}
