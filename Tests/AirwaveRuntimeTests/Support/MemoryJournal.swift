import AirwaveCore
import AirwaveRuntime
import Foundation
import Synchronization

/// A journal that keeps everything in memory and, like the store, folds implicit plays into the book.
final class MemoryJournal: RuntimeJournal {
    let plays = Mutex<[PlayEvent]>([])
    let states = Mutex<[String: ListenerState]>([:])
    let departures = Mutex<[String]>([])
    let book: ProfileBook

    init(book: ProfileBook) { self.book = book }

    func trackEnded(_ play: PlayEvent) {
        plays.withLock { $0.append(play) }
        if play.outcome == .played, let current = book.profile(of: play.userID) {
            let learned = current.profile.learning(try! Feedback(.play), about: play.track)
            book.update(play.userID, to: VersionedProfile(profile: learned, version: current.version + 1))
        }
    }

    func listenerChanged(_ state: ListenerState) {
        states.withLock { $0["\(state.stationID)/\(state.userID)"] = state }
    }

    func listenerLeft(stationID: String, userID: String, at: Date) {
        departures.withLock { $0.append("\(stationID)/\(userID)") }
        _ = states.withLock { $0.removeValue(forKey: "\(stationID)/\(userID)") }
    }

    var allPlays: [PlayEvent] { plays.withLock { $0 } }
}

/// Small catalogs and stations for runtime tests.
enum Fixtures {
    static let genres = ["jazz", "rock", "metal", "pop", "folk"]
    static let moods = ["mellow", "energetic", "calm", "upbeat"]

    /// `count` tracks cycling through genres, moods and 12 artists, each `duration` seconds long.
    static func catalog(count: Int = 60, duration: Double = 180) -> Catalog {
        let tracks = (0..<count).map { i in
            let tempo: Tempo = [.slow, .medium, .fast][i % 3]
            let energy = Double(i % 10) / 10
            let length: Double = duration + Double(i % 7) * 10
            return try! Track(trackID: "t\(i)", title: "Song \(i)", artist: "Artist \(i % 12)", genre: genres[i % genres.count],
                              mood: moods[i % moods.count], energy: energy, tempo: tempo, duration: length)
        }
        return try! Catalog(tracks: tracks)
    }

    static func settings(id: String = "test-fm", timezone: String = "UTC", queueSize: Int = 5) -> StationSettings {
        try! StationSettings(id: id, name: "Test FM", timezone: timezone, queueSize: queueSize)
    }

    /// 2026-11-23 at `hour`:`minute` UTC.
    static func date(hour: Int, minute: Int = 0) -> Date {
        var components = DateComponents()
        components.year = 2026; components.month = 11; components.day = 23
        components.hour = hour; components.minute = minute
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        return calendar.date(from: components)!
    }
}
