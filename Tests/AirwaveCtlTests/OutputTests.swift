import AirwaveDaemonTestSupport
import AirwaveAPI
import Foundation
import Testing
@testable import AirwaveCtl

@Suite("formatting and parsing without a daemon")
struct OutputTests {
    @Test func tableAlignsColumns() {
        var table = Table(["ID", "COUNT", "NAME"], rightAligned: [1])
        table.add(["a", "5", "short"])
        table.add(["longer-id", "1234", "x"])
        #expect(table.render() == """
            ID         COUNT  NAME
            a              5  short
            longer-id   1234  x

            """)
    }

    @Test func weightListsParseAndNameTheOption() throws {
        #expect(try WeightList.parse("jazz=0.9,soul=0.6", option: "--genres") == ["jazz": 0.9, "soul": 0.6])
        #expect(try WeightList.parse("Miles Davis=0.8", option: "--artists") == ["Miles Davis": 0.8])
        #expect(throws: (any Error).self) { try WeightList.parse("jazz=2", option: "--genres") }
        do {
            _ = try WeightList.parse("jazz", option: "--genres")
            Issue.record("expected an error")
        } catch {
            #expect("\(error)".contains("--genres"))
        }
    }

    @Test func globalOptionsBeforeTheSubcommandMoveAfterIt() {
        #expect(hoistingGlobalOptions(["--url", "http://h:1", "--json", "stations", "show", "x"])
            == ["stations", "show", "x", "--url", "http://h:1", "--json"])
        #expect(hoistingGlobalOptions(["status", "--json"]) == ["status", "--json"])
    }

    @Test func progressBar() {
        #expect(Progress.bar(sent: 5000, total: 10000, width: 10) == "[#####-----]  50% 5000/10000 tracks")
    }

    static let sampleAnalytics = """
        {"station_id": "eclectic", "from": "2026-11-22T14:00:00Z", "to": "2026-11-23T14:00:00.000Z",
         "plays": 120, "unique_listeners": 7, "skip_rate": 0.125, "like_rate": 0.2, "discovery_acceptance": 0.75,
         "top_tracks": [{"track_id": "ec-0001", "title": "Freddie Freeloader", "artist": "Miles Davis", "plays": 9}],
         "top_artists": [{"artist": "Miles Davis", "plays": 14}],
         "genre_mix": [{"genre": "jazz", "share": 0.6}, {"genre": "metal", "share": 0.4}],
         "catalog_coverage": 0.35, "plays_per_hour": [{"hour": "2026-11-23T09:00:00+00:00", "plays": 5}, {"hour": "2026-11-23T13:00:00+00:00", "plays": 10}]}
        """

    @Test func stationAnalyticsDecodesRendersAndRoundTrips() throws {
        let analytics = try APIJSON.decoder().decode(StationAnalytics.self, from: Data(Self.sampleAnalytics.utf8))
        #expect(analytics.uniqueListeners == 7)
        #expect(analytics.topTracks.first?.trackID == "ec-0001")
        let text = AnalyticsCommand.render(analytics, zone: TimeZone(identifier: "UTC")!)
        #expect(text.contains("skip rate:            12.5%"))
        #expect(text.contains("2026-11-22 14:00:00 – 2026-11-23 14:00:00"))
        #expect(text.contains("Freddie Freeloader"))
        let hours = text.split(separator: "\n").filter { $0.contains("11-23 09:00") || $0.contains("11-23 13:00") }
        #expect(hours.count == 2)
        #expect(hours.first?.contains("11-23 09:00") == true, "hours in order")

        let pretty = try Session.prettyJSON(analytics)
        #expect(try APIJSON.decoder().decode(StationAnalytics.self, from: Data(pretty.utf8)) == analytics)
    }

    @Test func analyticsAgainstTheRealDaemon() throws {
        let daemon = try TestDaemon()
        let ctl = CtlRunner(url: daemon.baseURL)
        #expect(ctl.run(["listeners", "add", "eclectic", "ana"]).code == 0)
        try daemon.playThrough(station: "eclectic", user: "ana", count: 3)
        let text = ctl.run(["analytics", "eclectic", "--from", "2026-11-23T00:00:00Z", "--to", "2026-11-24T00:00:00Z"])
        #expect(text.code == 0, "\(text.err)")
        #expect(text.out.contains("plays:") && text.out.contains("3"))
        let json = ctl.run(["analytics", "eclectic", "--from", "2026-11-23T00:00:00Z", "--to", "2026-11-24T00:00:00Z", "--json"])
        let analytics = try APIJSON.decoder().decode(StationAnalytics.self, from: Data(json.out.utf8))
        #expect(analytics.plays == 3 && analytics.uniqueListeners == 1)
        let bad = ctl.run(["analytics", "eclectic", "--from", "2026-11-24T00:00:00Z", "--to", "2026-11-23T00:00:00Z"])
        #expect(bad.code == 1)
    }
}
