import AirwaveAPI
import Foundation
import Testing

@Suite("Timestamps on the wire")
struct TimestampParsingTests {
    @Test("RFC 3339 times parse with upper- or lowercase T and Z, with offsets and fractions; local times do not")
    func parsing() throws {
        let expected = Date(timeIntervalSince1970: 1_763_922_600) // 2025-11-23T18:30:00Z
        for text in ["2025-11-23T18:30:00Z", "2025-11-23t18:30:00z", "2025-11-23T19:30:00+01:00", "2025-11-23t18:30:00.000Z"] {
            #expect(APIJSON.parseTimestamp(text) == expected, "\(text)")
        }
        for text in ["2025-11-23T18:30:00", "2025-11-23 18:30", "yesterday", "2025-11-23x18:30:00z", String(repeating: "9", count: 65)] {
            #expect(APIJSON.parseTimestamp(text) == nil, "\(text)")
        }
    }
}
