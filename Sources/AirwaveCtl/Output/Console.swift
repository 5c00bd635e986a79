import Foundation
import Synchronization

/// Where a command writes: the process's stdout/stderr, or buffers that tests read back.
public final class Console: Sendable {
    /// One output stream.
    public final class Sink: Sendable {
        private let handle: FileHandle?
        /// Captured bytes when `handle` is nil.
        private let buffer = Mutex(Data())

        /// A sink writing straight to `handle` (unbuffered, so `log -f` lines appear at once).
        public init(handle: FileHandle) { self.handle = handle }

        /// A sink that keeps everything written, for tests.
        public init() { handle = nil }

        /// Writes `text` as is.
        public func write(_ text: String) {
            let data = Data(text.utf8)
            if let handle {
                handle.write(data)
            } else {
                buffer.withLock { $0.append(data) }
            }
        }

        /// Writes `text` and a newline.
        public func line(_ text: String = "") { write(text + "\n") }

        /// Everything captured so far (empty for a sink on a file handle).
        public var text: String { buffer.withLock { String(decoding: $0, as: UTF8.self) } }
    }

    /// Standard output: the command's result.
    public let out: Sink
    /// Standard error: diagnostics, progress, errors.
    public let err: Sink
    /// Whether stderr is a terminal (progress bars are drawn only then).
    public let errIsTerminal: Bool

    /// Creates a console over the given sinks.
    public init(out: Sink, err: Sink, errIsTerminal: Bool) {
        self.out = out
        self.err = err
        self.errIsTerminal = errIsTerminal
    }

    /// The process's own stdout and stderr.
    public static func standard() -> Console {
        Console(out: Sink(handle: .standardOutput), err: Sink(handle: .standardError), errIsTerminal: isatty(2) == 1)
    }

    /// A console that captures both streams, for tests.
    public static func capturing() -> Console {
        Console(out: Sink(), err: Sink(), errIsTerminal: false)
    }
}
