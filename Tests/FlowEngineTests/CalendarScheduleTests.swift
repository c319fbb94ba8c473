import FlowEngine
import Foundation
import XCTest

final class SimCalendarTests: XCTestCase {
    func testStandardStartIsMondaySixthJanuary2025() {
        let c = SimCalendar.standard
        XCTAssertEqual(c.year, 2025)
        XCTAssertEqual(c.month, 1)
        XCTAssertEqual(c.day, 6)
        XCTAssertEqual(c.startEpochDay, 20_094)
        XCTAssertEqual(c.dayOfWeek(0), 0, "2025-01-06 is a Monday")
        XCTAssertEqual(c.dayOfWeek(0.999), 0)
        XCTAssertEqual(c.dayOfWeek(5.5), 5, "Saturday")
        XCTAssertEqual(c.dayOfWeek(6.99), 6, "Sunday")
        XCTAssertEqual(c.dayOfWeek(7), 0)
        XCTAssertEqual(c.dayOfWeek(365), 1, "2026-01-06 is a Tuesday")
    }

    func testDayOfWeekForKnownDates() {
        let known: [(Int, Int, Int, Int)] = [
            (1970, 1, 1, 3),     // Thursday
            (1969, 12, 31, 2),   // Wednesday, before the epoch
            (2000, 1, 1, 5),     // Saturday
            (2000, 2, 29, 1),    // Tuesday
            (2024, 2, 29, 3),    // Thursday
            (2023, 12, 25, 0),   // Monday
            (2025, 1, 8, 2),     // Wednesday
            (1600, 3, 1, 2),     // Wednesday
        ]
        for (y, m, d, weekday) in known {
            XCTAssertEqual(SimCalendar(year: y, month: m, day: d).dayOfWeek(0), weekday, "\(y)-\(m)-\(d)")
        }
        XCTAssertEqual(SimCalendar(year: 2024, month: 2, day: 29).startEpochDay, 19_782)
        XCTAssertEqual(SimCalendar(year: 1600, month: 3, day: 1).startEpochDay, -135_080)
        XCTAssertEqual(SimCalendar(year: 1970, month: 1, day: 1).startEpochDay, 0)
    }

    func testValidDates() {
        XCTAssertTrue(SimCalendar.isValid(year: 2024, month: 2, day: 29))
        XCTAssertFalse(SimCalendar.isValid(year: 2023, month: 2, day: 29))
        XCTAssertTrue(SimCalendar.isValid(year: 2000, month: 2, day: 29))
        XCTAssertFalse(SimCalendar.isValid(year: 1900, month: 2, day: 29))
        XCTAssertFalse(SimCalendar.isValid(year: 2025, month: 4, day: 31))
        XCTAssertTrue(SimCalendar.isValid(year: 2025, month: 12, day: 31))
        XCTAssertFalse(SimCalendar.isValid(year: 2025, month: 13, day: 1))
        XCTAssertFalse(SimCalendar.isValid(year: 2025, month: 0, day: 1))
        XCTAssertFalse(SimCalendar.isValid(year: 2025, month: 1, day: 0))
        XCTAssertFalse(SimCalendar.isValid(year: 2025, month: 1, day: 32))
    }

    func testISOTimestamp() {
        let c = SimCalendar.standard
        XCTAssertEqual(c.isoTimestamp(0), "2025-01-06T00:00:00")
        XCTAssertEqual(c.isoTimestamp(1.5), "2025-01-07T12:00:00")
        XCTAssertEqual(c.isoTimestamp(26 + 1.0 / 24 + 1.0 / 1_440 + 1.0 / 86_400), "2025-02-01T01:01:01")
        XCTAssertEqual(c.isoTimestamp(359 + 23.0 / 24 + 59.0 / 1_440 + 59.0 / 86_400), "2025-12-31T23:59:59")
        XCTAssertEqual(c.isoTimestamp(360), "2026-01-01T00:00:00")
        let leap = SimCalendar(year: 2024, month: 2, day: 28)
        XCTAssertEqual(leap.isoTimestamp(1.25), "2024-02-29T06:00:00")
        XCTAssertEqual(leap.isoTimestamp(2), "2024-03-01T00:00:00")
        XCTAssertEqual(SimCalendar(year: 2023, month: 2, day: 28).isoTimestamp(1), "2023-03-01T00:00:00")
    }

    func testISOTimestampAgreesWithFoundation() {
        let c = SimCalendar.standard
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.formatOptions = [.withFullDate, .withTime, .withColonSeparatorInTime, .withDashSeparatorInDate]
        for i in 0..<500 {
            let seconds = i * 86_400 + (i * 7_919) % 86_400   // whole seconds, all times of day
            let t = Double(seconds) / 86_400
            let date = Date(timeIntervalSince1970: Double(c.startEpochDay * 86_400 + seconds))
            XCTAssertEqual(c.isoTimestamp(t), formatter.string(from: date), "t = \(t)")
        }
    }

    func testHourOfDay() {
        let c = SimCalendar.standard
        XCTAssertEqual(c.hourOfDay(0), 0)
        XCTAssertEqual(c.hourOfDay(0.5), 12)
        XCTAssertEqual(c.hourOfDay(1.0 / 24 - 1e-9), 0)
        XCTAssertEqual(c.hourOfDay(1.0 / 24 + 1e-9), 1)
        XCTAssertEqual(c.hourOfDay(3.25), 6)
        XCTAssertEqual(c.hourOfDay(10 + 23.5 / 24), 23)
        XCTAssertEqual(c.hourOfDay(1.0.nextDown), 23)
    }

    func testMonthIndexAcrossYearBoundary() {
        let c = SimCalendar(year: 2024, month: 12, day: 30)
        XCTAssertEqual(c.monthIndex(0), 11)
        XCTAssertEqual(c.monthIndex(1.99), 11, "31 December")
        XCTAssertEqual(c.monthIndex(2), 0, "1 January 2025")
        XCTAssertEqual(c.monthIndex(2 + 30.5), 0, "31 January")
        XCTAssertEqual(c.monthIndex(2 + 31), 1, "1 February")
        XCTAssertEqual(c.monthIndex(2 + 31 + 28), 2, "1 March 2025 (not a leap year)")
        XCTAssertEqual(c.monthIndex(2 + 365), 0, "1 January 2026")
        let leap = SimCalendar(year: 2024, month: 1, day: 31)
        XCTAssertEqual(leap.monthIndex(29), 1, "29 February 2024")
        XCTAssertEqual(leap.monthIndex(30), 2, "1 March 2024")
    }

    func testWeekStart() {
        XCTAssertEqual(SimCalendar.standard.weekStart(9.5), 7)
        XCTAssertEqual(SimCalendar.standard.weekStart(6.99), 0)
        let wednesday = SimCalendar(year: 2025, month: 1, day: 8)
        XCTAssertEqual(wednesday.weekStart(0.5), -2, "the week began on Monday, two days before the start")
        XCTAssertEqual(wednesday.weekStart(5.1), 5, "day 5 is the next Monday")
    }

    func testDaysFromCivilRoundTrip() {
        var previous = SimCalendar.civilFromDays(-200_001)
        for z in -200_000...200_000 {
            let c = SimCalendar.civilFromDays(z)
            XCTAssertEqual(SimCalendar.daysFromCivil(c.year, c.month, c.day), z)
            // Consecutive days: next day of the month, or the first of the next month.
            let continues = (c.year == previous.year && c.month == previous.month && c.day == previous.day + 1)
                || (c.day == 1 && ((c.year == previous.year && c.month == previous.month + 1)
                    || (c.year == previous.year + 1 && c.month == 1 && previous.month == 12)))
            if !continues { return XCTFail("day \(z): \(previous) then \(c)") }
            previous = c
        }
    }

    func testCivilDatesAgreeWithFoundation() {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        for z in stride(from: -50_000, through: 100_000, by: 37) {
            let date = Date(timeIntervalSince1970: Double(z) * 86_400)
            let parts = calendar.dateComponents([.year, .month, .day, .weekday], from: date)
            let c = SimCalendar.civilFromDays(z)
            XCTAssertEqual(c.year, parts.year)
            XCTAssertEqual(c.month, parts.month)
            XCTAssertEqual(c.day, parts.day)
            // Foundation: 1 = Sunday ... 7 = Saturday; FlowSim: 0 = Monday ... 6 = Sunday.
            let cal = SimCalendar(year: c.year, month: c.month, day: c.day)
            XCTAssertEqual(cal.dayOfWeek(0), (parts.weekday! + 5) % 7)
        }
    }
}

final class WeeklyScheduleTests: XCTestCase {
    private typealias Shift = WeeklySchedule.Shift

    private func capacity(_ s: WeeklySchedule, day: Int, hour: Double) -> Int {
        s.capacities[s.segment(atTimeOfWeek: Double(day) + hour / 24)]
    }

    /// Capacity at a time of week by summing the shifts directly.
    private func bruteForce(_ shifts: [Shift], _ w: Double) -> Int {
        var total = 0
        for s in shifts {
            for d in s.days {
                let start = Double(d) + s.from / 24
                let end = Double(d) + (s.to > s.from ? s.to : s.to + 24) / 24
                for shift in [0.0, 7.0] where w + shift >= start && w + shift < end { total += s.capacity }
            }
        }
        return total
    }

    private func assertWellFormed(_ s: WeeklySchedule, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(s.times.first, 0, file: file, line: line)
        XCTAssertEqual(s.times.count, s.capacities.count, file: file, line: line)
        for (a, b) in zip(s.times, s.times.dropFirst()) { XCTAssertLessThan(a, b, file: file, line: line) }
        XCTAssertTrue(s.times.allSatisfy { $0 >= 0 && $0 < 7 }, file: file, line: line)
        for (a, b) in zip(s.capacities, s.capacities.dropFirst()) {
            XCTAssertNotEqual(a, b, "consecutive segments differ", file: file, line: line)
        }
    }

    func testOverlappingShiftsAdd() {
        let shifts = [Shift(days: [0, 1, 2, 3, 4], from: 9, to: 17, capacity: 2),
                      Shift(days: [0, 1, 2, 3, 4], from: 12, to: 14, capacity: 1)]
        let s = WeeklySchedule(shifts: shifts)
        assertWellFormed(s)
        XCTAssertEqual(capacity(s, day: 0, hour: 8.99), 0)
        XCTAssertEqual(capacity(s, day: 0, hour: 9), 2)
        XCTAssertEqual(capacity(s, day: 0, hour: 11.5), 2)
        XCTAssertEqual(capacity(s, day: 0, hour: 12), 3, "overlap adds")
        XCTAssertEqual(capacity(s, day: 2, hour: 13.9), 3)
        XCTAssertEqual(capacity(s, day: 4, hour: 14), 2)
        XCTAssertEqual(capacity(s, day: 4, hour: 17), 0)
        XCTAssertEqual(capacity(s, day: 5, hour: 12), 0, "Saturday")
        XCTAssertEqual(s.maxCapacity, 3)
        XCTAssertEqual(s.times.count, 1 + 5 * 4, "closed at midnight, then four changes a weekday")
        let firstTimes: [Double] = [0, 9.0 / 24, 12.0 / 24, 14.0 / 24, 17.0 / 24]
        XCTAssertEqual(Array(s.times.prefix(5)), firstTimes)
        XCTAssertEqual(Array(s.capacities.prefix(5)), [0, 2, 3, 2, 0])
    }

    func testOvernightShiftWrapsOverSundayToMonday() {
        let shifts = [Shift(days: [6], from: 22, to: 6, capacity: 1),
                      Shift(days: [0], from: 9, to: 17, capacity: 4)]
        let s = WeeklySchedule(shifts: shifts)
        assertWellFormed(s)
        XCTAssertEqual(s.capacities[0], 1, "Monday 00:00 is inside Sunday's night shift")
        XCTAssertEqual(capacity(s, day: 0, hour: 3), 1)
        XCTAssertEqual(capacity(s, day: 0, hour: 5.99), 1)
        XCTAssertEqual(capacity(s, day: 0, hour: 6), 0)
        XCTAssertEqual(capacity(s, day: 0, hour: 10), 4)
        XCTAssertEqual(capacity(s, day: 6, hour: 21.9), 0)
        XCTAssertEqual(capacity(s, day: 6, hour: 22), 1)
        XCTAssertEqual(capacity(s, day: 6, hour: 23.99), 1)
        let times: [Double] = [0, 6.0 / 24, 9.0 / 24, 17.0 / 24, 6 + 22.0 / 24]
        XCTAssertEqual(s.times, times)
        XCTAssertEqual(s.capacities, [1, 0, 4, 0, 1])
    }

    func testOvernightShiftMidweekAndOverlapAtNight() {
        let shifts = [Shift(days: [4], from: 20, to: 4, capacity: 2),    // Friday night into Saturday
                      Shift(days: [5], from: 0, to: 24, capacity: 1)]    // all Saturday
        let s = WeeklySchedule(shifts: shifts)
        assertWellFormed(s)
        XCTAssertEqual(capacity(s, day: 4, hour: 19), 0)
        XCTAssertEqual(capacity(s, day: 4, hour: 21), 2)
        XCTAssertEqual(capacity(s, day: 5, hour: 2), 3, "the night shift and Saturday's shift overlap")
        XCTAssertEqual(capacity(s, day: 5, hour: 4), 1)
        XCTAssertEqual(capacity(s, day: 6, hour: 0), 0)
    }

    func testAlwaysOpenAndNeverOpen() {
        let always = WeeklySchedule(shifts: [Shift(days: Array(0..<7), from: 0, to: 24, capacity: 5)])
        XCTAssertEqual(always.times, [0])
        XCTAssertEqual(always.capacities, [5])
        XCTAssertEqual(always.segment(atTimeOfWeek: 6.9), 0)
        let never = WeeklySchedule(shifts: [])
        XCTAssertEqual(never.times, [0])
        XCTAssertEqual(never.capacities, [0])
        XCTAssertEqual(never.maxCapacity, 0)
    }

    func testAdjacentEqualShiftsMerge() {
        let s = WeeklySchedule(shifts: [Shift(days: [0], from: 8, to: 12, capacity: 1),
                                        Shift(days: [0], from: 12, to: 16, capacity: 1)])
        XCTAssertEqual(s.times, [0, 8.0 / 24, 16.0 / 24])
        XCTAssertEqual(s.capacities, [0, 1, 0])
    }

    func testSegmentLookup() {
        let s = WeeklySchedule(shifts: [Shift(days: [1, 3], from: 8, to: 18, capacity: 2)])
        let times: [Double] = [0, 1 + 8.0 / 24, 1 + 18.0 / 24, 3 + 8.0 / 24, 3 + 18.0 / 24]
        XCTAssertEqual(s.times, times)
        XCTAssertEqual(s.segment(atTimeOfWeek: 0), 0)
        XCTAssertEqual(s.segment(atTimeOfWeek: 1.2), 0)
        XCTAssertEqual(s.segment(atTimeOfWeek: s.times[1]), 1, "a change point belongs to the segment it starts")
        XCTAssertEqual(s.segment(atTimeOfWeek: s.times[1].nextDown), 0)
        XCTAssertEqual(s.segment(atTimeOfWeek: 2), 2)
        XCTAssertEqual(s.segment(atTimeOfWeek: 3.5), 3)
        XCTAssertEqual(s.segment(atTimeOfWeek: 6.99), 4)
        for i in s.times.indices { XCTAssertEqual(s.segment(atTimeOfWeek: s.times[i]), i) }
    }

    func testAgreesWithBruteForceOnVariedShifts() {
        var state: UInt64 = 99
        func next(_ n: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(n))
        }
        for _ in 0..<40 {
            var shifts: [Shift] = []
            for _ in 0..<(1 + next(5)) {
                let days = (0..<7).filter { _ in next(2) == 0 }
                let from = Double(next(48)) / 2
                var to = Double(next(49)) / 2
                if to == from { to = 24 }
                shifts.append(Shift(days: days, from: from, to: to, capacity: 1 + next(3)))
            }
            let s = WeeklySchedule(shifts: shifts)
            assertWellFormed(s)
            for k in 0..<(7 * 96) {
                let w = (Double(k) + 0.5) / 96   // quarter-hours, between change points
                XCTAssertEqual(s.capacities[s.segment(atTimeOfWeek: w)], bruteForce(shifts, w), "\(shifts) at \(w)")
            }
            XCTAssertEqual(s.maxCapacity, (0..<(7 * 96)).map { bruteForce(shifts, (Double($0) + 0.5) / 96) }.max())
        }
    }
}

final class ArrivalProfileTests: XCTestCase {
    func testMultiplierAndPeak() {
        var hourly = Array(repeating: 1.0, count: 24)
        hourly[9] = 3
        var weekly = Array(repeating: 1.0, count: 7)
        weekly[6] = 0.5
        var monthly = Array(repeating: 1.0, count: 12)
        monthly[1] = 2
        let p = ArrivalProfile(hourly: hourly, weekly: weekly, monthly: monthly)
        XCTAssertEqual(p.problems(), [])
        XCTAssertEqual(p.peakMultiplier, 6)
        XCTAssertTrue(p.isMonthly)
        XCTAssertFalse(ArrivalProfile().isMonthly)
        XCTAssertEqual(ArrivalProfile().peakMultiplier, 1)
        let c = SimCalendar.standard   // Monday
        XCTAssertEqual(p.multiplier(at: 6 + 9.5 / 24, calendar: c, month: 0), 1.5, "Sunday 09:30 in January")
        XCTAssertEqual(p.multiplier(at: 9.5 / 24, calendar: c, month: 1), 6, "Monday 09:30 in February")
        XCTAssertEqual(p.multiplier(at: 0.1, calendar: c, month: 0), 1)
    }

    func testProblems() {
        let short = ArrivalProfile(hourly: [1, 2])
        XCTAssertTrue(short.problems().contains { $0.hasPrefix("hourly:") && $0.contains("found 2") && $0.contains("expected 24") })
        let negative = ArrivalProfile(weekly: [1, 1, 1, -1, 1, 1, 1])
        XCTAssertTrue(negative.problems().contains { $0.hasPrefix("weekly:") })
        let nan = ArrivalProfile(monthly: Array(repeating: .nan, count: 12))
        XCTAssertTrue(nan.problems().contains { $0.hasPrefix("monthly:") })
        let zero = ArrivalProfile(hourly: Array(repeating: 0, count: 24))
        XCTAssertEqual(zero.problems().count, 1)
        for p in [short, negative, nan, zero] {
            for message in p.problems() {
                XCTAssertTrue(message.contains("found") && message.contains("expected"), message)
            }
        }
    }
}
