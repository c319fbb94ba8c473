/// Maps simulation time (days since the run started, at midnight of its start
/// date) to hour of day, day of week and month, without Foundation calendars
/// on the hot path.
///
/// Civil dates use Howard Hinnant's days-from-civil algorithm (proleptic
/// Gregorian), which is exact and O(1).
public struct SimCalendar: Sendable, Equatable {
    /// Days from 1970-01-01 to the start date.
    public let startEpochDay: Int
    public let year: Int, month: Int, day: Int

    public init(year: Int, month: Int, day: Int) {
        self.year = year
        self.month = month
        self.day = day
        startEpochDay = Self.daysFromCivil(year, month, day)
    }

    /// Monday 6 January 2025, FlowSim's default start.
    public static let standard = SimCalendar(year: 2025, month: 1, day: 6)

    /// 0 = Monday ... 6 = Sunday.
    public func dayOfWeek(_ t: Double) -> Int {
        let d = startEpochDay + Int(t.rounded(.down))
        // 1970-01-01 was a Thursday (3 when Monday is 0).
        return ((d % 7) + 7 + 3) % 7
    }

    /// Hour of day, 0...23.
    public func hourOfDay(_ t: Double) -> Int {
        let f = t - t.rounded(.down)
        return min(23, Int(f * 24))
    }

    /// Month, 0 = January ... 11 = December.
    public func monthIndex(_ t: Double) -> Int {
        Self.civilFromDays(startEpochDay + Int(t.rounded(.down))).month - 1
    }

    /// Time (days since start) at which the week containing `t` began,
    /// counted from Monday 00:00.
    public func weekStart(_ t: Double) -> Double {
        t.rounded(.down) - Double(dayOfWeek(t))
    }

    /// Whether the date is a real calendar date.
    public static func isValid(year: Int, month: Int, day: Int) -> Bool {
        guard (1...12).contains(month), day >= 1 else { return false }
        let c = civilFromDays(daysFromCivil(year, month, day))
        return c.year == year && c.month == month && c.day == day
    }

    public static func daysFromCivil(_ y0: Int, _ m: Int, _ d: Int) -> Int {
        let y = m <= 2 ? y0 - 1 : y0
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (m + 9) % 12
        let doy = (153 * mp + 2) / 5 + d - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    public static func civilFromDays(_ z0: Int) -> (year: Int, month: Int, day: Int) {
        let z = z0 + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }

    /// ISO 8601 date-time of simulation time `t` (UTC, to the second).
    public func isoTimestamp(_ t: Double) -> String {
        // Round to the second first, so 23:59:59.6 becomes midnight of the next day.
        let total = Int((t * 86_400).rounded(.toNearestOrAwayFromZero))
        let day = total >= 0 ? total / 86_400 : (total - 86_399) / 86_400
        let seconds = total - day * 86_400
        let c = Self.civilFromDays(startEpochDay + day)
        func two(_ v: Int) -> String { v < 10 ? "0\(v)" : "\(v)" }
        return "\(c.year)-\(two(c.month))-\(two(c.day))T\(two(seconds / 3600)):\(two(seconds / 60 % 60)):\(two(seconds % 60))"
    }
}
