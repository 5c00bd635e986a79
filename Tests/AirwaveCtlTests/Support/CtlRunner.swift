import AirwaveCtl
import Foundation

/// The outcome of one `airwavectl` run.
struct CtlResult {
    let code: Int32
    let out: String
    let err: String
}

/// Runs airwavectl commands in-process against a daemon, capturing stdout and stderr.
struct CtlRunner {
    let url: String
    var environment: [String: String] = [:]
    /// Pretend stderr is a terminal (progress bars).
    var terminal = false

    /// Runs `arguments` with `--url` pointing at the daemon.
    func run(_ arguments: [String]) -> CtlResult {
        let console = Console(out: Console.Sink(), err: Console.Sink(), errIsTerminal: terminal)
        let context = CtlContext(environment: environment, console: console, timeZone: TimeZone(identifier: "UTC")!, timeout: 20)
        let code = Airwavectl.main(arguments: arguments + ["--url", url], context: context)
        return CtlResult(code: code, out: console.out.text, err: console.err.text)
    }
}

/// Runs the built `airwavectl` binary as a child process.
enum CtlBinary {
    /// The binary next to the test bundle (`swift build --build-tests` builds it too).
    static var path: String? {
        var candidates: [URL] = [Bundle.main.bundleURL, Bundle.main.bundleURL.deletingLastPathComponent(),
                                 URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()]
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
        candidates.append(root.appendingPathComponent(".build/debug"))
        for directory in candidates {
            let path = directory.appendingPathComponent("airwavectl").path
            if FileManager.default.isExecutableFile(atPath: path) { return path }
        }
        return nil
    }

    /// Runs the binary with `arguments` and `environment` and waits for it.
    static func run(_ arguments: [String], environment: [String: String] = [:]) throws -> CtlResult {
        guard let path else { throw CocoaError(.fileNoSuchFile) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        process.environment = environment
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        // Read before waiting so a full pipe cannot block the child.
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return CtlResult(code: process.terminationStatus, out: String(decoding: outData, as: UTF8.self),
                         err: String(decoding: errData, as: UTF8.self))
    }
}

/// Polls `condition` every 50 ms for up to `seconds` (waiting on another thread's output, not timing it).
func eventually(_ seconds: TimeInterval = 20, _ condition: () -> Bool) -> Bool {
    let deadline = Date().addingTimeInterval(seconds)
    while Date() < deadline {
        if condition() { return true }
        Thread.sleep(forTimeInterval: 0.05)
    }
    return condition()
}
