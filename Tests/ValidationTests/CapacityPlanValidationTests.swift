import FlowExperiments
import FlowScenario
import Foundation
import XCTest

/// `plan` against Erlang C: on M/M/c the least number of servers whose
/// mean wait meets a target is known in closed form.
final class CapacityPlanValidationTests: XCTestCase {
    let lambda = 4.0, mu = 1.0

    func scenario() throws -> String {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("plan-mmc-\(UUID().uuidString).yaml")
        try """
            name: M/M/c for plan
            run: {duration: 3000 days, warm_up: 100 days, replications: 8, seed: 42}
            sources:
              arrivals: {rate: \(lambda) per day, to: servers}
            stations:
              servers:
                capacity: 5
                service: {distribution: exponential, mean: \(1 / mu) day}
            """.write(to: file, atomically: true, encoding: .utf8)
        return file.path
    }

    /// Thresholds halfway (geometrically) between the theoretical waits of
    /// c* − 1 and c* servers, so the answer is c* by a wide margin.
    func testPlanFindsTheLeastServersThatErlangCGives() throws {
        let file = try scenario()
        let candidates = Array(5...9)
        let waits = candidates.map { QueueingTheory.MMc(lambda: lambda, mu: mu, servers: $0).meanWait }
        for answer in [6, 7, 8] {
            let i = candidates.firstIndex(of: answer)!
            XCTAssertGreaterThan(waits[i - 1] / waits[i], 2, "neighbouring waits far enough apart for a clear answer")
            let threshold = (waits[i - 1] * waits[i]).squareRoot()
            let target = try PlanTarget.parse("wait_mean_days@servers <= \(threshold) days").get()
            let plan = CapacityPlan(parameter: "stations.servers.capacity", candidates: candidates.map(Double.init),
                                    targets: [target], confidence: 0.95)
            let experiment = try plan.experiment(file: file, name: "plan", baseOverrides: [], seed: nil, replications: nil,
                                                 interval: nil)
            let summary = try ExperimentRunner.run(experiment, threads: 2)
            let result = plan.evaluate(summary)
            XCTAssertEqual(result.answer, Double(answer), "threshold \(threshold): rows \(result.rows.map { ($0.value, $0.checks.map(\.bound)) })")
            XCTAssertEqual(result.failsAbove, [], "waits fall as servers are added")
            // Each candidate's simulated wait agrees with theory (99% interval on the mean of 8 replications).
            for (p, c) in candidates.enumerated() {
                let s = try XCTUnwrap(summary.summary(target.key, point: p))
                let sd = s.standardDeviation / Double(s.n).squareRoot()
                XCTAssertLessThan(abs(s.mean - waits[p]) / sd, 3.5, "c = \(c): simulated \(s.mean), Erlang C \(waits[p])")
            }
        }
    }

    /// No candidate can meet an impossible target: no answer, every row fails.
    func testImpossibleTargetHasNoAnswer() throws {
        let file = try scenario()
        let target = try PlanTarget.parse("wait_mean_days@servers <= 0 days").get()
        let plan = CapacityPlan(parameter: "stations.servers.capacity", candidates: [5, 6], targets: [target], confidence: 0.95)
        let summary = try ExperimentRunner.run(try plan.experiment(file: file, name: "p", baseOverrides: [], seed: nil,
                                                                   replications: 3, interval: nil), threads: 2)
        let result = plan.evaluate(summary)
        XCTAssertNil(result.answer)
        XCTAssertEqual(result.rows.map(\.met), [false, false])
    }
}
