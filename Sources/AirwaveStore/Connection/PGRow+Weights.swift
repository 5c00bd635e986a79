import Foundation

extension PGRow {
    /// A jsonb weights map (`{"name": number, …}`) as `[String: Double]`.
    ///
    /// Read by hand for PostgreSQL's own jsonb output (`{"a": 0.5, "b": 1}`): the group-commit writer reads
    /// every profile of a batch, and through JSONDecoder those maps were most of its CPU once a profile knew a
    /// few hundred artists (perf, 2026-11-23). Anything unusual (escapes in a key, a non-number) falls back to
    /// JSONDecoder, so the result is the decoder's in every case.
    func weights(_ i: Int, _ column: String) throws(StoreError) -> [String: Double] {
        let text = try string(i, column)
        if let parsed = Self.parseWeights(text) { return parsed }
        return try json(i, column, as: [String: Double].self)
    }

    /// The map, or nil when `text` is not in the plain shape this reader handles.
    static func parseWeights(_ text: String) -> [String: Double]? {
        var text = text
        return text.withUTF8 { bytes -> [String: Double]? in
            var at = 0
            let end = bytes.count
            func skipSpaces() { while at < end && (bytes[at] == 0x20 || bytes[at] == 0x0A || bytes[at] == 0x09 || bytes[at] == 0x0D) { at += 1 } }
            func expect(_ byte: UInt8) -> Bool {
                skipSpaces()
                guard at < end, bytes[at] == byte else { return false }
                at += 1
                return true
            }
            guard expect(0x7B) else { return nil } // {
            var out: [String: Double] = [:]
            skipSpaces()
            if at < end && bytes[at] == 0x7D { // }
                at += 1
                skipSpaces()
                return at == end ? out : nil
            }
            while true {
                guard expect(0x22) else { return nil } // "
                let keyStart = at
                while at < end && bytes[at] != 0x22 {
                    if bytes[at] == 0x5C || bytes[at] < 0x20 { return nil } // escapes: leave to the decoder
                    at += 1
                }
                guard at < end else { return nil }
                let key = String(decoding: UnsafeBufferPointer(rebasing: bytes[keyStart..<at]), as: UTF8.self)
                at += 1
                guard expect(0x3A) else { return nil } // :
                skipSpaces()
                let numberStart = at
                while at < end {
                    let b = bytes[at]
                    guard (b >= 0x30 && b <= 0x39) || b == 0x2D || b == 0x2B || b == 0x2E || b == 0x65 || b == 0x45 else { break }
                    at += 1
                }
                guard at > numberStart,
                      let value = Double(String(decoding: UnsafeBufferPointer(rebasing: bytes[numberStart..<at]), as: UTF8.self)),
                      value.isFinite, out.updateValue(value, forKey: key) == nil else { return nil }
                skipSpaces()
                guard at < end else { return nil }
                if bytes[at] == 0x2C { at += 1; continue } // ,
                guard bytes[at] == 0x7D else { return nil } // }
                at += 1
                skipSpaces()
                return at == end ? out : nil
            }
        }
    }
}
