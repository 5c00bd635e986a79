@testable import AirwaveHTTP
import Testing

@Suite struct PercentDecodingTests {
    @Test func decodesEscapesIncludingSlash() {
        #expect(PercentDecoding.decode("AC%2FDC") == "AC/DC")
        #expect(PercentDecoding.decode("caf%C3%A9") == "café")
        #expect(PercentDecoding.decode("%e2%9c%93") == "✓")
        #expect(PercentDecoding.decode("plain") == "plain")
        #expect(PercentDecoding.decode("") == "")
    }

    @Test(arguments: ["%", "%2", "%zz", "%G0", "abc%"])
    func rejectsMalformedEscapes(_ text: String) {
        #expect(PercentDecoding.decode(Substring(text)) == nil)
    }

    @Test(arguments: ["%FF", "%C3", "%C3%28", "%ED%A0%80"])
    func rejectsInvalidUTF8(_ text: String) {
        #expect(PercentDecoding.decode(Substring(text)) == nil)
    }

    @Test func rejectsNUL() {
        #expect(PercentDecoding.decode("a%00b") == nil)
    }
}
