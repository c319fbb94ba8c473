import FlowEngine
import FlowScenario
import XCTest

/// The rule language: what expressions mean, and how errors are reported.
final class RuleExpressionTests: XCTestCase {
    let attributes = [
        Attribute(name: "risk", levels: ["low", "medium", "high", "very_high"]),
        Attribute(name: "complexity", levels: ["1", "2", "3", "4", "5"]),
        Attribute(name: "presentation", levels: ["common", "psychosis", "eating_disorder"]),
    ]
    let stations = ["cmht", "crht"]

    /// Evaluates with given attribute levels and station state.
    func value(_ text: String, levels: [Int], waiting: [Int] = [0, 0], busy: [Int] = [0, 0], capacity: [Int] = [1, 1],
               file: StaticString = #filePath, line: UInt = #line) -> Double? {
        switch ScenarioLoader.compileExpression(text, attributes: attributes, stations: stations) {
        case .failure(let e):
            XCTFail("'\(text)' did not compile: \(e)", file: file, line: line)
            return nil
        case .success(let e):
            return e.evaluate(attribute: { self.attributes[$0].values[levels[$0]] }, level: { levels[$0] },
                              waiting: { waiting[$0] }, inService: { busy[$0] }, capacity: { capacity[$0] })
        }
    }

    func error(_ text: String) -> ExpressionError? {
        if case .failure(let e) = ScenarioLoader.compileExpression(text, attributes: attributes, stations: stations) { return e }
        XCTFail("'\(text)' compiled but should not")
        return nil
    }

    func testLevelsCompareByOrderAndNumericLevelsByValue() {
        XCTAssertEqual(value("risk >= high", levels: [2, 0, 0]), 1)
        XCTAssertEqual(value("risk >= high", levels: [1, 0, 0]), 0)
        XCTAssertEqual(value("risk >= high or complexity >= 4", levels: [0, 3, 0]), 1)
        XCTAssertEqual(value("risk >= high or complexity >= 4", levels: [0, 2, 0]), 0)
        XCTAssertEqual(value("complexity == 5 and not risk == low", levels: [1, 4, 0]), 1)
        XCTAssertEqual(value("complexity * 2 - 1", levels: [0, 2, 0]), 5, "complexity's level '3' has value 3")
    }

    func testMembership() {
        XCTAssertEqual(value("presentation in [psychosis, eating_disorder]", levels: [0, 0, 1]), 1)
        XCTAssertEqual(value("presentation in [psychosis, eating_disorder]", levels: [0, 0, 0]), 0)
        XCTAssertEqual(value("not presentation in [common]", levels: [0, 0, 2]), 1)
    }

    func testSystemState() {
        XCTAssertEqual(value("waiting(cmht) > 60", levels: [0, 0, 0], waiting: [61, 0]), 1)
        XCTAssertEqual(value("waiting(cmht) > 60", levels: [0, 0, 0], waiting: [60, 0]), 0)
        XCTAssertEqual(value("caseload(crht) / capacity(crht) < 0.9", levels: [0, 0, 0], busy: [0, 8], capacity: [1, 10]), 1)
        XCTAssertEqual(value("caseload(crht) / capacity(crht) < 0.9", levels: [0, 0, 0], busy: [0, 9], capacity: [1, 10]), 0)
        XCTAssertEqual(value("(1 + 2) * 3 == 9 and -2 < 0", levels: [0, 0, 0]), 1)
    }

    func testErrorsPointAtTheCharacter() throws {
        let e1 = try XCTUnwrap(error("risk >= hgih"))
        XCTAssertEqual(e1.offset, 8)
        XCTAssertTrue(e1.found.contains("hgih"), e1.found)
        XCTAssertTrue(e1.expected.contains("did you mean 'high'"), e1.expected)
        let e2 = try XCTUnwrap(error("risk = high"))
        XCTAssertEqual(e2.offset, 5)
        XCTAssertTrue(e2.expected.contains("=="))
        let e3 = try XCTUnwrap(error("wiating(cmht) > 3"))
        XCTAssertTrue(e3.found.contains("unknown function 'wiating'"), e3.found)
        XCTAssertTrue(e3.expected.contains("did you mean 'waiting'"), e3.expected)
        let e4 = try XCTUnwrap(error("waiting(cmt) > 3"))
        XCTAssertEqual(e4.offset, 8)
        XCTAssertTrue(e4.expected.contains("did you mean 'cmht'"), e4.expected)
        let e5 = try XCTUnwrap(error("complexity >= 7"))
        XCTAssertTrue(e5.found.contains("not a level of complexity"), e5.found)
        let e6 = try XCTUnwrap(error("risk >= high or"))
        XCTAssertEqual(e6.offset, 15)
        XCTAssertTrue(e6.found.contains("end of the expression"), e6.found)
        let e7 = try XCTUnwrap(error("(risk >= high"))
        XCTAssertTrue(e7.expected.contains("')'"), e7.expected)
        let e8 = try XCTUnwrap(error("risk >= high high"))
        XCTAssertEqual(e8.offset, 13)
        let e9 = try XCTUnwrap(error("presentation in [psychosis, anxiety]"))
        XCTAssertEqual(e9.offset, 28)
        let e10 = try XCTUnwrap(error("risk # 2"))
        XCTAssertEqual(e10.offset, 5)
        let e11 = try XCTUnwrap(error("mood > 2"))
        XCTAssertTrue(e11.found.contains("unknown name 'mood'"), e11.found)
    }

    func testExpressionErrorsInAScenarioNameFileLineAndColumn() throws {
        let found = try problems("""
            name: rules
            run: {duration: 10 days}
            attributes:
              risk: [low, high]
            sources:
              gp: {rate: 1 per day, to: team, mix: {risk: {low: 1, hihg: 2}}}
            stations:
              team:
                capacity: 1
                service: 1 h
                rules:
                  - {when: "risk >= hgih", decision: reject, reason: risky}
                  - {when: "risk == low", decision: redirect, reason: x}
                  - {decision: bounce, reason: y}
                  - {when: "risk == low", decision: reject}
                deterioration: {by: rsik, time_to_crisis: {}, routes: [team]}
                priority_by: risk
            """)
        let text = found.map(\.description).joined(separator: "\n")
        print(text)
        func has(_ line: Int, _ column: Int?, _ path: String, _ fragments: [String]) {
            XCTAssertTrue(found.contains { p in
                p.line == line && (column == nil || p.column == column) && p.path == path
                    && fragments.allSatisfy { p.description.contains($0) }
            }, "no problem at \(line):\(column ?? 0) \(path) with \(fragments) in\n\(text)")
        }
        has(6, nil, "sources.gp.mix.risk.hihg", ["not a level of risk", "did you mean 'high'"])
        has(12, 25, "stations.team.rules[0].when", ["hgih", "did you mean 'high'"])
        has(13, nil, "stations.team.rules[1].to", ["the station a redirect passes people to"])
        has(14, nil, "stations.team.rules[2].decision", ["'bounce'", "accept, reject, redirect, signpost, discharge"])
        has(15, nil, "stations.team.rules[3].reason", ["missing"])
        has(16, nil, "stations.team.deterioration.by", ["unknown attribute 'rsik'", "did you mean 'risk'"])
        has(17, nil, "stations.team.priority_by", ["discipline: priority"])
    }

    func testAccessModelErrors() throws {
        let found = try problems("""
            name: access
            run: {duration: 10 days}
            access: {model: single_point, hub: spa}
            sources:
              gp: {rate: 1 per day, to: team, direct: maybe}
            stations:
              team: {capacity: 1, service: 1 h, acceptance: {load: [2, 1], probability: [1, 0.5], reason: full}}
            """)
        let text = found.map(\.description).joined(separator: "\n")
        XCTAssertTrue(text.contains("3:17: access.model: found 'single_point', expected spa or no_wrong_door"), text)
        XCTAssertTrue(text.contains("sources.gp.direct: found 'maybe', expected true or false"), text)
        XCTAssertTrue(text.contains("stations.team.acceptance.load"), text)
        XCTAssertTrue(text.contains("increasing order"), text)
    }
}
