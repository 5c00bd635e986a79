import AirwaveHTTP
import Foundation

/// `bare-http --port P`: serves ``HTTPServer/bareHandler`` (static JSON, no routing) until killed, as the
/// floor the daemon's routes are compared against in the same run.
enum BareHTTPCommand {
    static func run(_ options: Options) throws {
        let port = try options.int("port", default: 8790)
        let threads = try options.int("threads", default: ProcessInfo.processInfo.activeProcessorCount)
        let server = HTTPServer(configuration: HTTPServer.Configuration(
            host: "127.0.0.1", port: UInt16(port), threadPoolSize: threads), handler: HTTPServer.bareHandler)
        try server.start()
        note("bare-http: listening on 127.0.0.1:\(server.port) with \(threads) threads")
        while true { Thread.sleep(forTimeInterval: 3600) }
    }
}
