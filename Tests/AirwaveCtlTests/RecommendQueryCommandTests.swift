import AirwaveAPI
import AirwaveDaemonTestSupport
import Foundation
import Testing

@Suite("airwavectl recommend --query against a real daemon")
struct RecommendQueryCommandTests {
    @Test func queryMatchesTheDaemonsAnswerAndShowsHowItWasRead() throws {
        let daemon = try TestDaemon()
        let ctl = CtlRunner(url: daemon.baseURL)
        #expect(ctl.run(["listeners", "add", "jazz-lounge", "gil", "--genres", "jazz=1"]).code == 0)
        let args = ["recommend", "jazz-lounge", "gil", "--query", "songs by Miles Davis", "--size", "3",
                    "--at", "2026-11-23T20:00:00Z"]
        let json = ctl.run(args + ["--json"])
        #expect(json.code == 0, "\(json.err)")
        let decoded = try APIJSON.decoder().decode(QueryTrackList.self, from: Data(json.out.utf8))
        let direct = try daemon.request("GET", "/stations/jazz-lounge/listeners/gil/recommendations?q=songs%20by%20Miles%20Davis&size=3&at=2026-11-23T20:00:00Z")
            .json(QueryTrackList.self)
        #expect(decoded == direct)
        #expect(decoded.tracks.first?.track.artist == "Miles Davis")

        let human = ctl.run(args)
        #expect(human.code == 0)
        #expect(human.out.contains("query: \"songs by Miles Davis\""))
        #expect(human.out.contains("understood: title/artist/album words: miles davis"))
        #expect(human.out.contains("artist Miles Davis"))

        let noise = ctl.run(["recommend", "jazz-lounge", "gil", "--query", "asdf qwerty"])
        #expect(noise.code == 1)
        #expect(noise.err.contains("query_not_understood"))
        #expect(ctl.run(["recommend", "jazz-lounge", "gil", "--query", "jazz", "--discovery", "0"]).code != 0)
    }
}
