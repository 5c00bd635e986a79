/// An RFC 4180 record reader over UTF-8 bytes: quoted fields, doubled quotes, CRLF or LF, newlines in quotes.
///
/// Fields are byte ranges into the buffer (no copies until a caller asks for a String). The buffer must
/// outlive the reader.
struct CSVReader {
    /// A field's bytes `start..<end`; `escaped` means it holds doubled quotes to collapse.
    struct Field {
        var start: Int
        var end: Int
        var escaped: Bool
        var isEmpty: Bool { start == end }
    }

    /// One record: its fields, the line it starts on, and a problem if it cannot be used.
    struct Record {
        var fields: [Field]
        var line: Int
        var problem: String?
    }

    let buffer: UnsafeBufferPointer<UInt8>
    var pos = 0
    /// 1-based line of the byte at `pos`.
    var line = 1

    init(_ buffer: UnsafeBufferPointer<UInt8>) { self.buffer = buffer }

    private static let quote = UInt8(ascii: "\""), comma = UInt8(ascii: ","),
                        lf = UInt8(ascii: "\n"), cr = UInt8(ascii: "\r")

    /// The next record, or nil at the end of the buffer.
    mutating func next() -> Record? {
        let n = buffer.count
        guard pos < n else { return nil }
        let recordStart = pos
        var record = Record(fields: [], line: line, problem: nil)
        record.fields.reserveCapacity(16)
        while true {
            if pos < n, buffer[pos] == Self.quote {
                pos += 1
                let start = pos
                var escaped = false
                var closed = false
                while pos < n {
                    let b = buffer[pos]
                    if b == Self.quote {
                        if pos + 1 < n, buffer[pos + 1] == Self.quote { escaped = true; pos += 2; continue }
                        closed = true
                        break
                    }
                    if b == Self.lf { line += 1 }
                    pos += 1
                    if pos - recordStart > CatalogCSV.maxRecordBytes { break }
                }
                if !closed {
                    if pos - recordStart > CatalogCSV.maxRecordBytes {
                        record.problem = "line longer than \(CatalogCSV.maxRecordBytes) bytes"
                    } else {
                        record.problem = "unterminated quoted field"
                    }
                    skipLine()
                    return record
                }
                record.fields.append(Field(start: start, end: pos, escaped: escaped))
                pos += 1  // closing quote
                if pos < n, buffer[pos] != Self.comma, buffer[pos] != Self.lf, buffer[pos] != Self.cr {
                    record.problem = "unexpected text after a closing quote in column \(record.fields.count)"
                    skipLine()
                    return record
                }
            } else {
                let start = pos
                while pos < n {
                    let b = buffer[pos]
                    if b == Self.comma || b == Self.lf || b == Self.cr { break }
                    pos += 1
                }
                record.fields.append(Field(start: start, end: pos, escaped: false))
            }
            if pos - recordStart > CatalogCSV.maxRecordBytes {
                record.problem = "line longer than \(CatalogCSV.maxRecordBytes) bytes"
                skipLine()
                return record
            }
            guard pos < n else { return record }
            let b = buffer[pos]
            if b == Self.comma { pos += 1; continue }
            if b == Self.cr {
                pos += 1
                if pos < n, buffer[pos] == Self.lf { pos += 1 }
            } else {
                pos += 1
            }
            line += 1
            return record
        }
    }

    /// Moves past the end of the current physical line.
    private mutating func skipLine() {
        let n = buffer.count
        while pos < n, buffer[pos] != Self.lf { pos += 1 }
        if pos < n { pos += 1; line += 1 }
    }

    /// The field as a String, or nil if its bytes are not valid UTF-8.
    func string(_ field: Field) -> String? {
        let bytes = UnsafeBufferPointer(rebasing: buffer[field.start..<field.end])
        if !field.escaped {
            // Most fields are ASCII: those need no validation and take String's fastest initializer.
            var high: UInt8 = 0
            for b in bytes { high |= b }
            if high < 0x80 { return String(decoding: bytes, as: UTF8.self) }
            return String(validating: bytes, as: UTF8.self)
        }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var i = 0
        while i < bytes.count {
            out.append(bytes[i])
            i += bytes[i] == Self.quote ? 2 : 1
        }
        return String(validating: out, as: UTF8.self)
    }

    /// The field as a number: a fast exact path for plain decimals, the standard parser otherwise.
    func double(_ field: Field) -> Double? {
        var i = field.start
        let end = field.end
        guard i < end, !field.escaped else { return nil }
        var negative = false
        if buffer[i] == UInt8(ascii: "-") { negative = true; i += 1 } else if buffer[i] == UInt8(ascii: "+") { i += 1 }
        var mantissa: UInt64 = 0
        var digits = 0, fraction = 0
        var seenDot = false, plain = i < end
        while i < end {
            let b = buffer[i]
            if b >= 0x30 && b <= 0x39 {
                mantissa = mantissa &* 10 &+ UInt64(b - 0x30)
                digits += 1
                if seenDot { fraction += 1 }
            } else if b == UInt8(ascii: "."), !seenDot {
                seenDot = true
            } else {
                plain = false
                break
            }
            i += 1
        }
        // Both the integer (< 2^53) and the power of ten (≤ 10^15) are exact doubles, so one division rounds correctly.
        if plain, digits > 0, digits <= 15 {
            let value = Double(mantissa) / CSVReader.powersOfTen[fraction]
            return negative ? -value : value
        }
        guard let text = string(field) else { return nil }
        return Double(text.trimmingSpaces)
    }

    private static let powersOfTen: [Double] = (0...15).map { p in (0..<p).reduce(1.0) { acc, _ in acc * 10 } }
}
