import FlowScenario
import Foundation
import XCTest

/// Plan files: the shipped ones load, the plan schema names exactly the
/// keys the reader takes, and every shipped plan validates against it.
final class PlanSchemaTests: XCTestCase {
    static let plans = Package.scenarios.appendingPathComponent("plans")
    static let schema = Package.scenarios.appendingPathComponent("flowsim-plan.schema.json")

    static func shippedPlans() throws -> [URL] {
        try FileManager.default.contentsOfDirectory(at: plans, includingPropertiesForKeys: nil)
            .filter { $0.pathExtension == "yaml" }.sorted { $0.path < $1.path }
    }

    func testEveryShippedPlanLoads() throws {
        let files = try Self.shippedPlans()
        XCTAssertGreaterThanOrEqual(files.count, 2)
        for file in files {
            let plan = try PlanLoader.load(path: file.path)
            XCTAssertFalse(plan.items.isEmpty, file.path)
            for item in plan.items {
                XCTAssertNoThrow(try ScenarioLoader.load(path: item.file, overrides: item.overrides), "\(file.lastPathComponent): \(item.label)")
            }
        }
    }

    func testSchemaNamesExactlyTheReaderKeys() throws {
        let schema = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(contentsOf: Self.schema)) as? [String: Any])
        let top = try XCTUnwrap(schema["properties"] as? [String: Any])
        XCTAssertEqual(Set(top.keys), Set(PlanLoader.planKeys))
        let items = try XCTUnwrap(((top["scenarios"] as? [String: Any])?["items"] as? [String: Any])?["properties"] as? [String: Any])
        XCTAssertEqual(Set(items.keys), Set(PlanLoader.itemKeys))
    }

    func testShippedPlansValidateAgainstTheSchema() throws {
        let files = try Self.shippedPlans()
        let results = try SchemaValidator.validate(files.map { .init(id: $0.path, path: $0.path) }, schema: Self.schema)
        XCTAssertEqual(results.count, files.count)
        for (file, errors) in results where !errors.isEmpty {
            XCTFail("\(file) does not match the plan schema:\n  " + errors.joined(separator: "\n  "))
        }
        // And the schema can fail: a misspelt key and a bad count are caught.
        let bad = try SchemaValidator.validate([.init(id: "bad", text: "name: x\nreplications: 0\nscenarios:\n  - fil: a.yaml\n")],
                                               schema: Self.schema)
        XCTAssertEqual(bad["bad"]?.count, 3, "\(bad)")
    }
}
