@testable import AirwaveHTTP
import Testing

@Suite struct HTTPRequestTests {
    @Test func splitsAndDecodesSegments() throws {
        #expect(try HTTPRequest.segments(of: "/") == [])
        #expect(try HTTPRequest.segments(of: "/a/b") == ["a", "b"])
        #expect(try HTTPRequest.segments(of: "/artists/AC%2FDC/tracks") == ["artists", "AC/DC", "tracks"])
        #expect(try HTTPRequest.segments(of: "/a//b/") == ["a", "", "b", ""])
    }

    @Test func rejectsRelativeAndBadlyEncodedPaths() {
        #expect(throws: HTTPError.self) { try HTTPRequest.segments(of: "*") }
        #expect(throws: HTTPError.self) { try HTTPRequest.segments(of: "/a%zz") }
        #expect(throws: HTTPError.self) { try HTTPRequest.segments(of: "/%FF") }
    }

    @Test func decodesQueryWithRepeatsAndPlus() throws {
        let request = try HTTPRequest(method: .get, target: "/x?q=a+b%2Bc&tag=1&tag=2&flag&empty=")
        #expect(request.queryValue("q") == "a b+c")
        #expect(request.queryValues("tag") == ["1", "2"])
        #expect(request.queryValue("flag") == "")
        #expect(request.queryValue("empty") == "")
        #expect(request.queryValue("missing") == nil)
        #expect(try request.queryValue("tag", as: Int.self) == 1)
        #expect(throws: HTTPError.self) { try request.queryValue("q", as: Int.self) }
    }

    @Test func headersAreCaseInsensitiveAndKeepRepeats() {
        var headers: HTTPHeaders = ["Content-Type": "application/json"]
        headers.add("Set-Cookie", "a=1")
        headers.add("set-cookie", "b=2")
        #expect(headers["content-type"] == "application/json")
        #expect(headers.values(for: "SET-COOKIE") == ["a=1", "b=2"])
        headers.set("Set-Cookie", "c=3")
        #expect(headers.values(for: "set-cookie") == ["c=3"])
    }

    struct Payload: Codable, Equatable {
        var name: String
        var count: Int
        var nested: Nested?
        struct Nested: Codable, Equatable { var level: Double }
    }

    @Test func decodeErrorsNameTheField() throws {
        func message(_ json: String) -> String? {
            let request = HTTPRequest(method: .post, rawPath: "/", pathSegments: [], body: Array(json.utf8))
            do {
                _ = try request.decode(Payload.self)
                return nil
            } catch let error as HTTPError {
                #expect(error.status == .badRequest)
                #expect(error.code == "invalid_json")
                return error.message
            } catch {
                return "unexpected \(error)"
            }
        }
        #expect(message(#"{"count":1}"#) == "missing field 'name'")
        #expect(message(#"{"name":"x","count":"many"}"#) == "field 'count' must be an integer")
        #expect(message(#"{"name":"x","count":1,"nested":{"level":"high"}}"#) == "field 'nested.level' must be a number")
        #expect(message("not json") == "body is not valid JSON")
        #expect(message(#"{"name":"x","count":2}"#) == nil)
    }

    @Test func errorResponseShapeAndEscaping() {
        let response = HTTPResponse.error(.conflict, code: "exists", message: "station \"a\"\n exists")
        #expect(response.status == .conflict)
        #expect(response.headers["Content-Type"] == "application/json")
        #expect(String(decoding: response.bodyBytes, as: UTF8.self)
            == #"{"error":{"code":"exists","message":"station \"a\"\n exists"}}"#)
    }
}
