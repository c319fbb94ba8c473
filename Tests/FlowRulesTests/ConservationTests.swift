import FlowEngine
import FlowScenario
import XCTest

/// Everyone who arrived is somewhere or has left, after every event, across
/// every station, rule, rejection, re-referral and crisis route.
final class ConservationTests: XCTestCase {
    func testEveryEventKeepsEveryoneAccountedFor() throws {
        let s = try loadScenario("""
            name: conservation
            run: {duration: 40 days, warm_up: 5 days, replications: 1, seed: 9}
            attributes:
              risk: [low, medium, high]
              complexity: [1, 2, 3, 4, 5]
            access: {model: spa, hub: hub}
            sources:
              gp: {rate: 25 per day, to: cmht, mix: {risk: {low: 6, medium: 3, high: 1}, complexity: {1: 2, 2: 3, 3: 3, 4: 1, 5: 1}}}
              line: {rate: 6 per day, to: crisis, direct: true, batch: {distribution: choice, values: [1, 2], weights: [3, 1]}}
            stations:
              hub:
                capacity: 2
                service: {distribution: exponential, mean: 30 min}
                decide: after_service
                rules:
                  - {when: "risk >= high", decision: redirect, to: crisis, reason: urgent}
                  - {when: "complexity <= 2", decision: signpost, to: vcse, reason: low_need, adherence: 0.9}
                  - {when: "complexity == 5", decision: reject, reason: specialist}
                  - {decision: redirect, to: cmht, reason: secondary}
              cmht:
                capacity: 8
                service: {distribution: lognormal, mean: 12 days, sd: 8 days}
                discipline: priority
                priority_by: risk
                patience: {distribution: exponential, mean: 90 days}
                rules:
                  - {when: "complexity == 4 and risk == low", decision: reject, reason: too_complex, adherence: 0.5}
                acceptance: {load: [1, 3], probability: [1, 0.3], reason: capacity}
                on_reject: {re_refer: 0.5, after: {distribution: exponential, mean: 10 days}}
                deterioration: {by: risk, time_to_crisis: {medium: {distribution: exponential, mean: 30 days}, high: {distribution: weibull, shape: 1.5, scale: 5 days}}, routes: [haven, crisis]}
              vcse:
                capacity: infinite
                service: {distribution: exponential, mean: 7 days}
              haven:
                schedule: [{days: [thu, fri, sat, sun], from: "16:30", to: "23:30", capacity: 2}]
                service: {distribution: exponential, mean: 3 h}
                queue_limit: 3
                overflow: crisis
              crisis:
                capacity: 3
                service: {distribution: exponential, mean: 8 h}
                balking: {threshold: 10, probability: 0.5}
            """)
        var sim = try NetworkSimulation(model: s.model, masterSeed: 9, replication: 0)
        var steps = 0
        while sim.step() {
            steps += 1
            let problems = sim.checkInvariants()
            if !problems.isEmpty {
                XCTFail("after event \(steps) at t=\(sim.now): \(problems)")
                return
            }
        }
        XCTAssertGreaterThan(steps, 2_000)
        let r = sim.result()
        let keys = NetworkMetrics.keys(for: s.model)
        func v(_ m: String, _ st: String) -> Double { r.values[keys.firstIndex(of: MetricKey(metric: m, station: st))!] }
        XCTAssertGreaterThan(v("crises", "cmht"), 0)
        XCTAssertGreaterThan(v("re_referrals", "cmht"), 0)
        XCTAssertGreaterThan(v("rejected", "hub"), 0)
        XCTAssertGreaterThan(v("signposted", "hub"), 0)
        XCTAssertEqual(v("loops_broken", "system"), 0)
    }

    func testRulesThatPassPeopleRoundInACircleAreStopped() throws {
        let s = try loadScenario("""
            name: loop
            run: {duration: 5 days, replications: 1, seed: 1}
            sources:
              gp: {rate: 2 per day, to: a}
            stations:
              a: {capacity: 1, service: 1 h, rules: [{decision: redirect, to: b, reason: not_here}]}
              b: {capacity: 1, service: 1 h, rules: [{decision: redirect, to: a, reason: not_here_either}]}
            """)
        var sim = try NetworkSimulation(model: s.model, masterSeed: 1, replication: 0)
        while sim.step() { XCTAssertEqual(sim.checkInvariants(), []) }
        XCTAssertEqual(sim.loopsBroken, sim.everArrivedInSystem)
        XCTAssertGreaterThan(sim.loopsBroken, 0)
    }
}
