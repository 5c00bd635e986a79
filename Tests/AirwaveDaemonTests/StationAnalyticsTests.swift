import AirwaveDaemonTestSupport
import AirwaveAPI
import AirwaveCore
import AirwaveStore
import Foundation
import Testing
@testable import AirwaveDaemon

@Suite("Station analytics: GET /stations/{id}/analytics and the SQL function behind it")
struct StationAnalyticsTests {
    let daemon: TestDaemon

    init() throws { daemon = try TestDaemon() }

    /// Tracks in the test catalog: enough that the repeat window never runs dry during the script.
    static let trackCount = 30

    /// `trackCount` tracks in three genres by seven artists, in a zone one hour east of UTC in November.
    static var station: [String: Any] {
        let genres = ["jazz", "rock", "folk"]
        var tracks: [[String: Any]] = []
        for i in 0..<trackCount {
            let energy: Double = 0.2 + Double(i) / 50
            let duration: Int = 180 + 10 * (i % 8)
            tracks.append(["track_id": "t\(i)", "title": "Song \(i)", "artist": "Artist \(i % 7)",
                           "genre": genres[i % 3], "mood": "calm", "energy": energy, "tempo": "medium",
                           "duration": duration])
        }
        return ["id": "stats-fm", "name": "Stats FM", "timezone": "Europe/Berlin", "queue_size": 6, "tracks": tracks]
    }

    /// A like or favorite the test sent, to count by hand.
    struct SentLike { let user: String; let track: String; let at: Date }

    /// Sends `type` about what `user` hears now, 10 seconds into the track; returns the track id.
    @discardableResult
    func feedback(_ type: String, user: String, likes: inout [SentLike]) throws -> String {
        let runtime = try daemon.services.runtime.station("stats-fm")
        let snap = try runtime.queue(of: user)
        let track = try #require(snap.nowPlaying).queued.track.trackID
        let reply = try daemon.send("POST", "/stations/stats-fm/listeners/\(user)/interactions",
                                    json: ["track_id": track, "type": type])
        #expect(reply.status == 201, "\(reply.text)")
        if type == "like" || type == "favorite" { likes.append(SentLike(user: user, track: track, at: daemon.clock.now())) }
        try daemon.services.journal.flush()
        return track
    }

    /// A scripted history: two listeners, plays, likes, a favorite and skips.
    func script() throws -> [SentLike] {
        #expect(try daemon.send("POST", "/stations", json: Self.station).status == 201)
        var likes: [SentLike] = []
        try daemon.join("stats-fm", "ana", preferences: ["genres": ["jazz": 0.8], "discovery_factor": 0.5])
        try daemon.join("stats-fm", "ben", preferences: ["genres": ["rock": 0.8], "discovery_factor": 0])
        try daemon.playThrough(station: "stats-fm", user: "ana", count: 3)
        try daemon.playThrough(station: "stats-fm", user: "ben", count: 2)
        try daemon.advance(by: 10)
        try feedback("like", user: "ana", likes: &likes)
        try feedback("skip", user: "ana", likes: &likes)   // liked, then skipped: counts as accepted if discovery
        try feedback("skip", user: "ben", likes: &likes)
        try daemon.playThrough(station: "stats-fm", user: "ana", count: 3)
        try daemon.advance(by: 10)
        try feedback("favorite", user: "ana", likes: &likes)
        try daemon.playThrough(station: "stats-fm", user: "ana", count: 2)
        // A discovery pick skipped without a like: not accepted.
        let runtime = try daemon.services.runtime.station("stats-fm")
        for _ in 0..<12 where try runtime.queue(of: "ana").nowPlaying?.queued.discovery != true {
            try daemon.playThrough(station: "stats-fm", user: "ana", count: 1)
        }
        #expect(try runtime.queue(of: "ana").nowPlaying?.queued.discovery == true)
        try daemon.advance(by: 5)
        try feedback("skip", user: "ana", likes: &likes)
        try daemon.playThrough(station: "stats-fm", user: "ben", count: 2)
        return likes
    }

    /// What was played, from the as-run log.
    func logged() throws -> [LoggedPlay] {
        try daemon.store.plays(stationID: "stats-fm", afterSeq: nil, since: nil, userID: nil, limit: 1000)
    }

    /// Local time in Europe/Berlin with its offset, as the hour buckets are written.
    static func berlin(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "Europe/Berlin")
        formatter.dateFormat = "yyyy-MM-dd'T'HH:mm:ssxxx"
        return formatter.string(from: date)
    }

    static func query(_ date: Date) -> String {
        APIJSON.formatTimestamp(date)
    }

    /// Every figure computed by hand from the log and the likes sent, for the window [from, to).
    func expected(from: Date, to: Date, likes: [SentLike]) throws -> StationAnalytics {
        let plays = try logged().filter { $0.startedAt >= from && $0.startedAt < to }
        let n = Double(plays.count)
        func share(_ count: Int, of total: Int) -> Double { total == 0 ? 0 : Double(count) / Double(total) }
        let likesInWindow = likes.filter { $0.at >= from && $0.at < to }.count
        let discovery = plays.filter(\.discovery)
        let accepted = discovery.filter { play in
            play.outcome == .played || likes.contains {
                $0.user == play.userID && $0.track == play.trackID && $0.at >= play.startedAt && $0.at <= play.endedAt
            }
        }
        var perTrack: [String: (title: String, artist: String, plays: Int)] = [:]
        var perArtist: [String: Int] = [:]
        var perGenre: [String: Int] = [:]
        for p in plays {
            perTrack[p.trackID, default: (p.title, p.artist, 0)].plays += 1
            perArtist[p.artist, default: 0] += 1
            perGenre[p.genre, default: 0] += 1
        }
        let topTracks = perTrack.sorted { ($1.value.plays, $0.key) < ($0.value.plays, $1.key) }.prefix(10).map {
            StationAnalytics.TopTrack(trackID: $0.key, title: $0.value.title, artist: $0.value.artist, plays: $0.value.plays)
        }
        let topArtists = perArtist.sorted { ($1.value, $0.key) < ($0.value, $1.key) }.prefix(10).map {
            StationAnalytics.TopArtist(artist: $0.key, plays: $0.value)
        }
        let genreMix = perGenre.sorted { ($1.value, $0.key) < ($0.value, $1.key) }.map {
            StationAnalytics.GenreShare(genre: $0.key, share: Double($0.value) / n)
        }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "Europe/Berlin")!
        var hours: [StationAnalytics.HourPlays] = []
        var hour = calendar.dateInterval(of: .hour, for: from)!.start
        while hour < to {
            let next = hour.addingTimeInterval(3600)
            hours.append(.init(hour: Self.berlin(hour),
                               plays: plays.filter { $0.startedAt >= hour && $0.startedAt < next }.count))
            hour = next
        }
        return StationAnalytics(
            stationID: "stats-fm", from: from, to: to,
            plays: plays.count, uniqueListeners: Set(plays.map(\.userID)).count,
            skipRate: share(plays.filter { $0.outcome == .skipped }.count, of: plays.count),
            likeRate: min(1, share(likesInWindow, of: plays.count)),
            discoveryAcceptance: share(accepted.count, of: discovery.count),
            topTracks: Array(topTracks), topArtists: Array(topArtists), genreMix: genreMix,
            catalogCoverage: Double(Set(plays.map(\.trackID)).count) / Double(Self.trackCount), playsPerHour: hours)
    }

    /// Equal up to the 6-decimal rounding of rates.
    func expectClose(_ got: StationAnalytics, _ want: StationAnalytics, sourceLocation: SourceLocation = #_sourceLocation) {
        func close(_ a: Double, _ b: Double) -> Bool { abs(a - b) <= 5e-7 }
        #expect(got.stationID == want.stationID, sourceLocation: sourceLocation)
        #expect(got.from == want.from, sourceLocation: sourceLocation)
        #expect(got.to == want.to, sourceLocation: sourceLocation)
        #expect(got.plays == want.plays, sourceLocation: sourceLocation)
        #expect(got.uniqueListeners == want.uniqueListeners, sourceLocation: sourceLocation)
        #expect(close(got.skipRate, want.skipRate), "skip_rate \(got.skipRate) vs \(want.skipRate)", sourceLocation: sourceLocation)
        #expect(close(got.likeRate, want.likeRate), "like_rate \(got.likeRate) vs \(want.likeRate)", sourceLocation: sourceLocation)
        #expect(close(got.discoveryAcceptance, want.discoveryAcceptance),
                "discovery_acceptance \(got.discoveryAcceptance) vs \(want.discoveryAcceptance)", sourceLocation: sourceLocation)
        #expect(got.topTracks == want.topTracks, sourceLocation: sourceLocation)
        #expect(got.topArtists == want.topArtists, sourceLocation: sourceLocation)
        #expect(got.genreMix.map(\.genre) == want.genreMix.map(\.genre), sourceLocation: sourceLocation)
        #expect(zip(got.genreMix, want.genreMix).allSatisfy { close($0.share, $1.share) }, sourceLocation: sourceLocation)
        #expect(close(got.catalogCoverage, want.catalogCoverage), sourceLocation: sourceLocation)
        #expect(got.playsPerHour == want.playsPerHour, sourceLocation: sourceLocation)
    }

    @Test("figures over a window match a hand count of what was played")
    func figures() throws {
        let likes = try script()
        let plays = try logged()
        #expect(plays.count >= 12)
        #expect(plays.contains { $0.outcome == .skipped })
        #expect(plays.contains { $0.discovery }, "the script should include discovery picks")

        let from = TestDaemon.start.addingTimeInterval(-3600), to = daemon.clock.now().addingTimeInterval(3600)
        let reply = try daemon.request("GET", "/stations/stats-fm/analytics?from=\(Self.query(from))&to=\(Self.query(to))")
        #expect(reply.status == 200, "\(reply.text)")
        let got = try reply.json(StationAnalytics.self)
        let want = try expected(from: from, to: to, likes: likes)
        expectClose(got, want)
        #expect(got.plays == plays.count)
        #expect(got.uniqueListeners == 2)
        #expect(got.skipRate > 0 && got.likeRate > 0 && got.catalogCoverage < 1)
        #expect(got.discoveryAcceptance > 0 && got.discoveryAcceptance < 1, "one discovery pick liked then skipped, one just skipped")
        #expect(got.playsPerHour.first?.hour.hasSuffix("+01:00") == true, "hours are local to Europe/Berlin")
        #expect(got.playsPerHour.reduce(0) { $0 + $1.plays } == got.plays)
    }

    @Test("the window is [from, to): a play starting at from counts, one starting at to does not")
    func halfOpenWindow() throws {
        let likes = try script()
        let plays = try logged().sorted { $0.startedAt < $1.startedAt }
        let from = plays[3].startedAt, to = plays[plays.count - 3].startedAt
        let reply = try daemon.request("GET", "/stations/stats-fm/analytics?from=\(Self.query(from))&to=\(Self.query(to))")
        #expect(reply.status == 200, "\(reply.text)")
        let got = try reply.json(StationAnalytics.self)
        expectClose(got, try expected(from: from, to: to, likes: likes))
        #expect(got.plays == plays.filter { $0.startedAt >= from && $0.startedAt < to }.count)
    }

    @Test("the API and the SQL function station_analytics give the same figures")
    func apiMatchesSQL() throws {
        _ = try script()
        let from = TestDaemon.start.addingTimeInterval(-7200), to = daemon.clock.now()
        let api = try daemon.request("GET", "/stations/stats-fm/analytics?from=\(Self.query(from))&to=\(Self.query(to))")
        #expect(api.status == 200)
        let sql = try daemon.store.stationAnalyticsJSON(stationID: "stats-fm", from: from, to: to, timeZone: "Europe/Berlin")
        let fromSQL = try APIJSON.decoder().decode(StationAnalytics.self, from: Data(sql.utf8))
        #expect(try api.json(StationAnalytics.self) == fromSQL)
        #expect(fromSQL.plays > 0)
    }

    @Test("without from and to the window is the last 24 hours")
    func defaultWindow() throws {
        _ = try script()
        let now = daemon.clock.now()
        let reply = try daemon.request("GET", "/stations/stats-fm/analytics")
        #expect(reply.status == 200, "\(reply.text)")
        let got = try reply.json(StationAnalytics.self)
        #expect(got.to == now)
        #expect(got.from == now.addingTimeInterval(-86_400))
        #expect(got.plays == (try logged().count))
        #expect(got.playsPerHour.count == 25, "a window not on the hour touches 25 hours")
    }

    @Test("an empty window has zero rates, not errors")
    func emptyWindow() throws {
        _ = try script()
        let reply = try daemon.request("GET", "/stations/stats-fm/analytics?from=2020-01-01T00:00:00Z&to=2020-01-02T00:00:00Z")
        #expect(reply.status == 200)
        let got = try reply.json(StationAnalytics.self)
        #expect(got.plays == 0)
        #expect(got.skipRate == 0 && got.likeRate == 0 && got.discoveryAcceptance == 0 && got.catalogCoverage == 0)
        #expect(got.topTracks.isEmpty && got.genreMix.isEmpty)
        #expect(got.playsPerHour.count == 24 && got.playsPerHour.allSatisfy { $0.plays == 0 })
    }

    @Test("bad windows are a 400 that names the field")
    func badWindows() throws {
        let base = "/stations/eclectic/analytics"
        let notADate = try daemon.request("GET", "\(base)?from=yesterday")
        #expect(notADate.status == 400)
        #expect(notADate.errorMessage.contains("from"))
        let noOffset = try daemon.request("GET", "\(base)?to=2026-11-23T10:00:00")
        #expect(noOffset.status == 400)
        #expect(noOffset.errorMessage.contains("to"))
        let reversed = try daemon.request("GET", "\(base)?from=2026-11-23T10:00:00Z&to=2026-11-23T10:00:00Z")
        #expect(reversed.status == 400)
        #expect(reversed.errorMessage.contains("from"))
        let tooLong = try daemon.request("GET", "\(base)?from=2025-01-01T00:00:00Z&to=2026-02-01T00:00:00Z")
        #expect(tooLong.status == 400)
        #expect(tooLong.errorMessage.contains("366 days"))
        let leapYear = try daemon.request("GET", "\(base)?from=2024-01-01T00:00:00%2B01:00&to=2025-01-01T00:00:00%2B01:00")
        #expect(leapYear.status == 200, "366 days is allowed: \(leapYear.errorMessage)")
        #expect(try daemon.request("GET", "/stations/nope/analytics").status == 404)
    }
}
