@testable import AirwaveDaemon
import AirwaveAPI
import Foundation
import Testing

@Suite("Hand-written status reply")
struct StatusReplyJSONTests {
    @Test("the same bytes as APIJSON.encoder() for hostile names, any station count and awkward uptimes")
    func sameBytes() throws {
        let names = InteractionReplyJSONTests.keys
        let uptimes: [Double] = [0, 1, 0.5, 12.345, 86_400.001, 1e-05, 0.1 + 0.2, 123_456_789.123]
        for count in 0..<5 {
            for uptime in uptimes {
                let stations = (0..<count).map { i in
                    StatusView.Station(id: "station-\(i)", name: names[(i + count) % names.count],
                                       listeners: i * 1_000_003, tracks: i * 77)
                }
                let view = StatusView(version: "0.1.0 \"dev\"/x", uptimeSeconds: uptime,
                                      listeners: stations.reduce(0) { $0 + $1.listeners }, stations: stations)
                let expected = Array(try APIJSON.encoder().encode(view))
                let written = StatusReplyJSON.encode(view)
                #expect(written == expected, "\(String(decoding: written, as: UTF8.self)) vs \(String(decoding: expected, as: UTF8.self))")
                #expect(try APIJSON.decoder().decode(StatusView.self, from: Data(written)) == view)
            }
        }
    }
}
