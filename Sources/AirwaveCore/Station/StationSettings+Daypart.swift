import Foundation

extension StationSettings {
    /// The local minute of the day (0…1439) at `date` on the station's wall clock (DST via the tz database).
    public func minuteOfDay(at date: Date) -> Int {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let parts = calendar.dateComponents([.hour, .minute], from: date)
        return (parts.hour ?? 0) * 60 + (parts.minute ?? 0)
    }

    /// The daypart in force at `date` in the station's time zone.
    public func daypart(at date: Date) -> Daypart {
        let minute = minuteOfDay(at: date)
        // Coverage is validated, so exactly one daypart matches; the fallback only guards hand-built values.
        return dayparts.first { $0.contains(minuteOfDay: minute) } ?? dayparts[0]
    }
}
