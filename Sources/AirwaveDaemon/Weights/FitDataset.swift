import AirwaveCore
import AirwaveStore
import Foundation

/// Turns a station's playlist log into choice observations for the weights fit (DECISIONS 22).
///
/// Each play's alternatives are the DJ's next-best candidates at the moment it started, for the listener's
/// profile as it was then (their initial preferences plus the non-redacted events before the play). The DJ
/// is deterministic, so this reconstructs what a per-play record of the candidates would hold without
/// adding work to the live pick path.
enum FitDataset {
    /// Alternatives considered per play.
    static let alternatives = 9

    /// Observations for `plays` (any order) of users whose initial profiles and events are given.
    static func observations(plays: [LoggedPlay], initial: [String: Profile], events: [String: [InteractionRecord]],
                             dj: DJ) -> [ChoiceObservation] {
        var result: [ChoiceObservation] = []
        let byUser = Dictionary(grouping: plays, by: \.userID)
        for (user, userPlays) in byUser.sorted(by: { $0.key < $1.key }) {
            guard var profile = initial[user] else { continue }
            let history = (events[user] ?? []).filter { !$0.redacted }.sorted { $0.id < $1.id }
            var next = 0
            for play in userPlays.sorted(by: { $0.startedAt < $1.startedAt }) {
                while next < history.count, history[next].at < play.startedAt {
                    let event = history[next]
                    if let feedback = try? Feedback(event.type, rating: event.rating),
                       let track = try? Track(trackID: event.trackID, title: "-", artist: event.artist, genre: event.genre,
                                              mood: event.mood, energy: 0.5, tempo: .medium, duration: 1) {
                        profile.learn(feedback, about: track)
                    }
                    next += 1
                }
                guard let index = dj.catalog.index(of: play.trackID), let chosen = dj.catalog.track(at: index) else { continue }
                let effective = dj.effectiveProfile(profile, at: play.startedAt)
                let others = dj.recommend(PlaylistRequest(profile: profile, at: play.startedAt, size: alternatives,
                                                          excluded: [index], discoveryOverride: 0, seed: 0)).picks
                guard !others.isEmpty else { continue }
                let similarity = dj.settings.similarity
                result.append(ChoiceObservation(
                    chosen: ScoreTerms.of(chosen, for: effective, similarity: similarity),
                    alternatives: others.map { ScoreTerms.of($0.track, for: effective, similarity: similarity) },
                    accepted: play.outcome == .played))
            }
        }
        return result
    }
}
