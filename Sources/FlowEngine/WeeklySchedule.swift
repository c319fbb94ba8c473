/// A capacity that follows the week: a step function over [0, 7) days from
/// Monday 00:00, repeated every week.
///
/// Built from shifts; where shifts overlap their capacities add. Lookup of
/// the next change is O(log n) in the number of change points.
public struct WeeklySchedule: Sendable, Equatable {
    /// A block of capacity on some days of the week. `from` and `to` are
    /// hours since midnight (`to` may be 24; `to` < `from` runs overnight).
    public struct Shift: Sendable, Equatable {
        public var days: [Int]
        public var from: Double
        public var to: Double
        public var capacity: Int
        public init(days: [Int], from: Double, to: Double, capacity: Int) {
            self.days = days
            self.from = from
            self.to = to
            self.capacity = capacity
        }
    }

    /// Change points in days since Monday 00:00, ascending, starting at 0.
    public let times: [Double]
    /// Capacity from `times[i]` until the next change point.
    public let capacities: [Int]

    /// The shifts the schedule was built from.
    public let shifts: [Shift]

    public init(shifts: [Shift]) {
        self.shifts = shifts
        var intervals: [(Double, Double, Int)] = []
        for s in shifts {
            for d in s.days {
                let start = Double(d) + s.from / 24
                let end = Double(d) + (s.to > s.from ? s.to : s.to + 24) / 24
                if end <= 7 {
                    intervals.append((start, end, s.capacity))
                } else {
                    intervals.append((start, 7, s.capacity))
                    intervals.append((0, end - 7, s.capacity))
                }
            }
        }
        var points = Set<Double>([0])
        for (a, b, _) in intervals { points.insert(a); if b < 7 { points.insert(b) } }
        let sorted = points.sorted()
        var caps: [Int] = []
        for t in sorted {
            caps.append(intervals.reduce(0) { sum, iv in
                guard iv.0 <= t && t < iv.1 else { return sum }
                let (total, overflow) = sum.addingReportingOverflow(iv.2)
                return overflow ? Int.max : total
            })
        }
        // Merge consecutive equal capacities so every point is a real change.
        var ts: [Double] = [], cs: [Int] = []
        for (t, c) in zip(sorted, caps) where cs.last != c {
            ts.append(t); cs.append(c)
        }
        times = ts
        capacities = cs
    }

    public var maxCapacity: Int { capacities.max() ?? 0 }

    /// Index of the segment holding a time-of-week in [0, 7).
    public func segment(atTimeOfWeek w: Double) -> Int {
        var lo = 0, hi = times.count - 1
        while lo < hi {
            let mid = (lo + hi + 1) >> 1
            if times[mid] <= w { lo = mid } else { hi = mid - 1 }
        }
        return lo
    }
}
