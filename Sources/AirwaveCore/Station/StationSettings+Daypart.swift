import Foundation

extension StationSettings {
    /// The local minute of the day (0…1439) at `date` on the station's wall clock (DST via the tz database).
    public func minuteOfDay(at date: Date) -> Int { minuteOfDay(at: date, in: timeZone) }

    /// The local minute of the day at `date` in `zone` (which should be this station's ``timeZone``).
    ///
    /// The wall clock is UTC plus the zone's offset at that instant, so the minute is plain arithmetic on
    /// the shifted time; this is what a Gregorian calendar's hour and minute give, at a fraction of the cost
    /// (the DJ asks for every pick).
    public func minuteOfDay(at date: Date, in zone: TimeZone) -> Int {
        let local = date.timeIntervalSince1970 + Double(zone.secondsFromGMT(for: date))
        let minutes = Int((local / 60).rounded(.down)) % 1440
        return minutes < 0 ? minutes + 1440 : minutes
    }

    /// The daypart in force at `date` in the station's time zone.
    public func daypart(at date: Date) -> Daypart { daypart(at: date, in: timeZone) }

    /// The daypart in force at `date`, with the station's time zone already resolved (see ``DJ``).
    public func daypart(at date: Date, in zone: TimeZone) -> Daypart {
        let minute = minuteOfDay(at: date, in: zone)
        // Coverage is validated, so exactly one daypart matches; the fallback only guards hand-built values.
        return dayparts.first { $0.contains(minuteOfDay: minute) } ?? dayparts[0]
    }
}
