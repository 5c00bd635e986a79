extension StationSettings {
    /// The collaborative weight a station gets unless its file says otherwise (chosen by the simulator
    /// sweep in Tests/AirwaveRuntimeTests/CollaborativeSimulatorTests.swift; see docs/collaborative.md).
    public static let defaultCollaborativeWeight = 0.3

    /// Encodes every key; `collaborative_weight` only when it differs from the default, so answers for
    /// stations that never set it keep the shape the API documents.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(name, forKey: .name)
        try c.encode(timezone, forKey: .timezone)
        try c.encode(contextWeight, forKey: .contextWeight)
        try c.encode(dayparts, forKey: .dayparts)
        try c.encode(weights, forKey: .weights)
        try c.encode(similarity, forKey: .similarity)
        try c.encode(queueSize, forKey: .queueSize)
        try c.encodeIfPresent(catalog, forKey: .catalog)
        try c.encodeIfPresent(transition, forKey: .transition)
        if collaborativeWeight != StationSettings.defaultCollaborativeWeight {
            try c.encode(collaborativeWeight, forKey: .collaborativeWeight)
        }
    }
}
