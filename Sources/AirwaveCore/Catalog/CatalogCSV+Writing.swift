extension CatalogCSV {
    /// The header written by ``encode(_:)``: all required columns then all optional ones.
    public static var header: [String] { requiredColumns + optionalColumns }

    /// Writes `tracks` as CSV with a header row, quoting fields that need it; parses back to the same tracks.
    public static func encode(_ tracks: [Track]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(tracks.count * 96 + 128)
        appendRow(header, to: &out)
        for t in tracks {
            appendField(t.trackID, to: &out); out.append(0x2C)
            appendField(t.title, to: &out); out.append(0x2C)
            appendField(t.artist, to: &out); out.append(0x2C)
            appendField(t.genre, to: &out); out.append(0x2C)
            appendField(t.mood, to: &out); out.append(0x2C)
            out.append(contentsOf: "\(t.energy)".utf8); out.append(0x2C)
            out.append(contentsOf: t.tempo.rawValue.utf8); out.append(0x2C)
            out.append(contentsOf: "\(t.duration)".utf8); out.append(0x2C)
            if let album = t.album { appendField(album, to: &out) }
            out.append(0x2C)
            if let year = t.year { out.append(contentsOf: "\(year)".utf8) }
            out.append(0x2C)
            if let key = t.key { appendField(key, to: &out) }
            out.append(0x2C)
            if let bpm = t.bpm { out.append(contentsOf: "\(bpm)".utf8) }
            out.append(0x2C)
            if let uri = t.uri { appendField(uri, to: &out) }
            out.append(0x0A)
        }
        return out
    }

    private static func appendRow(_ fields: [String], to out: inout [UInt8]) {
        for (i, field) in fields.enumerated() {
            if i > 0 { out.append(0x2C) }
            appendField(field, to: &out)
        }
        out.append(0x0A)
    }

    /// Appends one field, quoted (with doubled quotes) when it holds a comma, quote or line break.
    static func appendField(_ text: String, to out: inout [UInt8]) {
        let needsQuotes = text.utf8.contains { $0 == 0x2C || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D }
        guard needsQuotes else { out.append(contentsOf: text.utf8); return }
        out.append(0x22)
        for b in text.utf8 {
            if b == 0x22 { out.append(0x22) }
            out.append(b)
        }
        out.append(0x22)
    }
}
