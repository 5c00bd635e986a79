@testable import AirwaveStore
import Foundation
import Testing

@Suite("Hand-read jsonb weights")
struct WeightsParsingTests {
    @Test("PostgreSQL's jsonb text reads the same as through JSONDecoder", arguments: [
        "{}", " { } ", #"{"jazz": 0.5}"#, #"{"a": 1, "b": 0.25, "c": 0}"#, #"{"x": -0.1, "y": 0.30000000000000004}"#,
        #"{"tiny": 0.00001, "exp": 1e-05, "big": 12345678901234567}"#, #"{"🎸 Ünïcödé": 0.55, "AC/DC": 0.45}"#,
        #"{"O'Brien": 0.35,"no space":1}"#,
    ])
    func sameAsDecoder(text: String) throws {
        let expected = try JSONDecoder().decode([String: Double].self, from: Data(text.utf8))
        #expect(PGRow.parseWeights(text) == expected)
        #expect(try PGRow(values: [text]).weights(0, "genres") == expected)
    }

    @Test("escapes and unusual shapes fall back to JSONDecoder", arguments: [
        #"{"say \"hi\"": 0.5}"#, #"{"back\\slash": 1}"#, #"{"tab\tkey": 1}"#,
    ])
    func escapesFallBack(text: String) throws {
        #expect(PGRow.parseWeights(text) == nil)
        let expected = try JSONDecoder().decode([String: Double].self, from: Data(text.utf8))
        #expect(try PGRow(values: [text]).weights(0, "genres") == expected)
    }

    @Test("malformed text is corrupt data naming the column", arguments: [
        "", "{", #"{"a": }"#, #"{"a": "x"}"#, #"{"a": 1} trailing"#, #"["a"]"#, #"{"a": nan}"#,
    ])
    func malformed(text: String) {
        #expect(PGRow.parseWeights(text) == nil)
        #expect(throws: StoreError.self) { try PGRow(values: [text]).weights(0, "genres") }
    }
}
