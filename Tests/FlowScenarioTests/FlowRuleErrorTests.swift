import FlowEngine
import FlowScenario
import XCTest

/// People's attributes, source mixes, flow rules and their expressions,
/// acceptance curves, rejection, deterioration and the access model.
final class FlowRuleErrorTests: ScenarioTestCase {
    /// `withAttributes`: risk [low, medium, high] and complexity [1 ... 5].
    let base = ScenarioTestCase.withAttributes
    let routing = "    routing: {nurse: 0.5}\n"

    /// The base scenario with a line added to the desk station.
    func desk(_ line: String) -> String { base.with(routing, routing + "    \(line)\n") }

    /// The base scenario with a line added to the walk_in source.
    func source(_ line: String) -> String { base.with("    to: desk\n", "    to: desk\n    \(line)\n") }

    // MARK: Attributes

    func testAttributesLoad() throws {
        let s = try load(base)
        XCTAssertEqual(s.model.attributes, [Attribute(name: "risk", levels: ["low", "medium", "high"]),
                                            Attribute(name: "complexity", levels: ["1", "2", "3", "4", "5"])])
        XCTAssertEqual(s.model.attributes[1].values, [1, 2, 3, 4, 5])
        XCTAssertEqual(s.model.attributes[0].values, [0, 1, 2])
    }

    func testAttributesProblems() throws {
        let valid = Self.valid
        try expectProblem(valid.with("run:\n", "attributes: [risk]\nrun:\n"), at: "[risk]", path: "attributes", found: ["a list"],
                          expected: ["a mapping of attribute names to lists of levels"])
        try expectProblem(valid.with("run:\n", "attributes:\n  risk: high\nrun:\n"), at: "high", path: "attributes.risk",
                          found: ["'high'"], expected: ["a list of levels in order"])
        try expectProblem(valid.with("run:\n", "attributes:\n  risk: []\nrun:\n"), at: "[]", path: "attributes.risk",
                          found: ["a list"], expected: ["a list of levels in order"])
        try expectProblem(valid.with("run:\n", "attributes:\n  risk: [low, [a]]\nrun:\n"), at: "[a]", path: "attributes.risk[1]",
                          found: ["a list"], expected: ["a level name"])
        try expectProblem(valid.with("run:\n", "attributes:\n  risk: [low, low]\nrun:\n"), at: "[low, low]", path: "attributes.risk",
                          found: ["a level listed twice"], expected: ["distinct levels"])
        let many = (1...65).map { "l\($0)" }.joined(separator: ", ")
        try expectProblem(valid.with("run:\n", "attributes:\n  risk: [\(many)]\nrun:\n"), at: "[l1", path: "attributes.risk",
                          found: ["65 levels"], expected: ["at most 64 levels"])
        for reserved in ["waiting", "caseload", "in_service", "capacity", "and", "or", "not", "in"] {
            try expectProblem(valid.with("run:\n", "attributes:\n  \(reserved): [a, b]\nrun:\n"), at: "\(reserved):",
                              path: "attributes.\(reserved)", found: ["the reserved name '\(reserved)'"],
                              expected: ["an attribute name other than waiting, caseload"])
        }
    }

    // MARK: Source mix and direct

    func testMix() throws {
        let s = try load(source("mix: {risk: {low: 0.6, high: 0.4}}"))
        XCTAssertEqual(s.model.sources[0].mix, [.choice(values: [0, 1, 2], weights: [0.6, 0, 0.4]), nil])
        try expectProblem(source("mix: {rsk: {low: 1}}"), at: "rsk", path: "sources.walk_in.mix.rsk", found: ["unknown attribute 'rsk'"],
                          expected: ["one of risk, complexity", "did you mean 'risk'?"])
        try expectProblem(Self.valid.with("    to: desk\n", "    to: desk\n    mix: {risk: {low: 1}}\n"), at: "risk",
                          path: "sources.walk_in.mix.risk", found: ["unknown attribute 'risk'"],
                          expected: ["attributes declared at the top level first"])
        try expectProblem(source("mix: {risk: {lo: 1, high: 1}}"), at: "lo:", path: "sources.walk_in.mix.risk.lo",
                          found: ["'lo', which is not a level of risk"], expected: ["one of low, medium, high", "did you mean 'low'?"])
        try expectProblem(source("mix: {risk: {low: -1, high: 1}}"), at: "-1", path: "sources.walk_in.mix.risk.low", found: ["'-1'"],
                          expected: ["a weight >= 0"])
        try expectProblem(source("mix: {risk: {low: 0}}"), at: "{low: 0}", path: "sources.walk_in.mix.risk",
                          found: ["weights summing to 0"], expected: ["at least one positive weight"])
        try expectProblem(source("mix: risk"), at: "risk", within: "mix: risk", path: "sources.walk_in.mix", found: ["'risk'"],
                          expected: ["a mapping of attribute names to level weights"])
        try expectProblem(source("mix: {risk: [1, 2]}"), at: "[1, 2]", path: "sources.walk_in.mix.risk", found: ["a list"],
                          expected: ["a mapping of levels to weights"])
    }

    func testDirectMustBeTrueOrFalse() throws {
        try expectProblem(source("direct: maybe"), at: "maybe", path: "sources.walk_in.direct", found: ["'maybe'"],
                          expected: ["true or false"])
        XCTAssertNoThrow(try load(source("direct: yes")))
    }

    // MARK: Rules

    func testRulesLoad() throws {
        let s = try load(desk("""
            rules:
                  - {when: "risk >= high", decision: redirect, to: nurse, reason: high_risk}
                  - {when: "complexity in [4, 5]", decision: reject, reason: too_complex, adherence: 0.8}
                  - {decision: signpost, reason: elsewhere}
            """))
        let rules = s.model.stations[0].rules
        XCTAssertEqual(rules.map(\.decision), [.redirect(1), .reject, .signpost(Routing.exit)])
        XCTAssertEqual(rules.map(\.adherence), [1, 0.8, 1])
        XCTAssertEqual(s.model.stations[0].reasons, ["high_risk", "too_complex", "elsewhere"])
        XCTAssertEqual(rules[0].condition?.text, "risk >= high")
        XCTAssertNil(rules[2].condition)
    }

    func testRulesProblems() throws {
        let r = "stations.desk.rules"
        try expectProblem(desk("rules: {when: x}"), at: "{when", path: r, found: ["a mapping"], expected: ["a list of rules such as"])
        try expectProblem(desk("rules: [accept]"), at: "accept", path: "\(r)[0]", found: ["'accept'"],
                          expected: ["a rule mapping with when, decision and reason"])
        try expectProblem(desk("rules: [{decision: reject, reason: r, whn: x}]"), at: "whn", path: "\(r)[0].whn",
                          found: ["unknown key 'whn'"], expected: ["one of when, decision, to, reason, adherence", "did you mean 'when'?"])
        try expectProblem(desk("rules: [{reason: r}]"), at: "{reason", path: "\(r)[0].decision", found: ["nothing (the key is missing)"],
                          expected: ["one of accept, reject, redirect, signpost, discharge"])
        try expectProblem(desk("rules: [{decision: reject}]"), at: "{decision", path: "\(r)[0].reason",
                          found: ["nothing (the key is missing)"], expected: ["a reason name, counted in the results"])
        try expectProblem(desk("rules: [{decision: rejct, reason: r}]"), at: "rejct", path: "\(r)[0].decision", found: ["'rejct'"],
                          expected: ["one of accept, reject", "did you mean 'reject'?"])
        try expectProblem(desk("rules: [{decision: reject, reason: \"a,b\"}]"), at: "\"a,b\"", path: "\(r)[0].reason",
                          found: ["\"a,b\""], expected: ["a reason name without commas or quotes"])
        try expectProblem(desk("rules: [{decision: redirect, reason: r}]"), at: "{decision", path: "\(r)[0].to",
                          found: ["nothing (the key is missing)"], expected: ["the station a redirect passes people to"])
        try expectProblem(desk("rules: [{decision: accept, to: nurse, reason: r}]"), at: "nurse", within: "to: nurse,",
                          path: "\(r)[0].to", found: ["to with decision accept"], expected: ["to only with redirect or signpost"])
        try expectProblem(desk("rules: [{decision: redirect, to: nurze, reason: r}]"), at: "nurze", path: "\(r)[0].to",
                          found: ["undefined station 'nurze'"], expected: ["one of desk, nurse", "did you mean 'nurse'?"])
        try expectProblem(desk("rules: [{decision: reject, reason: r, adherence: 1.5}]"), at: "1.5", path: "\(r)[0].adherence",
                          found: ["'1.5'"], expected: ["a probability between 0 and 1"])
        try expectProblem(desk("rules: [{when: [a], decision: reject, reason: r}]"), at: "[a]", path: "\(r)[0].when",
                          found: ["a list"], expected: ["an expression such as"])
    }

    /// A rule whose condition is `expression`; the problem must point at the
    /// character `at` inside it (its first appearance after the opening quote).
    func expectExpressionProblem(_ expression: String, at: String, found: [String], expected: [String] = [],
                                 file: StaticString = #filePath, line: UInt = #line) throws {
        let quoted = "\"\(expression)\""
        let text = desk("rules: [{when: \(quoted), decision: reject, reason: r}]")
        let inner = String(quoted.dropFirst())
        let p = try expectProblem(text, at: at, within: inner, path: "stations.desk.rules[0].when",
                                  found: found + ["of \(quoted)"], expected: expected, file: file, line: line)
        XCTAssertNotNil(p, file: file, line: line)
    }

    func testExpressionProblemsPointInsideTheExpression() throws {
        try expectExpressionProblem("rsk >= high", at: "rsk", found: ["unknown name 'rsk' at character 1"],
                                    expected: ["an attribute (risk, complexity) or a number", "did you mean 'risk'?"])
        try expectExpressionProblem("risk >= hihg", at: "hihg", found: ["unknown name 'hihg' at character 9"],
                                    expected: ["a level of risk (low, medium, high)", "did you mean 'high'?"])
        try expectExpressionProblem("risk = high", at: "=", found: ["'=' at character 6"], expected: ["'==' to compare"])
        try expectExpressionProblem("waitng(desk) > 3", at: "waitng", found: ["unknown function 'waitng'"],
                                    expected: ["one of waiting, caseload, in_service, capacity", "did you mean 'waiting'?"])
        try expectExpressionProblem("waiting(dsk) > 3", at: "dsk", found: ["undefined station 'dsk'"],
                                    expected: ["one of desk, nurse", "did you mean 'desk'?"])
        try expectExpressionProblem("3 in [1]", at: "in", found: ["'in' after something that is not an attribute"],
                                    expected: ["an attribute before 'in'"])
        try expectExpressionProblem("complexity >= 7", at: "7", found: ["7.0, which is not a level of complexity"],
                                    expected: ["one of 1, 2, 3, 4, 5"])
        try expectExpressionProblem("complexity in [1, 9]", at: "9", found: ["'9', which is not a level of complexity"],
                                    expected: ["one of 1, 2, 3, 4, 5"])
        try expectExpressionProblem("risk in [low, hgh]", at: "hgh", found: ["'hgh', which is not a level of risk"],
                                    expected: ["one of low, medium, high", "did you mean 'high'?"])
        try expectExpressionProblem("risk >=", at: "\"", found: ["the end of the expression"],
                                    expected: ["a value: a number, an attribute or a function"])
        try expectExpressionProblem("risk >= high high", at: "high\"", found: ["'high' at character 14"],
                                    expected: ["an operator such as and, or"])
        try expectExpressionProblem("risk >= high;", at: ";", found: ["';'"], expected: ["a name, a number or an operator"])
        try expectExpressionProblem("(risk >= high", at: "\"", found: ["the end of the expression"], expected: ["')'"])
        try expectExpressionProblem("and", at: "and", found: ["'and'"], expected: ["a value before 'and'"])
        try expectExpressionProblem("risk >= high or", at: "\"", found: ["the end of the expression"],
                                    expected: ["a value: a number, an attribute or a function"])
    }

    func testPlainExpressionsPointAtTheCharacterToo() throws {
        let text = desk("rules:\n      - when: risk >= hihg\n        decision: reject\n        reason: r")
        try expectProblem(text, at: "hihg", path: "stations.desk.rules[0].when", found: ["unknown name 'hihg' at character 9"])
    }

    func testDecide() throws {
        try expectProblem(desk("decide: later"), at: "later", path: "stations.desk.decide", found: ["'later'"],
                          expected: ["on_arrival or after_service"])
        try expectProblem(desk("decide: after_servise"), at: "after_servise", path: "stations.desk.decide",
                          expected: ["did you mean 'after_service'?"])
        try expectProblem(desk("decide: [on_arrival]"), at: "[on_arrival]", path: "stations.desk.decide", found: ["a list"],
                          expected: ["on_arrival or after_service"])
        XCTAssertEqual(try load(desk("decide: after_service")).model.stations[0].rulePoint, .afterService)
    }

    // MARK: Acceptance

    func testAcceptance() throws {
        let a = "stations.desk.acceptance"
        let s = try load(desk("acceptance: {load: [0.5, 1, 2], probability: [1, 0.5, 0], reason: full}"))
        XCTAssertEqual(s.model.stations[0].acceptance?.load, [0.5, 1, 2])
        XCTAssertEqual(s.model.stations[0].acceptance?.probability, [1, 0.5, 0])
        XCTAssertEqual(s.model.stations[0].reasons, ["full"])

        try expectProblem(desk("acceptance: yes"), at: "yes", path: a, found: ["'yes'"],
                          expected: ["an acceptance mapping with load, probability and reason"])
        try expectProblem(desk("acceptance: {load: [0, 1], probability: [1, 0.5], reason: full, reson: x}"), at: "reson",
                          path: "\(a).reson", found: ["unknown key 'reson'"], expected: ["did you mean 'reason'?"])
        try expectProblem(desk("acceptance: {probability: [1], reason: full}"), at: "{probability", path: "\(a).load",
                          found: ["nothing (the key is missing)"], expected: ["a list of loads"])
        try expectProblem(desk("acceptance: {load: [1], reason: full}"), at: "{load", path: "\(a).probability",
                          found: ["nothing (the key is missing)"], expected: ["a list of acceptance probabilities"])
        try expectProblem(desk("acceptance: {load: [1], probability: [1]}"), at: "{load", path: "\(a).reason",
                          found: ["nothing (the key is missing)"], expected: ["a reason name for rejections"])
        try expectProblem(desk("acceptance: {load: [0, 2, 1], probability: [1, 1, 1], reason: full}"), at: "[0, 2, 1]",
                          path: "\(a).load", found: ["a list"], expected: ["a non-empty list of loads in increasing order"])
        try expectProblem(desk("acceptance: {load: [], probability: [], reason: full}"), at: "[]", path: "\(a).load",
                          found: ["a list"], expected: ["a non-empty list of loads in increasing order"])
        try expectProblem(desk("acceptance: {load: [0, 1], probability: [1], reason: full}"), at: "[1]", within: "probability: [1]",
                          path: "\(a).probability", found: ["1 values"], expected: ["2 probabilities, one per load"])
        try expectProblem(desk("acceptance: {load: [0, 1], probability: [1, 1.5], reason: full}"), at: "[1, 1.5]",
                          path: "\(a).probability", found: ["a list"], expected: ["probabilities between 0 and 1"])
        try expectProblem(desk("acceptance: {load: [-1, 1], probability: [1, 1], reason: full}"), at: "-1", path: "\(a).load[0]",
                          found: ["'-1'"], expected: ["a number >= 0"])
        try expectProblem(desk("acceptance: {load: [0, 1], probability: [1, 1], reason: [full]}"), at: "[full]",
                          path: "\(a).reason", found: ["a list"], expected: ["a reason name"])
        let after = desk("decide: after_service\n    acceptance: {load: [0, 1], probability: [1, 0], reason: full}")
        try expectProblem(after, at: "{load", path: a, found: ["an acceptance curve with decide: after_service"],
                          expected: ["acceptance only with decide: on_arrival"])
    }

    // MARK: Rejection

    func testOnReject() throws {
        let o = "stations.desk.on_reject"
        let s = try load(desk("on_reject: {re_refer: 0.5, after: 2 weeks}"))
        XCTAssertEqual(s.model.stations[0].rejection, Rejection(reReferral: 0.5, delay: .constant(14)))
        try expectProblem(desk("on_reject: {re_refer: 0.5}"), at: "{re_refer", path: "\(o).after",
                          found: ["nothing (the key is missing)"], expected: ["the delay before a re-referral"])
        try expectProblem(desk("on_reject: {re_refer: 2, after: 1 week}"), at: "2", within: "re_refer: 2,", path: "\(o).re_refer", found: ["'2'"],
                          expected: ["a probability between 0 and 1"])
        try expectProblem(desk("on_reject: {re_refer: 0.5, after: 30}"), at: "30}", path: "\(o).after", found: ["'30' with no unit"])
        try expectProblem(desk("on_reject: {re_refer: 0.5, after: 1 week, delay: 2 h}"), at: "delay", path: "\(o).delay",
                          found: ["unknown key 'delay'"], expected: ["one of re_refer, after"])
        try expectProblem(desk("on_reject: never"), at: "never", path: o, found: ["'never'"],
                          expected: ["an on_reject mapping with re_refer and after"])
    }

    // MARK: Deterioration

    func testDeterioration() throws {
        let d = "stations.desk.deterioration"
        let s = try load(desk("deterioration: {by: risk, time_to_crisis: {high: 2 weeks}, routes: [nurse]}"))
        XCTAssertEqual(s.model.stations[0].deterioration,
                       Deterioration(attribute: 0, timeToCrisis: [nil, nil, .constant(14)], routes: [1]))
        XCTAssertEqual(try load(desk("deterioration: {by: risk, time_to_crisis: {high: 2 weeks}, routes: nurse}"))
                        .model.stations[0].deterioration?.routes, [1])

        try expectProblem(desk("deterioration: {time_to_crisis: {high: 2 weeks}, routes: nurse}"), at: "{time_to_crisis",
                          path: "\(d).by", found: ["nothing (the key is missing)"], expected: ["the attribute that sets the time to crisis"])
        try expectProblem(desk("deterioration: {by: risk, routes: nurse}"), at: "{by", path: "\(d).time_to_crisis",
                          found: ["nothing (the key is missing)"], expected: ["a mapping of levels to time-to-crisis distributions"])
        try expectProblem(desk("deterioration: {by: risk, time_to_crisis: {high: 2 weeks}}"), at: "{by", path: "\(d).routes",
                          found: ["nothing (the key is missing)"], expected: ["a list of crisis stations"])
        try expectProblem(desk("deterioration: {by: rsk, time_to_crisis: {high: 2 weeks}, routes: nurse}"), at: "rsk",
                          path: "\(d).by", found: ["unknown attribute 'rsk'"], expected: ["did you mean 'risk'?"])
        try expectProblem(desk("deterioration: {by: risk, time_to_crisis: {hihg: 2 weeks}, routes: nurse}"), at: "hihg",
                          path: "\(d).time_to_crisis.hihg", found: ["'hihg', which is not a level of risk"],
                          expected: ["one of low, medium, high", "did you mean 'high'?"])
        try expectProblem(desk("deterioration: {by: risk, time_to_crisis: {high: 3}, routes: nurse}"), at: "3}",
                          path: "\(d).time_to_crisis.high", found: ["'3' with no unit"])
        try expectProblem(desk("deterioration: {by: risk, time_to_crisis: soon, routes: nurse}"), at: "soon",
                          path: "\(d).time_to_crisis", found: ["'soon'"], expected: ["a mapping of levels to distributions"])
        try expectProblem(desk("deterioration: {by: risk, time_to_crisis: {high: 1 week}, routes: [nurze]}"), at: "nurze",
                          path: "\(d).routes[0]", found: ["undefined station 'nurze'"], expected: ["did you mean 'nurse'?"])
        try expectProblem(desk("deterioration: {by: risk, time_to_crisis: {high: 1 week}, routes: []}"), at: "[]",
                          path: "\(d).routes", found: ["a list"], expected: ["at least one crisis station"])
        try expectProblem(desk("deterioration: {by: risk, time_to_crisis: {high: 1 week}, routes: [[a]]}"), at: "[a]",
                          path: "\(d).routes[0]", found: ["a list"], expected: ["a station name"])
        try expectProblem(desk("deterioration: {by: risk, time_to_crisis: {high: 1 week}, routes: nurse, when: x}"), at: "when",
                          path: "\(d).when", found: ["unknown key 'when'"], expected: ["one of by, time_to_crisis, routes"])
    }

    // MARK: priority_by

    func testPriorityBy() throws {
        let s = try load(desk("discipline: priority\n    priority_by: risk"))
        XCTAssertEqual(s.model.stations[0].priorityAttribute, 0)
        try expectProblem(desk("discipline: priority\n    priority_by: rsk"), at: "rsk", path: "stations.desk.priority_by",
                          found: ["unknown attribute 'rsk'"], expected: ["one of risk, complexity", "did you mean 'risk'?"])
        try expectProblem(desk("priority_by: risk"), at: "risk", within: "priority_by: risk", path: "stations.desk.priority_by",
                          found: ["priority_by with discipline fifo"], expected: ["discipline: priority"])
    }

    // MARK: Access

    func access(_ mapping: String) -> String { base.with("name: Test\n", "name: Test\naccess: \(mapping)\n") }

    func testAccessModels() throws {
        let spa = try load(access("{model: spa, hub: nurse}").with("    to: desk\n", """
                to: desk
              crisis_line:
                rate: 1 per day
                to: desk
                direct: true

            """))
        XCTAssertEqual(spa.model.sources.map(\.route), [.to(1), .to(0)], "routine referrals go to the hub, direct ones do not")

        let nwd = try load(access("{model: no_wrong_door, onward: nurse}").with(routing, routing + """
                rules: [{when: "risk >= high", decision: reject, reason: high_risk}]

            """))
        XCTAssertEqual(nwd.model.stations[0].rules.map(\.decision), [.redirect(1)], "a reject becomes a redirect to onward")
    }

    func testAccessProblems() throws {
        try expectProblem(access("spa"), at: "spa", path: "access", found: ["'spa'"], expected: ["an access mapping such as"])
        try expectProblem(access("{model: spa, hub: desk, hubb: x}"), at: "hubb", path: "access.hubb", found: ["unknown key 'hubb'"],
                          expected: ["one of model, hub, onward", "did you mean 'hub'?"])
        try expectProblem(access("{hub: desk}"), at: "{hub", path: "access.model", found: ["nothing (the key is missing)"],
                          expected: ["spa or no_wrong_door"])
        try expectProblem(access("{model: spaa, hub: desk}"), at: "spaa", path: "access.model", found: ["'spaa'"],
                          expected: ["spa or no_wrong_door", "did you mean 'spa'?"])
        try expectProblem(access("{model: spa, hub: desk, onward: nurse}"), at: "nurse", within: "onward: nurse", path: "access.onward",
                          found: ["onward with model spa"], expected: ["hub (the spa setting)"])
        try expectProblem(access("{model: no_wrong_door, onward: nurse, hub: desk}"), at: "desk", within: "hub: desk",
                          path: "access.hub", found: ["hub with model no_wrong_door"], expected: ["onward (the no_wrong_door setting)"])
        try expectProblem(access("{model: spa}"), at: "{model", path: "access.hub", found: ["nothing (the key is missing)"],
                          expected: ["the hub station every routine referral goes to first"])
        try expectProblem(access("{model: no_wrong_door}"), at: "{model", path: "access.onward", found: ["nothing (the key is missing)"],
                          expected: ["the station rejected people are passed to"])
        try expectProblem(access("{model: spa, hub: hbu}"), at: "hbu", path: "access.hub", found: ["undefined station 'hbu'"],
                          expected: ["one of desk, nurse"])
        try expectProblem(access("{model: spa, hub: [desk]}"), at: "[desk]", path: "access.hub", found: ["a list"],
                          expected: ["a station name"])
    }
}
