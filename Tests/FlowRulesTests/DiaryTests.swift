import FlowEngine
import FlowScenario
import XCTest

/// Appointment diaries: booking rules, reserved slots, did-not-attend and
/// cancellations.
final class DiaryTests: XCTestCase {
    let clinic = """
        name: diary
        run: {duration: 400 days, replications: 1, seed: 12, start: 2025-01-06}
        attributes:
          risk: [low, high]
        sources:
          gp: {rate: 7 per day, to: clinic, mix: {risk: {low: 3, high: 1}}}
        stations:
          clinic:
            function: assessment
            service: {distribution: constant, value: 1 h}
            diary:
              slots: {weekdays: 8, sat: 2}
              at: "10:00"
              book_after: 14 days
              urgent_when: "risk == high"
              urgent_book_after: 2 days
              reserved: 3
              did_not_attend: 0.1
              rebook_limit: 1
              cancellation: 0.05
        """

    struct Start { var time: Double; var wait: Double; var urgent: Bool }

    func starts(_ text: String, overrides: [String] = []) throws -> (starts: [Start], sim: NetworkSimulation) {
        let s = try loadScenario(text, overrides: overrides)
        var sim = try NetworkSimulation(model: s.model, masterSeed: 12, replication: 0)
        let box = StartBox()
        let risk = s.model.attributes.firstIndex { $0.name == "risk" }
        sim.trace = { [box] r in
            if r.activity == .start { box.records.append((r.time, r.wait, r.slot)) }
        }
        var out: [Start] = []
        var steps = 0
        while sim.step() {
            for (t, w, slot) in box.records {
                out.append(Start(time: t, wait: w, urgent: risk.map { sim.people.level(slot, $0) == 1 } ?? false))
            }
            box.records.removeAll()
            steps += 1
            if steps % 97 == 0 { XCTAssertEqual(sim.checkInvariants(), []) }
        }
        XCTAssertEqual(sim.checkInvariants(), [])
        return (out, sim)
    }

    final class StartBox: @unchecked Sendable { var records: [(Double, Double, Int32)] = [] }

    func testNoBookingEarlierThanItsLeadTime() throws {
        let (all, _) = try starts(clinic)
        XCTAssertGreaterThan(all.count, 1_500)
        let routine = all.filter { !$0.urgent }, urgent = all.filter(\.urgent)
        XCTAssertGreaterThanOrEqual(routine.map(\.wait).min() ?? 0, 14 - 1e-9, "a routine booking less than 14 days ahead")
        XCTAssertGreaterThanOrEqual(urgent.map(\.wait).min() ?? 0, 2 - 1e-9, "an urgent booking less than 2 days ahead")
        XCTAssertLessThan(urgent.map(\.wait).min() ?? 99, 14, "urgent people are seen sooner than the routine lead time")
        for s in all {
            let hour = (s.time - s.time.rounded(.down)) * 24
            XCTAssertEqual(hour, 10, accuracy: 1e-6, "appointments are at the clinic time")
        }
    }

    func testReservedSlotsAreUsedOnlyByUrgentPeople() throws {
        let (all, _) = try starts(clinic)
        var routinePerDay: [Int: Int] = [:], totalPerDay: [Int: Int] = [:]
        for s in all {
            let day = Int(s.time.rounded(.down))
            totalPerDay[day, default: 0] += 1
            if !s.urgent { routinePerDay[day, default: 0] += 1 }
        }
        var fullDays = 0
        for (day, n) in totalPerDay {
            let weekday = day % 7   // the run starts on a Monday
            let slots = weekday < 5 ? 8 : weekday == 5 ? 2 : 0
            XCTAssertLessThanOrEqual(n, slots, "day \(day): more appointments than slots")
            let routine = routinePerDay[day] ?? 0
            XCTAssertLessThanOrEqual(routine, max(0, slots - 3), "day \(day): routine people took reserved slots")
            if routine == slots - 3 { fullDays += 1 }
        }
        XCTAssertGreaterThan(fullDays, 100, "the test needs days where routine demand fills the open slots")
    }

    func testReleasedReservedSlotsOpenToEveryoneCloseToTheDate() throws {
        // With release 20 days ahead (more than the 14-day lead), routine people may take reserved slots.
        let (all, _) = try starts(clinic, overrides: ["stations.clinic.diary.release_reserved=20 days"])
        var routinePerDay: [Int: Int] = [:]
        for s in all where !s.urgent { routinePerDay[Int(s.time.rounded(.down)), default: 0] += 1 }
        XCTAssertTrue(routinePerDay.contains { day, n in day % 7 < 5 && n > 5 }, "released reserved slots were never used by routine people")
    }

    func testDidNotAttendAndCancellationsAreRebooked() throws {
        let s = try loadScenario(clinic)
        let r = try simulate(s)
        let dna = r.values("did_not_attend", station: "clinic")[0]
        let cancelled = r.values("cancellations", station: "clinic")[0]
        let served = r.values("served", station: "clinic")[0]
        let discharged = r.values("discharged", station: "clinic")[0]
        let attempts = served + dna
        print("appointments \(attempts), did not attend \(dna), cancelled \(cancelled), discharged after missing twice \(discharged)")
        XCTAssertEqual(dna / attempts, 0.1, accuracy: 0.02)
        XCTAssertGreaterThan(cancelled, 0)
        // A second miss (rebook_limit 1) discharges: about 10% of those who missed once.
        XCTAssertEqual(discharged / dna, 0.1, accuracy: 0.05)
    }

    func testDiaryErrors() throws {
        let found = try problems("""
            name: bad diary
            run: {duration: 10 days}
            sources:
              gp: {rate: 1 per day, to: clinic}
            stations:
              clinic:
                capacity: 3
                service: 1 h
                diary: {slots: {weekdays: 2, funday: 3}, reserved: 2, pool: [other]}
              other:
                capacity: 1
                service: 1 h
            """)
        let text = found.map(\.description).joined(separator: "\n")
        XCTAssertTrue(text.contains("stations.clinic.capacity: found a capacity with a diary"), text)
        XCTAssertTrue(text.contains("stations.clinic.diary.slots.funday: found 'funday'"), text)
        let reserved = try problems("""
            name: bad diary
            run: {duration: 10 days}
            sources:
              gp: {rate: 1 per day, to: clinic}
            stations:
              clinic:
                service: 1 h
                diary: {slots: {weekdays: 2}, reserved: 2, pool: [other]}
              other:
                capacity: 1
                service: 1 h
            """)
        let t2 = reserved.map(\.description).joined(separator: "\n")
        XCTAssertTrue(t2.contains("every slot reserved for urgent bookings and never released"), t2)
    }
}
