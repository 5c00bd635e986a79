import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// What the kernel says about this process: resident memory and CPU time.
enum ProcessStats {
    /// Resident set size in KiB, from `VmRSS` in /proc/self/status (0 where there is no /proc).
    static func rssKB() -> Int {
        guard let text = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return 0 }
        for line in text.split(separator: "\n") where line.hasPrefix("VmRSS:") {
            return Int(line.split(separator: " ", omittingEmptySubsequences: true).dropFirst().first ?? "0") ?? 0
        }
        return 0
    }

    /// User + system CPU seconds used by the whole process so far.
    static func cpuSeconds() -> Double {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        func secs(_ t: timeval) -> Double { Double(t.tv_sec) + Double(t.tv_usec) / 1e6 }
        return secs(usage.ru_utime) + secs(usage.ru_stime)
    }

    /// Asks malloc to give freed pages back, so RSS deltas measure what is live.
    static func trim() {
        _ = glibcMallocTrim(0)
    }
}

/// Writes a progress line to standard error (the tables go to standard output).
func note(_ line: String) {
    FileHandle.standardError.write(Data((line + "\n").utf8))
}

/// `value` with `digits` decimals.
func fixed(_ value: Double, _ digits: Int = 2) -> String { String(format: "%.\(digits)f", value) }

/// glibc's `malloc_trim` (malloc.h is not part of the Glibc module).
@_silgen_name("malloc_trim")
private func glibcMallocTrim(_ pad: Int) -> Int32
