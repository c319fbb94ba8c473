import FlowEngine
import FlowExperiments
import FlowScenario
import Foundation
import XCTest

/// "Tell my story once": information passed or lost at a hand-off decides
/// whether the next team assesses again.
final class InformationTests: XCTestCase {
    /// Everyone is screened at the hub and redirected to the team (one
    /// hand-off each); nobody waits; arrivals stop long before the end.
    let handoff = """
        name: information
        run: {duration: 400 days, replications: 3, seed: 31}
        sources:
          gp: {rate: 6 per day, limit: 1500, to: hub}
        stations:
          hub:
            function: triage
            capacity: infinite
            service: 20 min
            decide: after_service
            rules:
              - {decision: redirect, to: team, reason: secondary_care}
            information_passed: PASSED
          team:
            function: assessment
            capacity: infinite
            service: {distribution: exponential, mean: 1 day}
            outcomes: {step_down: {vcse: 0.4}}
            routing: {clinic: 0.4}
            information_passed: TEAM
          vcse: {function: connection, capacity: infinite, service: 1 day}
          clinic: {function: treatment, capacity: infinite, service: 1 day}
        """

    func text(hub: String, team: String = "0", reassessment: String = "") -> String {
        handoff.replacingOccurrences(of: "PASSED", with: hub)
            .replacingOccurrences(of: "information_passed: TEAM", with: "information_passed: \(team)" + reassessment)
    }

    func run(passed: String, team: String = "0") throws -> RunResults {
        try simulate(try loadScenario(text(hub: passed, team: team)))
    }

    func testAStoryAlwaysPassedIsNeverRetold() throws {
        let r = try run(passed: "1", team: "1")
        XCTAssertEqual(r.values("redirected", station: "hub"), [1500, 1500, 1500])
        XCTAssertGreaterThan(r.values("step_downs", station: "team").reduce(0, +), 1000)
        XCTAssertEqual(r.values("repeat_assessments", station: "system"), [0, 0, 0])
        // Triage and assessment count one each.
        XCTAssertEqual(r.values("assessments_per_person", station: "system"), [2, 2, 2])
    }

    func testAStoryNeverPassedIsRetoldAtEveryHandOff() throws {
        let r = try run(passed: "0")
        XCTAssertEqual(r.values("repeat_assessments", station: "team"), r.values("redirected", station: "hub"))
        // Triage, the repeat at the team, the assessment itself, and a repeat after each step-down.
        for k in 0..<3 {
            XCTAssertEqual(r.values("assessments_per_person", station: "system")[k],
                           3 + r.values("step_downs", station: "team")[k] / 1500, accuracy: 1e-9)
        }
        // The team's step-downs lose the story too; its plain onward routing is a pathway step, not a hand-off.
        XCTAssertEqual(r.values("repeat_assessments", station: "vcse"), r.values("step_downs", station: "team"))
        XCTAssertEqual(r.values("repeat_assessments", station: "clinic"), [0, 0, 0])
        XCTAssertGreaterThan(r.values("arrivals", station: "clinic").reduce(0, +), 1000)
        let total = (0..<3).map { k in ["team", "vcse"].reduce(0.0) { $0 + r.values("repeat_assessments", station: $1)[k] } }
        XCTAssertEqual(r.values("repeat_assessments", station: "system"), total)
    }

    func testThePassedShareIsTheStatedProbability() throws {
        let r = try run(passed: "0.7")
        let repeats = r.values("repeat_assessments", station: "team").reduce(0, +)
        let handoffs = r.values("redirected", station: "hub").reduce(0, +)
        let share = repeats / handoffs
        let se = (0.3 * 0.7 / handoffs).squareRoot()
        print("story lost at \(share) of hand-offs, expected 0.3, z = \((share - 0.3) / se)")
        XCTAssertLessThan(abs(share - 0.3), 4 * se)
    }

    func testARepeatAssessmentTakesTheReceivingTeamsTime() throws {
        // Same arrivals and service draws; a lost story adds exactly the 2-hour reassessment.
        let reassess = "\n    reassessment: {distribution: constant, value: 2 h}"
        let kept = try simulate(try loadScenario(text(hub: "1", team: "1", reassessment: reassess)))
        let lost = try simulate(try loadScenario(text(hub: "0", team: "1", reassessment: reassess)))
        for k in 0..<3 {
            XCTAssertEqual(lost.values("time_in_station_mean_days", station: "team")[k],
                           kept.values("time_in_station_mean_days", station: "team")[k] + 2.0 / 24, accuracy: 1e-9)
        }
        XCTAssertEqual(kept.values("time_in_station_mean_days", station: "hub"), lost.values("time_in_station_mean_days", station: "hub"))
    }
}
