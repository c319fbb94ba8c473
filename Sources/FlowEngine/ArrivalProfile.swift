/// Multipliers of a base arrival rate by hour of day, day of week and month:
/// λ(t) = rate × hourly[hour] × weekly[weekday] × monthly[month].
///
/// Used by thinning (Lewis and Shedler 1979): candidates arrive at the
/// peak rate and each is kept with probability λ(t) / λmax, which gives an
/// exact non-stationary Poisson process.
public struct ArrivalProfile: Sendable, Equatable {
    public var hourly: [Double]
    public var weekly: [Double]
    public var monthly: [Double]

    public init(hourly: [Double] = Array(repeating: 1, count: 24),
                weekly: [Double] = Array(repeating: 1, count: 7),
                monthly: [Double] = Array(repeating: 1, count: 12)) {
        self.hourly = hourly
        self.weekly = weekly
        self.monthly = monthly
    }

    public var peakMultiplier: Double {
        (hourly.max() ?? 1) * (weekly.max() ?? 1) * (monthly.max() ?? 1)
    }

    public var isMonthly: Bool { monthly.contains { $0 != 1 } }

    public func multiplier(at t: Double, calendar: SimCalendar, month: Int) -> Double {
        Self.multiplier(in: flat, from: 0, at: t, calendar: calendar, month: month)
    }

    /// The 24 hourly, 7 weekly and 12 monthly multipliers in one run, as the
    /// event loop keeps every profile of a simulation (one array, read in
    /// place: reading `hourly` and the rest out of the model copied them).
    public var flat: [Double] { hourly + weekly + monthly }

    /// The multiplier at `t` from a `flat` run of multipliers that starts at
    /// `start` of `multipliers`.
    @inline(__always)
    static func multiplier(in multipliers: [Double], from start: Int, at t: Double, calendar: SimCalendar, month: Int) -> Double {
        multipliers[start + calendar.hourOfDay(t)] * multipliers[start + 24 + calendar.dayOfWeek(t)]
            * multipliers[start + 31 + month]
    }

    public func problems() -> [String] {
        var p: [String] = []
        for (name, values, n) in [("hourly", hourly, 24), ("weekly", weekly, 7), ("monthly", monthly, 12)] {
            if values.count != n { p.append("\(name): found \(values.count) values, expected \(n)") }
            if values.contains(where: { !($0 >= 0 && $0.isFinite) }) {
                p.append("\(name): found a negative or non-finite multiplier, expected numbers >= 0")
            }
        }
        if p.isEmpty && peakMultiplier <= 0 { p.append("profile: found all multipliers 0, expected some positive") }
        return p
    }
}
