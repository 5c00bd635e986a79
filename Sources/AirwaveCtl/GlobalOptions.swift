import AirwaveAPI
import ArgumentParser
import Foundation

/// Options every subcommand takes: where the daemon is, the token, and JSON output.
struct GlobalOptions: ParsableArguments {
    @Option(help: "Daemon URL (default: $AIRWAVE_URL, else http://127.0.0.1:8750).")
    var url: String?

    @Option(help: "Operator token sent as 'Authorization: Bearer' (default: $AIRWAVE_TOKEN).")
    var token: String?

    @Flag(help: "Print the daemon's JSON (pretty) instead of tables.")
    var json = false

    /// The default daemon URL when neither --url nor AIRWAVE_URL is given.
    static let defaultURL = "http://127.0.0.1:8750"

    /// The session for this run: the client built from options and environment, and the console.
    func session() -> Session {
        let context = CtlContext.current
        let env = context.environment
        let base = url ?? env["AIRWAVE_URL"].flatMap { $0.isEmpty ? nil : $0 } ?? Self.defaultURL
        let token = token ?? env["AIRWAVE_TOKEN"].flatMap { $0.isEmpty ? nil : $0 }
        return Session(client: APIClient(baseURL: base, token: token, timeout: context.timeout),
                       context: context, json: json)
    }
}

/// One command run: the client, where to write, and whether to write JSON.
struct Session {
    let client: APIClient
    let context: CtlContext
    let json: Bool

    var out: Console.Sink { context.console.out }
    var err: Console.Sink { context.console.err }

    /// Prints `value` as pretty JSON with `--json`, otherwise the human rendering.
    func emit<T: Encodable>(_ value: T, human: () -> String) throws(CtlError) {
        if json {
            out.line(try Self.prettyJSON(value))
        } else {
            out.write(human())
        }
    }

    /// `value` in the API's JSON conventions, pretty-printed with sorted keys.
    static func prettyJSON<T: Encodable>(_ value: T) throws(CtlError) -> String {
        do {
            return String(decoding: try APIJSON.encoder(pretty: true).encode(value), as: UTF8.self)
        } catch {
            throw .failed("could not encode JSON: \(error)")
        }
    }
}
