import AirwaveCore
import Synchronization

/// A profile together with the version PostgreSQL assigned it.
public struct VersionedProfile: Sendable, Equatable {
    public var profile: Profile
    /// Grows with every committed change; the book never goes back to a lower one.
    public var version: Int64
    /// The listener's overrides in force (kept by the book; ``ProfileBook/update(_:to:)`` leaves them alone).
    public var overrides: ProfileOverrides

    /// Creates a versioned profile.
    public init(profile: Profile, version: Int64, overrides: ProfileOverrides = .none) {
        self.profile = profile
        self.version = version
        self.overrides = overrides
    }
}

/// The profiles of everyone listening, shared by all stations (a profile belongs to a user, not a station).
///
/// The book only mirrors what was committed: writers pass the snapshot the store returned, and an older
/// version never replaces a newer one, so concurrent commits cannot roll a profile back.
public final class ProfileBook: Sendable {
    private struct Entry {
        var versioned: VersionedProfile
        var overrides = ProfileOverrides.none
        /// Most recent liked or favorited tracks, newest first (for "because you liked" reasons).
        var recentLikes: [Track]
        /// A fresh ``Revision`` on every change to this entry (profile, overrides, likes).
        var revision = Revision.next()
    }

    private let entries = Mutex<[String: Entry]>([:])
    private static let recentLikeLimit = 10

    /// An empty book.
    public init() {}

    /// The current profile of `userID`, if loaded.
    public func profile(of userID: String) -> VersionedProfile? {
        entries.withLock { all in
            guard let entry = all[userID] else { return nil }
            var versioned = entry.versioned
            versioned.overrides = entry.overrides
            return versioned
        }
    }

    /// Replaces the overrides of a user already in the book; returns false when the user is not loaded.
    @discardableResult
    public func setOverrides(_ userID: String, _ overrides: ProfileOverrides) -> Bool {
        entries.withLock { all in
            guard all[userID] != nil else { return false }
            all[userID]!.overrides = overrides
            all[userID]!.revision = Revision.next()
            return true
        }
    }

    /// Recently liked tracks of `userID`, newest first.
    public func recentLikes(of userID: String) -> [Track] {
        entries.withLock { $0[userID]?.recentLikes ?? [] }
    }

    /// The profile (with overrides), recent likes and revision of `userID` read together under one lock; the
    /// revision changes whenever any of them does (0 when the user is not loaded), so it can key a cache.
    public func recommendationInputs(of userID: String) -> (profile: VersionedProfile?, likes: [Track], revision: UInt64) {
        entries.withLock { all in
            guard let entry = all[userID] else { return (nil, [], 0) }
            var versioned = entry.versioned
            versioned.overrides = entry.overrides
            return (versioned, entry.recentLikes, entry.revision)
        }
    }

    /// Stores a committed snapshot unless the book already holds a newer one. Returns the book's profile.
    @discardableResult
    public func update(_ userID: String, to versioned: VersionedProfile) -> VersionedProfile {
        entries.withLock { all in
            if let current = all[userID], current.versioned.version > versioned.version {
                return current.versioned
            }
            var plain = versioned
            plain.overrides = .none
            all[userID, default: Entry(versioned: plain, recentLikes: [])].versioned = plain
            all[userID]!.revision = Revision.next()
            return versioned
        }
    }

    /// Remembers that `userID` liked `track` (newest first, bounded).
    public func noteLike(_ userID: String, track: Track) {
        entries.withLock { all in
            guard var entry = all[userID] else { return }
            entry.recentLikes.removeAll { $0.trackID == track.trackID && $0.artist == track.artist }
            entry.recentLikes.insert(track, at: 0)
            if entry.recentLikes.count > ProfileBook.recentLikeLimit { entry.recentLikes.removeLast() }
            entry.revision = Revision.next()
            all[userID] = entry
        }
    }

    /// Forgets `userID` entirely (after erasure).
    public func forget(_ userID: String) {
        _ = entries.withLock { $0.removeValue(forKey: userID) }
    }
}
