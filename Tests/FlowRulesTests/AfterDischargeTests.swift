import FlowEngine
import FlowExperiments
import FlowScenario
import Foundation
import XCTest

/// A hazard of crisis for a period after discharge.
final class AfterDischargeTests: XCTestCase {
    /// 1,000 high-risk people, all discharged long before the run ends, so
    /// every discharge's window is observed whole.
    let team = """
        name: after discharge
        run: {duration: 500 days, replications: 4, seed: 17}
        attributes:
          risk: [low, high]
        sources:
          gp: {rate: 5 per day, limit: 1000, to: cmht, mix: {risk: {high: 1}}}
        stations:
          cmht:
            function: treatment
            capacity: infinite
            service: {distribution: exponential, mean: 3 days}
            after_discharge:
              by: risk
              time_to_crisis: TIMES
              within: 30 days
              routes: [crisis_team]
          crisis_team: {function: crisis, capacity: infinite, service: 1 day}
        """

    func run(_ times: String) throws -> RunResults {
        try simulate(try loadScenario(team.replacingOccurrences(of: "TIMES", with: times)))
    }

    func testCrisisWithinTheWindowComesAtTheAnalyticRate() throws {
        // Exponential time to crisis, hazard h = 1/50 per day, window T = 30 days: P = 1 - exp(-h T).
        let r = try run("{high: {distribution: exponential, mean: 50 days}}")
        let crises = r.values("crises_after_discharge", station: "cmht").reduce(0, +)
        let discharges = r.values("discharges", station: "cmht").reduce(0, +)
        XCTAssertEqual(discharges, 4000, "everyone is discharged once")
        let expected = 1 - exp(-30.0 / 50)
        let share = crises / discharges
        let se = (expected * (1 - expected) / discharges).squareRoot()
        print("crisis within 30 days of discharge: \(share), expected \(expected), z = \((share - expected) / se)")
        XCTAssertLessThan(abs(share - expected), 4 * se)
        XCTAssertEqual(r.values("crises_after_discharge", station: "system").reduce(0, +), crises)
        XCTAssertEqual(r.values("crises", station: "system", group: "route:crisis_team").reduce(0, +), crises)
        XCTAssertEqual(r.values("arrivals", station: "crisis_team").reduce(0, +), crises, "each crisis takes the route")
        XCTAssertEqual(r.values("departures", station: "system").reduce(0, +), 4000, "everyone leaves in the end")
    }

    func testZeroHazardGivesNoCrisesAndMoreHazardMore() throws {
        let none = try run("{}")
        XCTAssertEqual(none.values("crises_after_discharge", station: "cmht"), [0, 0, 0, 0])
        XCTAssertEqual(none.values("arrivals", station: "crisis_team"), [0, 0, 0, 0])
        let lowOnly = try run("{low: {distribution: exponential, mean: 1 day}}")
        XCTAssertEqual(lowOnly.values("crises_after_discharge", station: "cmht"), [0, 0, 0, 0], "only the levels given reach crisis")
        let some = try run("{high: {distribution: exponential, mean: 200 days}}").values("crises_after_discharge", station: "cmht")
        let more = try run("{high: {distribution: exponential, mean: 20 days}}").values("crises_after_discharge", station: "cmht")
        for k in 0..<4 {
            XCTAssertGreaterThan(some[k], 50)
            XCTAssertGreaterThan(more[k], 2 * some[k])
        }
    }

    func testEveryoneIsAccountedForWhileHeldAfterDischarge() throws {
        let s = try loadScenario(team.replacingOccurrences(of: "TIMES", with: "{high: {distribution: exponential, mean: 20 days}}"))
        var sim = try NetworkSimulation(model: s.model, masterSeed: 1, replication: 0)
        var steps = 0
        while sim.step() {
            steps += 1
            if steps % 10 == 0 { XCTAssertEqual(sim.checkInvariants(), []) }
        }
        XCTAssertEqual(sim.checkInvariants(), [])
        XCTAssertGreaterThan(steps, 2000)
    }
}
