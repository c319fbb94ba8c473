import FlowEngine
import FlowScenario
import FlowStats
import XCTest

/// Need that rises while people wait, and priority rising with it.
final class EscalationTests: XCTestCase {
    let text = """
        name: escalation
        run: {duration: 300 days, warm_up: 30 days, replications: 3, seed: 14}
        attributes:
          risk: [low, high]
        sources:
          gp: {rate: 9 per day, to: team}
        stations:
          team:
            capacity: 10
            service: {distribution: exponential, mean: 1 day}
            discipline: priority
            priority_by: risk
            escalation: {by: risk, time_to_rise: {low: {distribution: exponential, mean: 5 days}}}
        """

    func testRisingRiskMovesPeopleUpTheQueue() throws {
        let r = try simulate(try loadScenario(text))
        let escalations = r.values("escalations", station: "team").reduce(0, +)
        let highServed = r.values("served", station: "team", group: "priority:0").reduce(0, +)
        let highWait = Summary(values: r.values("wait_mean_days", station: "team", group: "priority:0"))
        let lowWait = Summary(values: r.values("wait_mean_days", station: "team", group: "priority:1"))
        print("escalations \(escalations), served at high risk \(highServed), waits high \(highWait.mean) low \(lowWait.mean)")
        XCTAssertGreaterThan(escalations, 100)
        // Everyone arrives at low risk, so everyone served at high risk rose while waiting
        // (a few rose during warm-up, a few are still waiting at the end).
        XCTAssertEqual(highServed, escalations, accuracy: 0.1 * escalations)
        XCTAssertGreaterThan(highWait.mean, 0)
        let without = try simulate(try loadScenario(text.replacingOccurrences(of: "time_to_rise: {low: {distribution: exponential, mean: 5 days}}", with: "time_to_rise: {}")))
        XCTAssertEqual(without.values("escalations", station: "team").reduce(0, +), 0)
        XCTAssertEqual(without.values("served", station: "team", group: "priority:0").reduce(0, +), 0)
    }

    func testEscalationKeepsEveryoneAccountedFor() throws {
        let s = try loadScenario(text.replacingOccurrences(of: "service: {distribution: exponential, mean: 1 day}",
                                                           with: "service: {distribution: exponential, mean: 1 day}\n    patience: {distribution: exponential, mean: 20 days}"),
                                 overrides: ["run.duration=60 days"])
        var sim = try NetworkSimulation(model: s.model, masterSeed: 3, replication: 0)
        while sim.step() {
            let p = sim.checkInvariants()
            if !p.isEmpty { XCTFail("\(p)"); return }
        }
    }
}
