import AirwaveCore
import Foundation
import JSONText

/// A statement's result, copied out of libpq (text format) so no C memory outlives the call.
struct PGRows: Sendable {
    /// Rows of text values; `nil` is SQL NULL.
    var rows: [[String?]]
    /// Rows returned, or rows affected for INSERT/UPDATE/DELETE.
    var affected: Int

    /// The first row, if any.
    var first: PGRow? { rows.first.map(PGRow.init) }

    /// Every row.
    var all: [PGRow] { rows.map(PGRow.init) }
}

/// One result row with typed accessors that throw `corrupt_data` naming the column on bad text.
struct PGRow: Sendable {
    let values: [String?]

    func optionalString(_ i: Int) -> String? { values[i] }

    func string(_ i: Int, _ column: String) throws(StoreError) -> String {
        guard let v = values[i] else { throw StoreError(.corruptData, context: "column \(column) is NULL") }
        return v
    }

    func int64(_ i: Int, _ column: String) throws(StoreError) -> Int64 {
        guard let v = try Int64(string(i, column)) else { throw StoreError(.corruptData, context: "column \(column)") }
        return v
    }

    func optionalDouble(_ i: Int, _ column: String) throws(StoreError) -> Double? {
        guard let text = values[i] else { return nil }
        guard let v = Double(text) else { throw StoreError(.corruptData, context: "column \(column)") }
        return v
    }

    func double(_ i: Int, _ column: String) throws(StoreError) -> Double {
        guard let v = try optionalDouble(i, column) else { throw StoreError(.corruptData, context: "column \(column) is NULL") }
        return v
    }

    func bool(_ i: Int, _ column: String) throws(StoreError) -> Bool {
        try string(i, column) == "t"
    }

    /// A timestamp selected as `extract(epoch FROM col)`.
    func date(_ i: Int, _ column: String) throws(StoreError) -> Date {
        Date(timeIntervalSince1970: try double(i, column))
    }

    func optionalDate(_ i: Int, _ column: String) throws(StoreError) -> Date? {
        try optionalDouble(i, column).map { Date(timeIntervalSince1970: $0) }
    }

    /// A JSON column (or `to_jsonb(...)`) decoded as `T`.
    func json<T: Decodable>(_ i: Int, _ column: String, as type: T.Type = T.self) throws(StoreError) -> T {
        let text = try string(i, column)
        do {
            return try JSONDecoder().decode(T.self, from: Data(text.utf8))
        } catch {
            throw StoreError(.corruptData, context: "column \(column)")
        }
    }
}

/// Text encodings of bind parameters (PostgreSQL's text input formats).
enum PGParam {
    /// A double in shortest round-trip form, so values read back bit-for-bit.
    static func double(_ v: Double) -> String { "\(v)" }
    static func double(_ v: Double?) -> String? { v.map { "\($0)" } }
    static func int(_ v: Int) -> String { String(v) }
    static func int(_ v: Int64) -> String { String(v) }
    static func bool(_ v: Bool) -> String { v ? "true" : "false" }
    /// Seconds since 1970; bind as `to_timestamp($n::float8)`.
    static func date(_ v: Date) -> String { "\(v.timeIntervalSince1970)" }
    static func date(_ v: Date?) -> String? { v.map { "\($0.timeIntervalSince1970)" } }

    /// JSON text for a weights map (`{"name": weight, …}`, keys sorted), written by hand.
    ///
    /// Every acknowledged interaction re-writes the listener's genre, artist and mood maps; through
    /// JSONEncoder that was most of the single group-commit writer's CPU once a profile knew a few hundred
    /// artists (perf, 2026-11-23). Same text as the encoder's (sorted keys, shortest round-trip doubles).
    static func json(_ weights: [String: Double], context: String) throws(StoreError) -> String {
        var out = "{"
        out.reserveCapacity(weights.count * 24 + 2)
        var first = true
        for key in weights.keys.sorted() {
            let value = weights[key]!
            guard value.isFinite else { throw StoreError(.invalidValue, context: context) }
            if !first { out += "," }
            first = false
            JSONText.append(key, to: &out)
            out += ":"
            out += value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : value.description
        }
        out += "}"
        return out
    }

    /// JSON text for a list of strings (user ids for `jsonb_array_elements_text`), written by hand: the
    /// group-commit writer sends one or two per batch.
    static func json(_ strings: [String], context: String) throws(StoreError) -> String {
        var out = "["
        out.reserveCapacity(strings.count * 24 + 2)
        for (index, text) in strings.enumerated() {
            if index > 0 { out += "," }
            JSONText.append(text, to: &out)
        }
        return out + "]"
    }

    /// JSON text for a discovery factor, as its Codable form: the number, or `"auto"`.
    static func json(_ factor: DiscoveryFactor, context: String) throws(StoreError) -> String {
        switch factor {
        case .fixed(let value):
            guard value.isFinite else { throw StoreError(.invalidValue, context: context) }
            return value.description
        case .auto:
            return "\"auto\""
        }
    }

    /// JSON text for a `$n::jsonb` parameter.
    static func json<T: Encodable>(_ value: T, context: String) throws(StoreError) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        do {
            return String(decoding: try encoder.encode(value), as: UTF8.self)
        } catch {
            throw StoreError(.invalidValue, context: context)
        }
    }
}
