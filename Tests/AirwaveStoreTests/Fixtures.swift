import AirwaveCore
import AirwaveStore
import AirwaveTestSupport
import Foundation

/// Shared helpers: a migrated store on a fresh database, and small catalogs.
enum Fixtures {
    /// A store on a brand-new, migrated database.
    static func store(poolSize: Int = 4) throws -> Store {
        let store = try Store(connectionString: try TestPostgres.shared.freshDatabase(), poolSize: poolSize)
        _ = try store.migrate()
        return store
    }

    static func station(_ id: String, name: String = "Station") -> StationRecord {
        StationRecord(id: id, name: name, settings: Data(#"{"id":"\#(id)"}"#.utf8), source: .api, catalogHash: nil)
    }

    static let genres = ["rock", "jazz", "metal", "pop", "folk"]
    static let moods = ["calm", "upbeat", "dark", "mellow"]

    /// `count` valid tracks with varied genres, artists and moods.
    static func tracks(_ count: Int, prefix: String = "t") -> [Track] {
        (0..<count).map { (i: Int) -> Track in
            let duration = 180.0 + Double(i % 300)
            let energy = Double(i % 11) / 10
            return try! Track(trackID: "\(prefix)\(i)", title: "Title \(i)", artist: "Artist \(i % 7)",
                       genre: genres[i % genres.count], mood: moods[i % moods.count],
                       energy: energy, tempo: Tempo.allCases[i % 3], duration: duration)
        }
    }

    /// Dates rounded to microseconds: PostgreSQL timestamps keep no more.
    static func micro(_ date: Date) -> Double {
        (date.timeIntervalSince1970 * 1_000_000).rounded()
    }
}
