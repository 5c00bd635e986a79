import Foundation
@testable import AirwaveCore

/// A hand-checkable catalog and the shipped query data, for the query tests.
enum QueryFixture {
    static func track(_ id: String, _ title: String, _ artist: String, album: String? = nil, genre: String,
                      mood: String, energy: Double, tempo: Tempo, year: Int?) -> Track {
        try! Track(trackID: id, title: title, artist: artist, genre: genre, mood: mood, energy: energy, tempo: tempo,
                   duration: 200, album: album, year: year)
    }

    /// Eight tracks: three by Miles Davis, one by a "Davis" who is not Miles, a "Miles" in a title, metal and
    /// ambient from the 1980s, a bossa nova track (a genre only the catalog knows).
    static let tracks: [Track] = [
        track("t0", "Night Train", "The Davis Trio", genre: "jazz", mood: "groovy", energy: 0.6, tempo: .medium, year: 1962),
        track("t1", "So What", "Miles Davis", album: "Kind of Blue", genre: "jazz", mood: "mellow", energy: 0.42, tempo: .fast, year: 1959),
        track("t2", "Blue in Green", "Miles Davis", album: "Kind of Blue", genre: "jazz", mood: "calm", energy: 0.22, tempo: .slow, year: 1959),
        track("t3", "Eight Miles High", "The Byrds", genre: "rock", mood: "dreamy", energy: 0.6, tempo: .medium, year: 1966),
        track("t4", "Master of Puppets", "Metallica", genre: "metal", mood: "aggressive", energy: 0.95, tempo: .fast, year: 1986),
        track("t5", "An Ending (Ascent)", "Brian Eno", genre: "ambient", mood: "calm", energy: 0.1, tempo: .slow, year: 1983),
        track("t6", "Tutu", "Miles Davis", album: "Tutu", genre: "jazz", mood: "dark", energy: 0.5, tempo: .medium, year: 1986),
        track("t7", "Garota de Ipanema", "João Gilberto", genre: "bossa-nova", mood: "mellow", energy: 0.35, tempo: .medium, year: 1963),
    ]

    static func dj(_ tracks: [Track] = tracks) -> DJ { Fixture.dj(tracks) }

    /// The repository's `data/` folder.
    static let dataDir = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("data")

    static let lexicon: QueryLexicon = try! JSONDecoder().decode(
        QueryLexicon.self, from: Data(contentsOf: dataDir.appendingPathComponent("query-lexicon.json")))

    static let labels: [LabeledQuery] = try! LabeledQuery.parseTSV(
        String(contentsOf: dataDir.appendingPathComponent("query-labels.tsv"), encoding: .utf8))

    static func index(_ dj: DJ) -> QueryIndex { QueryIndex(catalog: dj.catalog, lexicon: lexicon) }

    /// Track ids of a query playlist, best first.
    static func ids(_ list: QueryPlaylist) -> [String] { list.picks.map(\.pick.track.trackID) }
}
