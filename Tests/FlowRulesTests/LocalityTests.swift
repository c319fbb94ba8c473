import FlowEngine
import FlowScenario
import FlowStats
import XCTest

/// Localities: one community team per locality, sharing the hub, the
/// crisis line, the crisis team and the beds. A person is only ever seen by
/// their own locality's team.
final class LocalityTests: XCTestCase {
    static let levels = ["north", "south", "east"]

    /// South has half north's treatment places for the same demand.
    static let scenario = """
        name: localities
        run: {duration: 400 days, warm_up: 0 days, replications: 8, seed: 5}
        attributes:
          locality: [north, south, east]
          risk: [low, high]
        groups: locality
        access: {model: spa, hub: spa}
        localities: {by: locality, teams: [cmht_assessment, cmht_treatment]}
        sources:
          gp:
            rate: 6 per day
            to: cmht_assessment
            mix: {locality: {north: 40, south: 40, east: 20}, risk: {low: 8, high: 2}}
          line: {rate: 1 per day, to: crisis_line, direct: true, mix: {locality: {north: 40, south: 40, east: 20}}}
        stations:
          spa:
            capacity: 2
            service: {distribution: exponential, mean: 30 min}
            decide: after_service
            rules:
              - {when: "risk == high and waiting(cmht_assessment) > 5", decision: redirect, to: crht, reason: long_wait}
              - {decision: redirect, to: cmht_assessment, reason: secondary}
          cmht_assessment:
            function: assessment
            capacity: 3
            service: {distribution: exponential, mean: 8 h}
            routing: {cmht_treatment: 0.8}
            deterioration: {by: risk, time_to_crisis: {high: {distribution: exponential, mean: 40 days}}, routes: [crisis_line]}
          cmht_treatment:
            function: treatment
            capacity: 12
            service: {distribution: exponential, mean: 4 days}
            outcomes: {step_up: {crht: 0.05}}
          cmht_treatment_south: {capacity: 6}
          crisis_line:
            capacity: 2
            service: {distribution: exponential, mean: 20 min}
            rules:
              - {when: "caseload(cmht_treatment) < capacity(cmht_treatment)", decision: redirect, to: cmht_treatment, reason: known}
            routing: {crht: 0.3}
          crht:
            function: crisis
            capacity: 4
            service: {distribution: exponential, mean: 10 days}
            outcomes: {step_down: {cmht_treatment: 0.6}}
        """

    func testCopiesReplaceTheTemplateWithTheirOverrides() throws {
        let m = try loadScenario(Self.scenario).model
        let names = m.stations.map(\.name)
        XCTAssertEqual(names, ["spa", "cmht_assessment_north", "cmht_assessment_south", "cmht_assessment_east",
                               "cmht_treatment_north", "cmht_treatment_south", "cmht_treatment_east",
                               "crisis_line", "crht"])
        let capacity = { (name: String) in m.stations.first { $0.name == name }!.capacity }
        XCTAssertEqual(capacity("cmht_treatment_north"), .servers(12))
        XCTAssertEqual(capacity("cmht_treatment_south"), .servers(6))
        XCTAssertEqual(capacity("cmht_treatment_east"), .servers(12))
        // Inside a copy the team is that locality's; in shared stations it is resolved per person.
        let north = m.stations[1]
        XCTAssertEqual(north.routing.destinations, [4])
        XCTAssertEqual(m.stations[0].rules[1].decision, .redirect(Localities.code(0)))
        XCTAssertEqual(m.localities?.members, [[1, 2, 3], [4, 5, 6]])
    }

    func testEveryoneSeenByALocalityTeamBelongsToIt() throws {
        let r = try simulate(loadScenario(Self.scenario), replications: 3)
        for team in ["cmht_assessment", "cmht_treatment"] {
            for (l, level) in Self.levels.enumerated() {
                let station = "\(team)_\(level)"
                for (g, group) in Self.levels.enumerated() {
                    let arrivals = r.values("arrivals", station: station, group: "locality:\(group)").reduce(0, +)
                    if g == l { XCTAssertGreaterThan(arrivals, 100, station) } else { XCTAssertEqual(arrivals, 0, "\(group) at \(station)") }
                }
            }
        }
        // Shared stations see everyone.
        for group in Self.levels { XCTAssertGreaterThan(r.values("arrivals", station: "crht", group: "locality:\(group)").reduce(0, +), 0) }
    }

    func testArrivalsSplitByTheMixShares() throws {
        let r = try simulate(loadScenario(Self.scenario))
        let total = r.values("arrivals", station: "system").reduce(0, +)
        for (level, share) in zip(Self.levels, [0.4, 0.4, 0.2]) {
            let shares = zip(r.values("arrivals", station: "system", group: "locality:\(level)"), r.values("arrivals", station: "system"))
                .map { $0 / $1 }
            let s = Summary(values: shares)
            XCTAssertLessThan(abs(s.mean - share), max(s.halfWidth, 0.005), level)
            XCTAssertGreaterThan(total, 1000)
        }
    }

    func testTheLocalityWithHalfTheCapacityWaitsLonger() throws {
        let r = try simulate(loadScenario(Self.scenario))
        let north = r.summary("wait_mean_days", station: "cmht_treatment_north")
        let south = r.summary("wait_mean_days", station: "cmht_treatment_south")
        let diff = Summary(values: zip(r.values("wait_mean_days", station: "cmht_treatment_south"),
                                       r.values("wait_mean_days", station: "cmht_treatment_north")).map { $0 - $1 })
        XCTAssertGreaterThan(south.mean, 2 * north.mean)
        XCTAssertGreaterThan(diff.lower, 0, "south \(south.mean) vs north \(north.mean)")
    }

    /// `capacity(cmht_treatment)` in a shared hub's rule reads the person's
    /// own locality's copy: only south (6 places) is below 10.
    func testExpressionsReadThePersonsOwnCopy() throws {
        let text = Self.scenario.replacingOccurrences(
            of: "{when: \"risk == high and waiting(cmht_assessment) > 5\", decision: redirect, to: crht, reason: long_wait}",
            with: "{when: \"capacity(cmht_treatment) < 10\", decision: reject, reason: small_team}")
        XCTAssertNotEqual(text, Self.scenario)
        let r = try simulate(loadScenario(text), replications: 2)
        XCTAssertGreaterThan(r.values("rejected", station: "spa", group: "locality:south").reduce(0, +), 100)
        XCTAssertEqual(r.values("rejected", station: "spa", group: "locality:north").reduce(0, +), 0)
        XCTAssertEqual(r.values("rejected", station: "spa", group: "locality:east").reduce(0, +), 0)
        XCTAssertEqual(r.values("arrivals", station: "cmht_treatment_south").reduce(0, +) > 0, true)   // crises and crisis-line calls still reach it
    }

    func testEveryEventKeepsEveryoneAccountedFor() throws {
        var sim = try NetworkSimulation(model: loadScenario(Self.scenario).model, masterSeed: 3, replication: 0)
        var steps = 0
        while sim.step() {
            steps += 1
            let problems = sim.checkInvariants()
            if !problems.isEmpty { return XCTFail("after event \(steps) at t=\(sim.now): \(problems)") }
        }
        XCTAssertGreaterThan(steps, 5_000)
        XCTAssertEqual(sim.loopsBroken, 0)
    }

    /// One locality is the hand-written network with the copy's name: the
    /// same stations, streams and draws, so the very same results.
    func testOneLocalityIsTheSameAsWritingTheCopyOut() throws {
        let one = Self.scenario
            .replacingOccurrences(of: "locality: [north, south, east]", with: "locality: [north]")
            .replacingOccurrences(of: "{north: 40, south: 40, east: 20}", with: "{north: 1}")
            .replacingOccurrences(of: "  cmht_treatment_south: {capacity: 6}\n", with: "")
        var written = one.replacingOccurrences(of: "localities: {by: locality, teams: [cmht_assessment, cmht_treatment]}\n", with: "")
        for team in ["cmht_assessment", "cmht_treatment"] {
            written = written.replacingOccurrences(of: "\(team)", with: "\(team)_north")
        }
        let a = try simulate(loadScenario(one), replications: 2)
        let b = try simulate(loadScenario(written), replications: 2)
        XCTAssertEqual(a.keys, b.keys)
        XCTAssertEqual(a.results.map(\.values).description, b.results.map(\.values).description)
        XCTAssertGreaterThan(a.values("served", station: "cmht_treatment_north").reduce(0, +), 100)
    }
}
