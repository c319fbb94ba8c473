import FlowEngine
import FlowExperiments
import FlowScenario
import Foundation
import XCTest

/// Writes scenario text to a temporary file and loads it.
func loadScenario(_ text: String, overrides: [String] = [], file: StaticString = #filePath, line: UInt = #line) throws -> Scenario {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("flowsim-rules-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    let url = dir.appendingPathComponent("scenario.yaml")
    try text.write(to: url, atomically: true, encoding: .utf8)
    do {
        return try ScenarioLoader.load(path: url.path, overrides: overrides)
    } catch {
        XCTFail("scenario did not load:\n\(error.description)", file: file, line: line)
        throw error
    }
}

/// Loads text expected to be invalid and returns its problems.
func problems(_ text: String) throws -> [Problem] {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("flowsim-rules-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    let url = dir.appendingPathComponent("bad.yaml")
    try text.write(to: url, atomically: true, encoding: .utf8)
    do {
        _ = try ScenarioLoader.load(path: url.path)
        XCTFail("expected the scenario to be rejected")
        return []
    } catch {
        return error.problems
    }
}

func simulate(_ scenario: Scenario, replications: Int? = nil, seed: UInt64? = nil) throws -> RunResults {
    try ReplicationRunner.run(model: scenario.model, seed: seed ?? scenario.seed,
                              replications: replications ?? scenario.replications, threads: 0)
}

/// Erlang B by the stable recursion B(0) = 1, B(k) = a B(k-1) / (k + a B(k-1)).
func erlangB(servers c: Int, load a: Double) -> Double {
    var b = 1.0
    for k in 1...max(c, 1) { b = a * b / (Double(k) + a * b) }
    return b
}
