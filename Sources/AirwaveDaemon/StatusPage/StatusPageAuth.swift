import AirwaveHTTP
import Foundation

/// The status page's cookie login (DECISIONS 19): with an API token configured, `GET /` accepts the Bearer
/// header or a cookie holding the token, set by `POST /login` as HttpOnly, SameSite=Strict.
///
/// The cookie carries the token itself (percent-encoded so any token is a valid cookie value): it survives
/// restarts and needs no session table shared between daemons on one database.
enum StatusPageAuth {
    /// The cookie's name.
    static let cookieName = "airwave_token"
    /// How long a browser keeps the cookie: 30 days, so the page asks "once".
    static let maxAge = 30 * 86_400

    /// Whether the cookie may authorize this request: only reading the page, never the JSON API.
    static func cookieCovers(_ request: HTTPRequest) -> Bool {
        request.route == "/" && (request.method == .get || request.method == .head)
    }

    /// The cookie value for `token`: every byte outside RFC 3986's unreserved set percent-encoded.
    static func cookieValue(for token: String) -> String {
        var out = ""
        for byte in token.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                 UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"),
                 UInt8(ascii: "~"):
                out.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                let hex = String(byte, radix: 16, uppercase: true)
                out += "%" + (hex.count == 1 ? "0" : "") + hex
            }
        }
        return out
    }

    /// Whether some `Cookie` header carries our cookie with the right value (constant-time comparison).
    static func hasValidCookie(_ request: HTTPRequest, token: String) -> Bool {
        let expected = Array(cookieValue(for: token).utf8)
        var valid = false
        for header in request.headers.values(for: "Cookie") {
            for pair in header.split(separator: ";") {
                let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
                guard parts.count == 2, parts[0].trimmingCharacters(in: .whitespaces) == cookieName else { continue }
                let given = Array(parts[1].trimmingCharacters(in: .whitespaces).utf8)
                // Keep looking at every candidate so the time does not depend on which one matched.
                if ConstantTime.equal(given, expected) { valid = true }
            }
        }
        return valid
    }

    /// The `Set-Cookie` value after a successful login.
    static func setCookie(token: String) -> String {
        "\(cookieName)=\(cookieValue(for: token)); Max-Age=\(maxAge); Path=/; HttpOnly; SameSite=Strict"
    }

    /// The `token` field of an `application/x-www-form-urlencoded` body; nil when absent or badly encoded.
    static func formToken(_ body: [UInt8]) -> String? {
        let text = String(decoding: body, as: UTF8.self)
        for pair in text.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard parts.count == 2, parts[0] == "token" else { continue }
            return parts[1].replacingOccurrences(of: "+", with: " ").removingPercentEncoding
        }
        return nil
    }

    /// The login form as an HTML response (401 when asking, or after a wrong token).
    static func loginForm(failed: Bool) -> HTTPResponse {
        HTTPResponse(status: .unauthorized,
                     headers: ["Content-Type": "text/html; charset=utf-8", "Cache-Control": "no-store"],
                     bytes: Array(LoginPage.render(failed: failed).utf8))
    }
}
