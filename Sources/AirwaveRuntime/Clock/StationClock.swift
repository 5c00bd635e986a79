import Foundation
import Synchronization

/// The time the runtime lives by: real time in production, a sped-up clock for demos, a manual one in tests.
public protocol StationClock: Sendable {
    /// The current station time.
    func now() -> Date
    /// How many real seconds pass while `stationSeconds` of station time pass (for sleeping).
    func realSeconds(for stationSeconds: TimeInterval) -> TimeInterval
}

/// Wall-clock time, optionally sped up by a factor (`--clock-speed N`) from the moment it was created.
public struct SystemClock: StationClock {
    /// Station seconds per real second; 1 is real time.
    public let speed: Double
    private let origin: Date
    private let originUptime: UInt64

    /// Creates a clock running `speed` times faster than real time (speed must be > 0).
    public init(speed: Double = 1) {
        precondition(speed > 0 && speed.isFinite, "clock speed must be positive")
        self.speed = speed
        self.origin = Date()
        self.originUptime = DispatchTime.now().uptimeNanoseconds
    }

    public func now() -> Date {
        if speed == 1 { return Date() }
        let elapsed = Double(DispatchTime.now().uptimeNanoseconds - originUptime) / 1e9
        return origin.addingTimeInterval(elapsed * speed)
    }

    public func realSeconds(for stationSeconds: TimeInterval) -> TimeInterval { stationSeconds / speed }
}

/// A clock that moves only when a test tells it to.
public final class ManualClock: StationClock, @unchecked Sendable {
    // Invariant: `current` only moves forward.
    private let current: Mutex<Date>

    /// Starts the clock at `start`.
    public init(start: Date) { current = Mutex(start) }

    public func now() -> Date { current.withLock { $0 } }

    /// Moves the clock forward by `seconds` (negative values are ignored).
    public func advance(by seconds: TimeInterval) {
        current.withLock { $0 = $0.addingTimeInterval(max(0, seconds)) }
    }

    /// Moves the clock to `date` if it lies ahead.
    public func set(_ date: Date) {
        current.withLock { if date > $0 { $0 = date } }
    }

    public func realSeconds(for stationSeconds: TimeInterval) -> TimeInterval { 0 }
}
