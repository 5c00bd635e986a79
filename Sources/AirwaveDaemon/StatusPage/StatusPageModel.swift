import AirwaveAPI
import AirwaveRuntime
import AirwaveStore
import Foundation

/// Everything the status page shows, gathered at one instant; rendering is a pure function of it.
struct StatusPageModel: Sendable {
    /// One listener line: who, and what they hear now.
    struct Listener: Sendable {
        var userID: String
        var paused: Bool
        var artist: String?
        var title: String?
        /// Why the DJ chose it (the pick's reasons, most important first).
        var reasons: [String] = []
        /// Seconds into the track.
        var position: Double
        /// Length of the track in seconds.
        var duration: Double
    }

    /// One station panel.
    struct Station: Sendable {
        var id: String
        var name: String
        var timezone: String
        var trackCount: Int
        var listenerCount: Int
        /// The first `listenerLimit` listeners by user id.
        var listeners: [Listener]
        /// The last 24 local hours; nil when the database did not answer.
        var analytics: StationAnalytics?
    }

    /// Listener lines shown per station; a busy station says how many more there are.
    static let listenerLimit = 25

    var generatedAt: Date
    var stations: [Station]

    /// Reads the runtime and, per station, the last 24 whole local hours of analytics from the store.
    static func collect(_ services: DaemonServices, now: Date) -> StatusPageModel {
        let stations = services.runtime.allStations().sorted { $0.id < $1.id }.map { station -> Station in
            let settings = station.settings
            let listeners = station.listeners(after: nil, limit: listenerLimit).map { snapshot -> Listener in
                guard let playing = snapshot.nowPlaying, !snapshot.paused else {
                    return Listener(userID: snapshot.userID, paused: snapshot.paused, artist: nil, title: nil,
                                    position: 0, duration: 0)
                }
                let duration = playing.endsAt.timeIntervalSince(playing.startedAt)
                return Listener(userID: snapshot.userID, paused: false, artist: playing.queued.track.artist,
                                title: playing.queued.track.title, reasons: playing.queued.reasons,
                                position: min(max(0, now.timeIntervalSince(playing.startedAt)), duration),
                                duration: duration)
            }
            let analytics = try? services.stationAnalytics(
                station.id, from: dayStart(before: now, in: settings.timeZone), to: now,
                timeZone: settings.timezone)
            return Station(id: station.id, name: settings.name, timezone: settings.timezone,
                           trackCount: station.trackCount, listenerCount: station.listenerCount,
                           listeners: listeners, analytics: analytics)
        }
        return StatusPageModel(generatedAt: now, stations: stations)
    }

    /// The start of the local hour 23 hours before `now`, so the chart has 24 whole-hour bars ending now.
    static func dayStart(before now: Date, in zone: TimeZone) -> Date {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let earlier = now.addingTimeInterval(-23 * 3_600)
        return calendar.dateInterval(of: .hour, for: earlier)?.start ?? earlier
    }
}
