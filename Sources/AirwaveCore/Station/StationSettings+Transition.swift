extension StationSettings {
    /// The transition settings that shape the queue: the station's when enabled, otherwise ``TransitionSettings/off``.
    public var activeTransition: TransitionSettings {
        if let transition, transition.enabled { return transition }
        return .off
    }
}
