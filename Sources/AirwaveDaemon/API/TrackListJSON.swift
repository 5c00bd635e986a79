import AirwaveAPI
import AirwaveCore

/// Writes a ``TrackList`` as the bytes `APIJSON.encoder()` would produce (sorted keys, slashes unescaped,
/// optional fields left out when nil), without `JSONEncoder`.
///
/// Why: in a perf profile of `GET …/recommendations` under wrk, `JSONEncoder` took 45% of the daemon's
/// CPU (boxing every field, sorting keys per object), more than ranking 100k tracks. The route is the
/// hottest read of the API, so it writes its one response type by hand; a test compares the output with
/// `JSONEncoder`'s byte for byte.
enum TrackListJSON {
    /// The JSON body of `list`.
    static func encode(_ list: TrackList) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(96 + list.tracks.count * 400)
        // Keys in sorted order: daypart < tracks.
        out.append(UInt8(ascii: "{"))
        if let daypart = list.daypart {
            out.append(contentsOf: #""daypart":"#.utf8)
            string(daypart, &out)
            out.append(UInt8(ascii: ","))
        }
        out.append(contentsOf: #""tracks":["#.utf8)
        for (i, ranked) in list.tracks.enumerated() {
            if i > 0 { out.append(UInt8(ascii: ",")) }
            track(ranked, &out)
        }
        out.append(contentsOf: "]}".utf8)
        return out
    }

    /// One ranked track: the track's fields and the ranking's, merged into one object with sorted keys.
    private static func track(_ ranked: RankedTrack, _ out: inout [UInt8]) {
        let t = ranked.track
        var first = true
        func key(_ name: StaticString) {
            if !first { out.append(UInt8(ascii: ",")) }
            first = false
            out.append(UInt8(ascii: "\""))
            out.append(contentsOf: UnsafeBufferPointer(start: name.utf8Start, count: name.utf8CodeUnitCount))
            out.append(contentsOf: "\":".utf8)
        }
        out.append(UInt8(ascii: "{"))
        // Byte order of the keys: album artist bpm discovery duration energy genre key mood reasons score tempo
        // title track_id uri year.
        if let album = t.album { key("album"); string(album, &out) }
        key("artist"); string(t.artist, &out)
        if let bpm = t.bpm { key("bpm"); number(bpm, &out) }
        if let discovery = ranked.discovery { key("discovery"); out.append(contentsOf: (discovery ? "true" : "false").utf8) }
        key("duration"); number(t.duration, &out)
        key("energy"); number(t.energy, &out)
        key("genre"); string(t.genre, &out)
        if let musicalKey = t.key { key("key"); string(musicalKey, &out) }
        key("mood"); string(t.mood, &out)
        if let reasons = ranked.reasons {
            key("reasons")
            out.append(UInt8(ascii: "["))
            for (i, reason) in reasons.enumerated() {
                if i > 0 { out.append(UInt8(ascii: ",")) }
                string(reason, &out)
            }
            out.append(UInt8(ascii: "]"))
        }
        if let score = ranked.score { key("score"); number(score, &out) }
        key("tempo"); string(t.tempo.rawValue, &out)
        key("title"); string(t.title, &out)
        key("track_id"); string(t.trackID, &out)
        if let uri = t.uri { key("uri"); string(uri, &out) }
        if let year = t.year { key("year"); out.append(contentsOf: String(year).utf8) }
        out.append(UInt8(ascii: "}"))
    }

    /// A finite double as Foundation's JSON writer prints it: Swift's shortest round-trip form, without a
    /// trailing ".0" (scores, energies and durations are validated finite).
    static func number(_ value: Double, _ out: inout [UInt8]) {
        var text = value.description
        if text.hasSuffix(".0") { text.removeLast(2) }
        out.append(contentsOf: text.utf8)
    }

    /// A JSON string: quote, backslash and control characters escaped as Foundation does; "/" and
    /// non-ASCII characters written as they are (UTF-8).
    static func string(_ value: String, _ out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        for byte in value.utf8 {
            switch byte {
            case UInt8(ascii: "\""): out.append(contentsOf: #"\""#.utf8)
            case UInt8(ascii: "\\"): out.append(contentsOf: #"\\"#.utf8)
            case 0x08: out.append(contentsOf: #"\b"#.utf8)
            case 0x0C: out.append(contentsOf: #"\f"#.utf8)
            case 0x0A: out.append(contentsOf: #"\n"#.utf8)
            case 0x0D: out.append(contentsOf: #"\r"#.utf8)
            case 0x09: out.append(contentsOf: #"\t"#.utf8)
            case 0x00..<0x20:
                let hex = Array("0123456789abcdef".utf8)
                out.append(contentsOf: #"\u00"#.utf8)
                out.append(hex[Int(byte >> 4)])
                out.append(hex[Int(byte & 0xF)])
            default: out.append(byte)
            }
        }
        out.append(UInt8(ascii: "\""))
    }
}
