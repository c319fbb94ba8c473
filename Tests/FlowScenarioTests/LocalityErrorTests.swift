import FlowEngine
import FlowScenario
import XCTest

/// `localities:`: the copies made, and each mistake reported at its place.
final class LocalityErrorTests: ScenarioTestCase {
    /// The valid scenario with the nurse team once per area.
    let base = ScenarioTestCase.valid.with("run:\n", """
        attributes:
          area: [north, south]
        localities: {by: area, teams: [nurse]}
        run:

        """)

    func testCopiesAndOverrides() throws {
        let m = try load(base + "  nurse_south: {capacity: 7}\n").model
        XCTAssertEqual(m.stations.map(\.name), ["desk", "nurse_north", "nurse_south"])
        XCTAssertEqual(m.stations[1].capacity, .servers(2))
        XCTAssertEqual(m.stations[2].capacity, .servers(7))
        XCTAssertEqual(m.stations[2].service, m.stations[1].service, "the template's keys the override leaves alone")
        XCTAssertEqual(m.stations[0].routing.destinations, [Localities.code(0)], "a shared station's route is resolved per person")
        XCTAssertEqual(m.localities, Localities(attribute: 0, names: ["nurse"], members: [[1, 2]]))
        XCTAssertNil(try load(ScenarioTestCase.valid).model.localities)
    }

    func testByMustBeAnAttribute() throws {
        try expectProblem(base.with("by: area", "by: aera"), at: "aera", path: "localities.by",
                          found: ["unknown attribute 'aera'"], expected: ["one of area", "did you mean 'area'?"])
    }

    func testTeamsMustBeStations() throws {
        try expectProblem(base.with("teams: [nurse]", "teams: [nures]"), at: "nures", path: "localities.teams[0]",
                          found: ["undefined station 'nures'"], expected: ["one of desk, nurse", "did you mean 'nurse'?"])
    }

    func testByAndTeamsAreRequired() throws {
        try expectProblem(base.with("{by: area, teams: [nurse]}", "{teams: [nurse]}"), at: "{teams", path: "localities.by",
                          found: ["nothing (the key is missing)"], expected: ["the attribute whose levels are the localities"])
        try expectProblem(base.with("{by: area, teams: [nurse]}", "{by: area}"), at: "{by", path: "localities.teams",
                          found: ["nothing (the key is missing)"], expected: ["a list of the stations that exist once per locality"])
        try expectProblem(base.with("{by: area, teams: [nurse]}", "{by: area, teams: [nurse], per: 100k}"), at: "per",
                          path: "localities.per", found: ["unknown key 'per'"], expected: ["one of by, teams"])
    }

    func testACopysNameMustNotCollide() throws {
        let text = base.with("teams: [nurse]", "teams: [nurse, nurse_north]") + "  nurse_north: {capacity: 1, service: 5 min}\n"
        try expectProblem(text, at: "[nurse, nurse_north]", path: "localities.teams",
                          found: ["the station name 'nurse_north' (nurse in north), which is also a locality team"],
                          expected: ["team and level names whose joined names are new station names"])
        let twice = ScenarioTestCase.valid.with("run:\n", """
            attributes:
              area: [b_c, c]
            localities: {by: area, teams: [a, a_b]}
            run:

            """).with("routing: {nurse: 0.5}", "routing: {a: 0.5}") + "  a: {capacity: 1, service: 5 min}\n  a_b: {capacity: 1, service: 5 min}\n"
        try expectProblem(twice, at: "[a, a_b]", path: "localities.teams",
                          found: ["the station name 'a_b_c' made twice (a in b_c, a_b in c)"], expected: ["joined names differ"])
    }

    func testAnOverrideNeedsALevel() throws {
        try expectProblem(base + "  nurse_nroth: {capacity: 5}\n", at: "nurse_nroth", path: "stations.nurse_nroth",
                          found: ["'nurse_nroth', a locality override of nurse for 'nroth', which is not a level of area"],
                          expected: ["one of nurse_north, nurse_south", "did you mean 'nurse_north'?"])
    }

    func testEscalationMayNotMovePeopleBetweenLocalities() throws {
        let text = base.with("    service: 20 min\n", "    service: 20 min\n    escalation: {by: area, time_to_rise: {north: 5 days}}\n")
        let p = try expectProblem(text, at: "area", within: "area, time_to_rise", path: "stations.nurse_north.escalation.by",
                                  found: ["the locality attribute area"], expected: ["escalation would move people between localities"],
                                  among: true)
        XCTAssertNotNil(p)
    }
}

/// Locality teams in overflow chains, repatriation and no wrong door.
final class LocalityFlowErrorTests: ScenarioTestCase {
    let base = ScenarioTestCase.valid.with("run:\n", """
        attributes:
          area: [north, south]
        localities: {by: area, teams: [nurse]}
        run:

        """)

    func testAnOverflowCycleThroughOneLocalityIsFound() throws {
        // Only south's copy overflows back to the desk.
        let text = base.with("    capacity: 1\n", "    capacity: 1\n    queue_limit: 0\n    overflow: nurse\n")
            + "  nurse_south: {queue_limit: 0, overflow: desk}\n"
        let all = try problems(text)
        XCTAssertEqual(all.map(\.path).sorted(), ["stations.desk.overflow", "stations.nurse_south.overflow"], "\(all)")
        XCTAssertTrue(all[0].found.contains("an overflow cycle"))
        XCTAssertTrue(all.contains { $0.found.contains("desk → nurse_south → desk") || $0.found.contains("nurse_south → desk → nurse_south") })
        // Without the way back it loads, and the desk overflows to each person's own copy.
        let fine = try load(base.with("    capacity: 1\n", "    capacity: 1\n    queue_limit: 0\n    overflow: nurse\n"))
        XCTAssertEqual(fine.model.stations[0].overflow, Localities.code(0))
    }

    func testRepatriationNeedsOneStation() throws {
        let text = base.with("    capacity: 1\n", "    capacity: 1\n    queue_limit: 0\n    overflow: nurse\n    repatriate: true\n")
        try expectProblem(text, at: "nurse", within: "overflow: nurse", path: "stations.desk.overflow",
                          found: ["the locality team nurse with repatriate"], expected: ["one out-of-area station"])
    }

    func testNoWrongDoorOnwardToALocalityTeam() throws {
        let text = base.with("    service: 20 min\n", "    service: 20 min\n    rules: [{decision: reject, reason: full}]\n")
            .with("    routing: {nurse: 0.5}\n", "    routing: {nurse: 0.5}\n    rules: [{decision: reject, reason: no}]\n")
            .with("run:\n", "access: {model: no_wrong_door, onward: nurse}\nrun:\n")
        let m = try load(text).model
        XCTAssertEqual(m.stations[0].rules[0].decision, .redirect(Localities.code(0)), "the desk passes people to their own nurse team")
        XCTAssertEqual(m.stations[1].rules[0].decision, .discharge, "a copy never passes people to itself")
        XCTAssertEqual(m.stations[2].rules[0].decision, .discharge)
    }
}
