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
        encode(list.tracks.count, daypart: list.daypart) { i, out in
            let ranked = list.tracks[i]
            track(ranked.track, score: ranked.score, discovery: ranked.discovery, reasons: ranked.reasons, &out)
        }
    }

    /// The JSON body of the ``TrackList`` made of `picks` (scores shown with `displayScore`), written
    /// straight from the picks without copying their tracks into `RankedTrack`s.
    static func encode(picks: [Pick], daypart: String?) -> [UInt8] {
        encode(picks.count, daypart: daypart) { i, out in
            let pick = picks[i]
            track(pick.track, score: displayScore(pick.score), discovery: pick.discovery, reasons: pick.reasons, &out)
        }
    }

    private static func encode(_ count: Int, daypart: String?, _ element: (Int, inout [UInt8]) -> Void) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(96 + count * 400)
        // Keys in sorted order: daypart < tracks.
        out.append(UInt8(ascii: "{"))
        if let daypart {
            raw(#""daypart":"#, &out)
            string(daypart, &out)
            out.append(UInt8(ascii: ","))
        }
        raw(#""tracks":["#, &out)
        for i in 0..<count {
            if i > 0 { out.append(UInt8(ascii: ",")) }
            element(i, &out)
        }
        raw("]}", &out)
        return out
    }

    /// One ranked track: the track's fields and the ranking's, merged into one object with sorted keys
    /// (byte order: album artist bpm discovery duration energy genre key mood reasons score tempo title
    /// track_id uri year).
    private static func track(_ t: Track, score: Double?, discovery: Bool?, reasons: [String]?, _ out: inout [UInt8]) {
        out.append(UInt8(ascii: "{"))
        if let album = t.album { raw(#""album":"#, &out); string(album, &out); out.append(UInt8(ascii: ",")) }
        raw(#""artist":"#, &out); string(t.artist, &out)
        if let bpm = t.bpm { raw(#","bpm":"#, &out); number(bpm, &out) }
        if let discovery { raw(discovery ? #","discovery":true"# : #","discovery":false"#, &out) }
        raw(#","duration":"#, &out); number(t.duration, &out)
        raw(#","energy":"#, &out); number(t.energy, &out)
        raw(#","genre":"#, &out); string(t.genre, &out)
        if let musicalKey = t.key { raw(#","key":"#, &out); string(musicalKey, &out) }
        raw(#","mood":"#, &out); string(t.mood, &out)
        if let reasons {
            raw(#","reasons":["#, &out)
            for (i, reason) in reasons.enumerated() {
                if i > 0 { out.append(UInt8(ascii: ",")) }
                string(reason, &out)
            }
            out.append(UInt8(ascii: "]"))
        }
        if let score { raw(#","score":"#, &out); number(score, &out) }
        raw(#","tempo":"#, &out); string(t.tempo.rawValue, &out)
        raw(#","title":"#, &out); string(t.title, &out)
        raw(#","track_id":"#, &out); string(t.trackID, &out)
        if let uri = t.uri { raw(#","uri":"#, &out); string(uri, &out) }
        if let year = t.year { raw(#","year":"#, &out); out.append(contentsOf: String(year).utf8) }
        out.append(UInt8(ascii: "}"))
    }

    @inline(__always)
    private static func raw(_ text: StaticString, _ out: inout [UInt8]) {
        out.append(contentsOf: UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }

    /// A finite double as Foundation's JSON writer prints it: Swift's shortest round-trip form, without a
    /// trailing ".0" (scores, energies and durations are validated finite).
    static func number(_ value: Double, _ out: inout [UInt8]) {
        let text = value.description.utf8
        // Dropping the ".0" from the view, not the string: String.removeLast showed up in the profile.
        if text.count >= 2, text[text.index(text.endIndex, offsetBy: -2)] == UInt8(ascii: "."), text.last == UInt8(ascii: "0") {
            out.append(contentsOf: text.dropLast(2))
        } else {
            out.append(contentsOf: text)
        }
    }

    /// A JSON string: quote, backslash and control characters escaped as Foundation does; "/" and
    /// non-ASCII characters written as they are (UTF-8). Runs without escapes are copied whole.
    static func string(_ value: String, _ out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        var value = value
        value.withUTF8 { bytes in
            var start = 0
            for i in 0..<bytes.count {
                let byte = bytes[i]
                guard byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") else { continue }
                out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<i]))
                escape(byte, &out)
                start = i + 1
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start...]))
        }
        out.append(UInt8(ascii: "\""))
    }

    private static func escape(_ byte: UInt8, _ out: inout [UInt8]) {
        switch byte {
        case UInt8(ascii: "\""): raw(#"\""#, &out)
        case UInt8(ascii: "\\"): raw(#"\\"#, &out)
        case 0x08: raw(#"\b"#, &out)
        case 0x0C: raw(#"\f"#, &out)
        case 0x0A: raw(#"\n"#, &out)
        case 0x0D: raw(#"\r"#, &out)
        case 0x09: raw(#"\t"#, &out)
        default:
            let hex: StaticString = "0123456789abcdef"
            raw(#"\u00"#, &out)
            out.append(hex.utf8Start[Int(byte >> 4)])
            out.append(hex.utf8Start[Int(byte & 0xF)])
        }
    }
}
