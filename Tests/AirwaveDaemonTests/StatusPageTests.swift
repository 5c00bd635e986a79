import AirwaveDaemonTestSupport
import AirwaveAPI
import AirwaveCore
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Testing
@testable import AirwaveDaemon

@Suite("The HTML status page and its token login")
struct StatusPageTests {
    @Test("GET / shows every station, its listeners with what they hear, and SVG charts")
    func rendersDemoStations() throws {
        let daemon = try TestDaemon()
        try daemon.join("jazz-lounge", "ana")
        try daemon.join("eclectic", "ben")
        try daemon.playThrough(station: "eclectic", user: "ben", count: 3)
        try daemon.advance(by: 20)
        let reply = try daemon.request("GET", "/")
        #expect(reply.status == 200)
        #expect(reply.headers["content-type"] == "text/html; charset=utf-8")
        let page = reply.text
        for station in daemon.services.runtime.allStations() {
            #expect(page.contains(HTML.escape(station.settings.name)), "station \(station.id) is shown")
        }
        let playing = try #require(try daemon.services.runtime.station("jazz-lounge").queue(of: "ana").nowPlaying)
        #expect(page.contains(HTML.escape(playing.queued.track.title)))
        #expect(page.contains(HTML.escape(playing.queued.track.artist)))
        #expect(page.contains(HTML.escape(playing.queued.reasons.first ?? "-")), "why it plays is shown")
        #expect(page.contains("0:20 / "), "progress is shown as position / duration")
        #expect(page.contains("<svg"))
        #expect(page.contains("Plays per hour"))
        #expect(page.contains("Skip rate"))
        #expect(page.contains("http-equiv=\"refresh\""))
        #expect(!page.contains("src=\"http"), "no external assets")
    }

    @Test("every user-provided string is escaped")
    func escapesUserStrings() throws {
        let daemon = try TestDaemon()
        let evil = "<script>alert(1)</script>"
        let station: [String: Any] = [
            "id": "evil-fm", "name": "<b>Evil</b> FM", "queue_size": 3,
            "tracks": (0..<4).map { i in
                ["track_id": "e\(i)", "title": evil, "artist": "Bobby \"Tables\" & Co \(i)",
                 "genre": "<img src=x onerror=alert(2)>", "mood": "calm", "energy": 0.5, "tempo": "slow",
                 "duration": 120] as [String: Any]
            },
        ]
        let created = try daemon.send("POST", "/stations", json: station)
        #expect(created.status == 201, "\(created.text)")
        try daemon.join("evil-fm", "mallory")
        try daemon.playThrough(station: "evil-fm", user: "mallory", count: 2)
        let page = try daemon.request("GET", "/").text
        #expect(page.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        #expect(!page.contains(evil))
        #expect(page.contains("&lt;b&gt;Evil&lt;/b&gt; FM"))
        #expect(!page.contains("<b>Evil</b>"))
        #expect(page.contains("Bobby &quot;Tables&quot; &amp; Co"))
        #expect(page.contains("&lt;img src=x onerror=alert(2)&gt;"), "genre labels in the SVG are escaped too")
        #expect(!page.contains("<img"))
    }

    @Test("with a token: a form without the cookie, a refused wrong token, a cookie for the right one")
    func tokenFlow() throws {
        let token = "s3cret token+;=/é"
        let daemon = try TestDaemon(token: token)
        let client = PlainClient(base: daemon.baseURL)

        let bare = try client.send("GET", "/")
        #expect(bare.status == 401)
        #expect(bare.headers["content-type"] == "text/html; charset=utf-8")
        #expect(bare.text.contains("<form"))
        #expect(bare.text.contains("name=\"token\""))
        #expect(bare.headers["set-cookie"] == nil)

        let wrong = try client.send("POST", "/login", form: "token=nope")
        #expect(wrong.status == 401)
        #expect(wrong.headers["set-cookie"] == nil)
        #expect(wrong.text.contains("not valid"))
        #expect(try client.send("POST", "/login", form: "").status == 401, "a missing token is refused too")

        let right = try client.send("POST", "/login", form: "token=" + PlainClient.formEncode(token))
        #expect(right.status == 303)
        #expect(right.headers["location"] == "/")
        let setCookie = try #require(right.headers["set-cookie"])
        #expect(setCookie.contains("HttpOnly"))
        #expect(setCookie.contains("SameSite=Strict"))
        #expect(setCookie.contains("Path=/"))
        let cookie = try #require(setCookie.split(separator: ";").first.map(String.init))

        let page = try client.send("GET", "/", headers: ["Cookie": "theme=dark; " + cookie])
        #expect(page.status == 200)
        #expect(page.text.contains("Blue Note Lounge"))

        let forged = try client.send("GET", "/", headers: ["Cookie": StatusPageAuth.cookieName + "=s3cret"])
        #expect(forged.status == 401)
        #expect(try client.send("GET", "/", headers: ["Authorization": "Bearer \(token)"]).status == 200)
        #expect(try client.send("GET", "/stations", headers: ["Cookie": cookie]).status == 401,
                "the cookie opens the page only, not the JSON API")
    }

    @Test("the login cookie value survives any token text")
    func cookieEncoding() {
        #expect(StatusPageAuth.cookieValue(for: "abc-DEF_1.2~") == "abc-DEF_1.2~")
        #expect(StatusPageAuth.cookieValue(for: "a b;c=d") == "a%20b%3Bc%3Dd")
        #expect(StatusPageAuth.formToken(Array("x=1&token=a+b%3Bc".utf8)) == "a b;c")
        #expect(StatusPageAuth.formToken(Array("x=1".utf8)) == nil)
    }
}

/// An HTTP client that neither follows redirects nor keeps cookies, so the test sees each reply as sent.
final class PlainClient: NSObject, URLSessionTaskDelegate, @unchecked Sendable {
    let base: String
    private var session: URLSession!

    init(base: String) {
        self.base = base
        super.init()
        let configuration = URLSessionConfiguration.ephemeral
        configuration.httpCookieStorage = nil
        configuration.httpShouldSetCookies = false
        session = URLSession(configuration: configuration, delegate: self, delegateQueue: nil)
    }

    func urlSession(_ session: URLSession, task: URLSessionTask, willPerformHTTPRedirection response: HTTPURLResponse,
                    newRequest request: URLRequest, completionHandler: @escaping @Sendable (URLRequest?) -> Void) {
        completionHandler(nil)
    }

    /// `text` percent-encoded for an `application/x-www-form-urlencoded` value.
    static func formEncode(_ text: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text
    }

    func send(_ method: String, _ path: String, form: String? = nil, headers: [String: String] = [:]) throws -> TestDaemon.Reply {
        var request = URLRequest(url: URL(string: base + path)!)
        request.httpMethod = method
        request.timeoutInterval = 30
        if let form {
            request.httpBody = Data(form.utf8)
            request.setValue("application/x-www-form-urlencoded", forHTTPHeaderField: "Content-Type")
        }
        for (name, value) in headers { request.setValue(value, forHTTPHeaderField: name) }
        let box = ReplyBox()
        let done = DispatchSemaphore(value: 0)
        session.dataTask(with: request) { data, response, error in
            box.set(data: data, response: response as? HTTPURLResponse, error: error)
            done.signal()
        }.resume()
        done.wait()
        return try box.reply()
    }
}
