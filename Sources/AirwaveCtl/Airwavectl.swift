import AirwaveAPI
import ArgumentParser
import Foundation

/// Entry point of `airwavectl`: parses, runs, and maps every outcome to an exit code.
///
/// ```swift
/// let console = Console.capturing()
/// let code = Airwavectl.main(arguments: ["--url", url, "status"],
///                            context: CtlContext(environment: [:], console: console))
/// ```
/// Exit codes: 0 ok, 1 the daemon answered with an error (or a local failure such as bad CSV rows),
/// 2 usage error, 3 the daemon could not be reached.
public enum Airwavectl {
    /// Runs one command line (without the program name) and returns the exit code.
    public static func main(arguments: [String], context: CtlContext) -> Int32 {
        let console = context.console
        do {
            var command = try RootCommand.parseAsRoot(hoistingGlobalOptions(arguments))
            try CtlContext.$current.withValue(context) { try command.run() }
            return 0
        } catch let error as CtlError {
            console.err.line(error.description)
            return error.exitCode
        } catch {
            let code = RootCommand.exitCode(for: error)
            let message = RootCommand.fullMessage(for: error)
            if code == .success {
                if !message.isEmpty { console.out.line(message) }
                return 0
            }
            console.err.line(message)
            return 2
        }
    }
}

/// Moves global options written before the subcommand (`airwavectl --url U status`) to the end, where
/// the subcommand's option group parses them; ArgumentParser only accepts them after the subcommand.
func hoistingGlobalOptions(_ arguments: [String]) -> [String] {
    var leading: [String] = []
    var index = 0
    while index < arguments.count {
        let argument = arguments[index]
        if argument == "--json" {
            leading.append(argument)
            index += 1
        } else if argument == "--url" || argument == "--token", index + 1 < arguments.count {
            leading += [argument, arguments[index + 1]]
            index += 2
        } else if argument.hasPrefix("--url=") || argument.hasPrefix("--token=") {
            leading.append(argument)
            index += 1
        } else {
            break
        }
    }
    guard !leading.isEmpty, index < arguments.count else { return arguments }
    let rest = Array(arguments[index...])
    // Options after a `--` terminator would read as positionals; put them before it instead.
    if let terminator = rest.firstIndex(of: "--") {
        return Array(rest[..<terminator]) + leading + Array(rest[terminator...])
    }
    return rest + leading
}

/// `airwavectl`: the root command.
struct RootCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "airwavectl",
        abstract: "Operate an Airwave daemon over its HTTP API.",
        discussion: """
            Environment: AIRWAVE_URL (default http://127.0.0.1:8750), AIRWAVE_TOKEN.
            Exit codes: 0 ok, 1 error answered by the daemon or a local failure, 2 usage, 3 daemon unreachable.
            """,
        version: AirwaveVersion.current,
        subcommands: [
            StatusCommand.self, StationsCommand.self, TracksCommand.self, ListenersCommand.self,
            QueueCommand.self, RecommendCommand.self, FeedbackCommand.self, ProfileCommand.self,
            LogCommand.self, AnalyticsCommand.self, WeightsCommand.self,
        ])
}
