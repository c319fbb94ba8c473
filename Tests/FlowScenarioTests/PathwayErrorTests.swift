import FlowEngine
import FlowScenario
import XCTest

/// Repatriation, crisis after discharge, information at hand-offs and the
/// missing-middle window: each key read, and each mistake reported.
final class PathwayErrorTests: ScenarioTestCase {
    let valid = ScenarioTestCase.valid
    let attributes = ScenarioTestCase.withAttributes

    /// The base scenario with a line added to the nurse station (the last one).
    func nurse(_ line: String, _ base: String? = nil) -> String { (base ?? valid) + "    \(line)\n" }

    func testRepatriate() throws {
        let beds = valid.with("    capacity: 2\n", "    capacity: 2\n    queue_limit: 0\n    overflow: desk\n")
        XCTAssertTrue(try load(nurse("repatriate: true", beds)).model.stations[1].repatriate)
        XCTAssertFalse(try load(nurse("repatriate: false")).model.stations[1].repatriate)
        try expectProblem(nurse("repatriate: true"), at: "true", path: "stations.nurse.repatriate",
                          found: ["repatriate without an out-of-area station"], expected: ["overflow (with queue_limit)"])
        try expectProblem(nurse("repatriate: often", beds), at: "often", path: "stations.nurse.repatriate", found: ["'often'"],
                          expected: ["true or false"])
    }

    func testAfterDischarge() throws {
        let line = "after_discharge: {by: risk, time_to_crisis: {high: {distribution: exponential, mean: 30 days}}, routes: [desk], within: 90 days}"
        let a = try XCTUnwrap(try load(nurse(line, attributes)).model.stations[1].afterDischarge)
        XCTAssertEqual(a.window, 90)
        XCTAssertEqual(a.hazard.routes, [0])
        XCTAssertEqual(a.hazard.attribute, 0)
        XCTAssertNil(a.hazard.timeToCrisis[0])
        XCTAssertNotNil(a.hazard.timeToCrisis[2])
        try expectProblem(nurse(line.replacingOccurrences(of: ", within: 90 days", with: ""), attributes), at: "{by", within: "{by: risk",
                          path: "stations.nurse.after_discharge.within", found: ["nothing (the key is missing)"],
                          expected: ["the period after discharge in which a crisis counts"])
        try expectProblem(nurse(line.replacingOccurrences(of: "90 days", with: "0 days"), attributes), at: "0 days", within: "within: 0 days",
                          path: "stations.nurse.after_discharge.within", found: ["'0 days'"], expected: ["a duration > 0"])
        try expectProblem(nurse(line.replacingOccurrences(of: "within:", with: "for:"), attributes), at: "for",
                          path: "stations.nurse.after_discharge.for", found: ["unknown key 'for'"], expected: ["one of by, time_to_crisis, routes, within"],
                          among: true)
        try expectProblem(nurse(line.replacingOccurrences(of: "{high:", with: "{hihg:"), attributes), at: "hihg",
                          path: "stations.nurse.after_discharge.time_to_crisis.hihg", found: ["'hihg', which is not a level of risk"],
                          expected: ["one of low, medium, high", "did you mean 'high'?"])
        try expectProblem(nurse(line.replacingOccurrences(of: "[desk]", with: "[dsk]"), attributes), at: "dsk",
                          path: "stations.nurse.after_discharge.routes[0]", found: ["undefined station 'dsk'"])
        try expectProblem(nurse("after_discharge: soon", attributes), at: "soon", path: "stations.nurse.after_discharge",
                          found: ["'soon'"], expected: ["an after_discharge mapping with by, time_to_crisis, routes and within"])
    }

    func testInformationPassedAndReassessment() throws {
        let s = try load(nurse("information_passed: 0.25").with("    routing:", "    reassessment: 45 min\n    routing:"))
        XCTAssertEqual(s.model.stations[1].informationPassed, 0.25)
        XCTAssertEqual(s.model.stations[0].informationPassed, 1, "by default the story always goes with the person")
        XCTAssertEqual(s.model.stations[0].reassessment, .constant(45.0 / 1440))
        try expectProblem(nurse("information_passed: 1.5"), at: "1.5", path: "stations.nurse.information_passed", found: ["'1.5'"],
                          expected: ["a probability between 0 and 1"])
        try expectProblem(nurse("reassessment: {distribution: exponential}"), at: "{distribution", within: "{distribution: exponential}",
                          path: "stations.nurse.reassessment.mean", found: ["nothing (the key is missing)"])
    }

    func testMissingMiddleWindow() throws {
        XCTAssertEqual(try load(valid).model.missingMiddleWindow, .infinity)
        XCTAssertEqual(try load(valid.with("run:\n", "missing_middle: {within: 26 weeks}\nrun:\n")).model.missingMiddleWindow, 182)
        try expectProblem(valid.with("run:\n", "missing_middle: {}\nrun:\n"), at: "{}", path: "missing_middle.within",
                          found: ["nothing (the key is missing)"], expected: ["the time from referral within which"])
        try expectProblem(valid.with("run:\n", "missing_middle: {within: 0 days}\nrun:\n"), at: "0 days", within: "within: 0 days", path: "missing_middle.within",
                          found: ["'0 days'"], expected: ["a duration > 0"])
        try expectProblem(valid.with("run:\n", "missing_middle: 26 weeks\nrun:\n"), at: "26 weeks", path: "missing_middle",
                          found: ["'26 weeks'"], expected: ["a missing_middle mapping with within"])
        try expectProblem(valid.with("run:\n", "missing_middle: {window: 2 days}\nrun:\n"), at: "window", path: "missing_middle.window",
                          found: ["unknown key 'window'"], expected: ["within"], among: true)
    }

    func testFunctionAE() throws {
        XCTAssertEqual(try load(nurse("function: ae")).model.stations[1].function, .ae)
    }
}
