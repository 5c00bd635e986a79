import Foundation
import Testing
@testable import AirwaveCore

@Suite("Station settings")
struct StationSettingsTests {
    func decode(_ json: String) throws(ValidationError) -> StationSettings {
        try StationSettings.decode(json: Array(json.utf8))
    }

    func expectError(_ json: String, field: String, sourceLocation: SourceLocation = #_sourceLocation) {
        do {
            _ = try decode(json)
            Issue.record("accepted \(json)", sourceLocation: sourceLocation)
        } catch {
            #expect(error.field == field, "\(error)", sourceLocation: sourceLocation)
        }
    }

    @Test("a minimal file gets every default")
    func defaults() throws {
        let s = try decode(#"{"id": "jazz-fm"}"#)
        #expect(s.name == "jazz-fm" && s.timezone == "UTC" && s.contextWeight == 0.3 && s.queueSize == 10)
        #expect(s.dayparts == Daypart.defaults && s.weights == .default && s.similarity == .default && s.catalog == nil)
    }

    @Test("a full file decodes and round-trips through JSON")
    func full() throws {
        let json = #"""
        {"id": "late", "name": "Late Show", "timezone": "Europe/Berlin", "context_weight": 0.5, "queue_size": 25,
         "catalog": "late.csv", "weights": {"genre": 0.4, "artist": 0.2, "energy": 0.2, "tempo": 0.1, "mood": 0.1},
         "similarity": {"jazz": ["blues"]},
         "dayparts": [{"name": "day", "start": "08:00", "end": "20:00", "energy": 0.6, "moods": {"upbeat": 0.5}},
                      {"name": "dark", "start": "20:00", "end": "08:00", "energy": 0.2}]}
        """#
        let s = try decode(json)
        #expect(s.dayparts.map(\.name) == ["day", "dark"] && s.dayparts[1].moods.isEmpty)
        #expect(s.weights.genre == 0.4 && s.similarity.areSimilar("blues", "jazz") && !s.similarity.areSimilar("soul", "jazz"))
        let again = try JSONDecoder().decode(StationSettings.self, from: try JSONEncoder().encode(s))
        #expect(again == s)
    }

    @Test("bad values are rejected with the field named")
    func validation() {
        expectError(#"{"id": "bad id!"}"#, field: "id")
        expectError(#"{"name": "x"}"#, field: "id")
        expectError(#"{"id": "a", "timezone": "Mars/Olympus"}"#, field: "timezone")
        expectError(#"{"id": "a", "context_weight": 1.5}"#, field: "context_weight")
        expectError(#"{"id": "a", "queue_size": 0}"#, field: "queue_size")
        expectError(#"{"id": "a", "queue_size": 201}"#, field: "queue_size")
        expectError(#"{"id": "a", "queue_size": "ten"}"#, field: "queue_size")
        expectError(#"{"id": "a", "weights": {"genre": 0.5}}"#, field: "weights")
        expectError(#"{"id": "a", "catalog": "../etc/passwd"}"#, field: "catalog")
        let parts = #"[{"name": "day", "start": "06:00", "end": "18:00", "energy": 0.5},"#
        expectError(#"{"id": "a", "dayparts": "# + parts + #"{"name": "night", "start": "18:00", "end": "06:00", "energy": 1.2}]}"#,
                    field: "dayparts[1].energy")
        expectError(#"{"id": "a", "dayparts": "# + parts + #"{"name": "night", "start": "18:00", "end": "6am", "energy": 0.2}]}"#,
                    field: "dayparts[1].end")
        expectError(#"{"id": "a", "dayparts": "# + parts + #"{"name": "night", "start": "18:00", "end": "06:00", "energy": 0.2, "moods": {"calm": 2}}]}"#,
                    field: "dayparts[1].moods.calm")
        expectError(#"{"id": "a", "dayparts": "# + parts + #"{"start": "18:00", "end": "06:00", "energy": 0.2}]}"#,
                    field: "dayparts[1].name")
        // Gaps and overlaps.
        expectError(#"{"id": "a", "dayparts": "# + parts + #"{"name": "night", "start": "19:00", "end": "06:00", "energy": 0.2}]}"#,
                    field: "dayparts")
        expectError(#"{"id": "a", "dayparts": "# + parts + #"{"name": "night", "start": "17:00", "end": "06:00", "energy": 0.2}]}"#,
                    field: "dayparts[1]")
    }

    @Test("error messages say what is allowed")
    func messages() {
        do {
            _ = try decode(#"{"id": "a", "queue_size": 500}"#)
        } catch {
            #expect(error.description == "queue_size: must be between 1 and 200 (got 500)")
        }
        do {
            _ = try decode(#"{"id": "a", "dayparts": [{"name": "all", "start": "00:00", "end": "24:00", "energy": 7}]}"#)
        } catch {
            #expect(error.description == "dayparts[0].energy: must be a number between 0 and 1 (got 7.0)")
        }
    }

    @Test("one daypart may span the whole day with 00:00–24:00")
    func wholeDay() throws {
        let s = try decode(#"{"id": "a", "dayparts": [{"name": "all", "start": "00:00", "end": "24:00", "energy": 0.5}]}"#)
        #expect(s.daypart(at: Fixture.noon).name == "all")
    }
}
