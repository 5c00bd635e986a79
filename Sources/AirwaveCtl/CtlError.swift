/// Why a command failed; each case maps to the documented exit code.
public enum CtlError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The daemon answered with an error (exit 1).
    case daemon(status: Int, code: String, message: String)
    /// The daemon could not be reached at `url` (exit 3).
    case unreachable(url: String, reason: String)
    /// Something on this side failed: a file, a bad row, an unexpected reply (exit 1).
    case failed(String)
    /// The command line was wrong in a way the parser could not see (exit 2).
    case usage(String)

    /// The process exit code for this error.
    public var exitCode: Int32 {
        switch self {
        case .daemon, .failed: return 1
        case .usage: return 2
        case .unreachable: return 3
        }
    }

    public var description: String {
        switch self {
        case .daemon(let status, let code, let message): return "error: \(message) (\(code), HTTP \(status))"
        case .unreachable(let url, let reason): return "error: cannot reach the daemon at \(url): \(reason)"
        case .failed(let message): return "error: \(message)"
        case .usage(let message): return "error: \(message)"
        }
    }
}
