import AirwaveCore
import Foundation
@testable import AirwaveRuntime

/// A synthetic listener with a hidden taste who reacts to what they are played, driving the real runtime
/// under a manual clock the way the daemon would: feedback is committed (here: folded into the book with
/// a new version), a skip ends the track, explicit feedback refreshes up next.
struct SimulatedListener {
    /// What the listener secretly loves and hates.
    struct Taste {
        var loved: Set<String>
        var hated: Set<String>
        /// Chance of an explicit like for a loved genre (otherwise it just plays through).
        var likeChance = 0.6
        /// Chance of skipping a track that is neither loved nor hated (an impatient listener).
        var boredSkipChance = 0.5
    }

    let userID: String
    let taste: Taste
    var random: SeededRandom

    /// What happened to one played track.
    struct Outcome {
        var track: Track
        var discovery: Bool
        var liked: Bool
        var skipped: Bool
        var at: Date
    }

    /// Listens to the current track of `station` and reacts; returns what happened.
    mutating func listen(on station: StationRuntime, runtime: RadioRuntime, clock: ManualClock, book: ProfileBook) throws -> Outcome {
        let playing = try station.queue(of: userID).nowPlaying!
        let track = playing.queued.track
        try station.touch(userID: userID, now: clock.now())
        let bored = !taste.loved.contains(track.genre) && random.nextUnit() < taste.boredSkipChance
        if taste.hated.contains(track.genre) || bored {
            clock.advance(by: min(20, track.duration / 2))
            try commit(.skip, track, book: book)
            try station.skip(userID: userID, trackID: track.trackID, now: clock.now())
            runtime.refreshEverywhere(userID: userID)
            return Outcome(track: track, discovery: playing.queued.discovery, liked: false, skipped: true, at: playing.startedAt)
        }
        var liked = false
        if taste.loved.contains(track.genre), random.nextUnit() < taste.likeChance {
            clock.advance(by: 10)
            try commit(.like, track, book: book)
            runtime.refreshEverywhere(userID: userID)
            liked = true
        }
        clock.set(try station.queue(of: userID).nowPlaying!.endsAt)
        try station.touch(userID: userID, now: clock.now())
        runtime.tick()
        return Outcome(track: track, discovery: playing.queued.discovery, liked: liked, skipped: false, at: playing.startedAt)
    }

    private func commit(_ type: FeedbackType, _ track: Track, book: ProfileBook) throws {
        let current = book.profile(of: userID)!
        book.update(userID, to: VersionedProfile(profile: current.profile.learning(try Feedback(type), about: track),
                                                 version: current.version + 1))
        if type == .like { book.noteLike(userID, track: track) }
    }
}
