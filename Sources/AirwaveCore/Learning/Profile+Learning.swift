extension Profile {
    /// The weight a learning step starts from when the profile has none yet (as in the reference).
    public static let unheardWeight = 0.5

    /// Applies one feedback event about `track` to this profile.
    ///
    /// The track's genre, artist and mood weights each become clamp((current or 0.5) + strength, 0, 1);
    /// energy, tempo and discovery are untouched. The interaction count grows by one.
    public mutating func learn(_ feedback: Feedback, about track: Track) {
        let s = feedback.strength
        Profile.nudge(&genres, track.genre, by: s)
        Profile.nudge(&artists, track.artist, by: s)
        Profile.nudge(&moods, track.mood, by: s)
        totalInteractions += 1
    }

    /// Returns this profile after `feedback` about `track`.
    public func learning(_ feedback: Feedback, about track: Track) -> Profile {
        var copy = self
        copy.learn(feedback, about: track)
        return copy
    }

    private static func nudge(_ weights: inout [String: Double], _ key: String, by strength: Double) {
        let current = weights[key] ?? unheardWeight
        weights[key] = min(1, max(0, current + strength))
    }
}
