import AirwaveCore
import Foundation

/// A user's current profile as stored: the fold of their non-redacted interactions over `initial`.
public struct ProfileSnapshot: Sendable, Hashable {
    /// The profile's owner.
    public var userID: String
    /// The current (learned) profile.
    public var profile: Profile
    /// The preferences the profile was created with; the fold starts here.
    public var initial: Profile
    /// Bumped by one for every folded event and every edit; lets caches and seeds notice change.
    public var version: Int64
    /// When the snapshot last changed.
    public var updatedAt: Date

    /// Creates a snapshot value.
    public init(userID: String, profile: Profile, initial: Profile, version: Int64, updatedAt: Date) {
        self.userID = userID
        self.profile = profile
        self.initial = initial
        self.version = version
        self.updatedAt = updatedAt
    }
}
