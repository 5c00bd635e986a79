/// Reads and writes catalogs as CSV (RFC 4180, header row, UTF-8).
///
/// Required columns: track_id, title, artist, genre, mood, energy, tempo, duration; optional: album, year,
/// key, bpm, uri; other columns are ignored and order is free. Works on UTF-8 bytes for speed.
public enum CatalogCSV {
    /// Columns every catalog must have.
    public static let requiredColumns = ["track_id", "title", "artist", "genre", "mood", "energy", "tempo", "duration"]
    /// Columns a catalog may have.
    public static let optionalColumns = ["album", "year", "key", "bpm", "uri"]
    /// Longest record accepted, in bytes.
    public static let maxRecordBytes = 64 * 1024

    /// Parses CSV text; see ``parse(bytes:file:)``.
    public static func parse(_ text: String, file: String) -> CatalogParseResult {
        var text = text
        return text.withUTF8 { parse(buffer: $0, file: file) }
    }

    /// Parses CSV bytes: returns the good tracks and one ``CatalogIssue`` per bad row (line numbers 1-based).
    public static func parse(bytes: [UInt8], file: String) -> CatalogParseResult {
        bytes.withUnsafeBufferPointer { parse(buffer: $0, file: file) }
    }

    /// Parses CSV bytes in place.
    public static func parse(buffer: UnsafeBufferPointer<UInt8>, file: String) -> CatalogParseResult {
        var reader = CSVReader(buffer)
        var result = CatalogParseResult(tracks: [], issues: [], lines: [])
        // Skip a UTF-8 byte order mark.
        if buffer.count >= 3, buffer[0] == 0xEF, buffer[1] == 0xBB, buffer[2] == 0xBF { reader.pos = 3 }
        guard let header = reader.next() else {
            result.issues.append(CatalogIssue(file: file, line: 1, reason: "empty file: a header row is required"))
            return result
        }
        var column: [String: Int] = [:]
        for (i, field) in header.fields.enumerated() {
            guard let name = reader.string(field) else { continue }
            let trimmed = name.lowercased().trimmingSpaces
            if column[trimmed] == nil { column[trimmed] = i }
        }
        let missing = requiredColumns.filter { column[$0] == nil }
        guard missing.isEmpty else {
            result.issues.append(CatalogIssue(file: file, line: header.line,
                                              reason: "missing required column\(missing.count > 1 ? "s" : "") \(missing.joined(separator: ", "))"))
            return result
        }
        let map = ColumnMap(column)
        var firstLine: [String: Int] = [:]
        firstLine.reserveCapacity(buffer.count / 80)
        result.tracks.reserveCapacity(buffer.count / 80)
        result.lines.reserveCapacity(buffer.count / 80)
        while let record = reader.next() {
            if let problem = record.problem {
                result.issues.append(CatalogIssue(file: file, line: record.line, reason: problem))
                continue
            }
            if record.fields.count == 1, record.fields[0].isEmpty { continue }  // blank line
            switch makeTrack(record, map, &reader) {
            case .success(let track):
                if let first = firstLine[track.trackID] {
                    result.issues.append(CatalogIssue(file: file, line: record.line,
                                                      reason: "track_id: duplicate \"\(track.trackID)\" (first on line \(first))"))
                } else {
                    firstLine[track.trackID] = record.line
                    result.tracks.append(track)
                    result.lines.append(record.line)
                }
            case .failure(let error):
                result.issues.append(CatalogIssue(file: file, line: record.line, reason: error.description))
            }
        }
        return result
    }

    struct ColumnMap {
        let trackID, title, artist, genre, mood, energy, tempo, duration: Int
        let album, year, key, bpm, uri: Int?
        let names: [Int: String]

        init(_ c: [String: Int]) {
            trackID = c["track_id"]!; title = c["title"]!; artist = c["artist"]!; genre = c["genre"]!
            mood = c["mood"]!; energy = c["energy"]!; tempo = c["tempo"]!; duration = c["duration"]!
            album = c["album"]; year = c["year"]; key = c["key"]; bpm = c["bpm"]; uri = c["uri"]
            names = Dictionary(c.map { ($0.value, $0.key) }, uniquingKeysWith: { a, _ in a })
        }
    }

    private static func makeTrack(_ record: CSVReader.Record, _ map: ColumnMap,
                                  _ reader: inout CSVReader) -> Result<Track, ValidationError> {
        do throws(ValidationError) {
            func text(_ index: Int, _ name: String) throws(ValidationError) -> String {
                guard index < record.fields.count else { throw ValidationError(field: name, "missing column") }
                guard let value = reader.string(record.fields[index]) else { throw ValidationError(field: name, "invalid UTF-8") }
                return value
            }
            func optional(_ index: Int?, _ name: String) throws(ValidationError) -> String? {
                guard let index, index < record.fields.count, !record.fields[index].isEmpty else { return nil }
                return try text(index, name)
            }
            func number(_ index: Int, _ name: String) throws(ValidationError) -> Double {
                guard index < record.fields.count else { throw ValidationError(field: name, "missing column") }
                guard let value = reader.double(record.fields[index]) else {
                    throw ValidationError(field: name, "must be a number (got \"\((reader.string(record.fields[index]) ?? "").prefix(40))\")")
                }
                return value
            }
            let tempoText = try text(map.tempo, "tempo")
            guard let tempo = Tempo(rawValue: tempoText) else {
                throw ValidationError(field: "tempo", "must be slow, medium or fast (got \"\(tempoText.prefix(40))\")")
            }
            var year: Int?
            if let y = try optional(map.year, "year") {
                guard let value = Int(y) else { throw ValidationError(field: "year", "must be a whole number (got \"\(y.prefix(40))\")") }
                year = value
            }
            var bpm: Double?
            if let index = map.bpm, index < record.fields.count, !record.fields[index].isEmpty { bpm = try number(index, "bpm") }
            return .success(try Track(
                trackID: try text(map.trackID, "track_id"), title: try text(map.title, "title"),
                artist: try text(map.artist, "artist"), genre: try text(map.genre, "genre"),
                mood: try text(map.mood, "mood"), energy: try number(map.energy, "energy"), tempo: tempo,
                duration: try number(map.duration, "duration"), album: try optional(map.album, "album"), year: year,
                key: try optional(map.key, "key"), bpm: bpm, uri: try optional(map.uri, "uri")))
        } catch {
            return .failure(error)
        }
    }
}

extension String {
    /// The string without leading and trailing spaces or tabs.
    var trimmingSpaces: String {
        let bytes = Array(utf8)
        var start = 0, end = bytes.count
        while start < end, bytes[start] == 0x20 || bytes[start] == 0x09 { start += 1 }
        while end > start, bytes[end - 1] == 0x20 || bytes[end - 1] == 0x09 { end -= 1 }
        return String(decoding: bytes[start..<end], as: UTF8.self)
    }
}
