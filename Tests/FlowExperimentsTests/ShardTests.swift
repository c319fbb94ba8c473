import FlowExperiments
import FlowScenario
import Foundation
import XCTest

final class ShardTests: XCTestCase {
    func testParsing() {
        XCTAssertEqual(Shard("2/8")?.index, 2)
        XCTAssertEqual(Shard(" 1 / 1 ")?.count, 1)
        for bad in ["0/3", "4/3", "1/0", "x/3", "3", "1/2/3", "-1/3", ""] { XCTAssertNil(Shard(bad), bad) }
    }

    /// Shards of any count cover every (point, replication) exactly once,
    /// with shares that differ by at most one.
    func testShardsPartitionTheWork() throws {
        let scenario = try ScenarioLoader.load(path: "Scenarios/examples/clinic.yaml")
        let points = [3, 1, 7, 0, 5].enumerated().map {
            ExperimentPoint(label: "p\($0.offset)", scenario: scenario, overrides: [], replications: $0.element)
        }
        let e = Experiment(kind: .batch, name: "e", seed: 1, points: points)
        let all = e.units()
        XCTAssertEqual(all.count, 16)
        XCTAssertEqual(Set(all).count, 16)
        for n in 1...17 {
            let slices = (1...n).map { e.units(shard: Shard(index: $0, count: n)!) }
            XCTAssertEqual(slices.flatMap { $0 }.sorted { ($0.point, $0.replication) < ($1.point, $1.replication) }, all, "n = \(n)")
            let sizes = slices.map(\.count)
            XCTAssertLessThanOrEqual(sizes.max()! - sizes.min()!, 1, "n = \(n): \(sizes)")
        }
    }

    /// The fingerprint names what fixes the results, and nothing else.
    func testFingerprintFollowsTheDefinition() throws {
        let a = try ScenarioLoader.load(path: "Scenarios/examples/clinic.yaml")
        let b = try ScenarioLoader.load(path: "Scenarios/examples/clinic.yaml", overrides: ["stations.doctor.capacity=2"])
        func experiment(_ s: Scenario, seed: UInt64 = 1, replications: Int = 3) -> Experiment {
            Experiment(kind: .batch, name: "e", seed: seed,
                       points: [ExperimentPoint(label: "x", scenario: s, overrides: [], replications: replications)])
        }
        XCTAssertEqual(experiment(a).fingerprint, experiment(a).fingerprint)
        XCTAssertNotEqual(experiment(a).fingerprint, experiment(b).fingerprint)
        XCTAssertNotEqual(experiment(a).fingerprint, experiment(a, seed: 2).fingerprint)
        XCTAssertNotEqual(experiment(a).fingerprint, experiment(a, replications: 4).fingerprint)
        XCTAssertTrue(experiment(b).definition.contains(b.hash))
        XCTAssertFalse(experiment(a).definition.contains("clinic.yaml"), "paths do not belong to the identity")
    }

    func testOverrideValuesAreWrittenAsScenariosTakeThem() {
        XCTAssertEqual(ExperimentBuilder.format(12), "12")
        XCTAssertEqual(ExperimentBuilder.format(-3), "-3")
        XCTAssertEqual(ExperimentBuilder.format(0.25), "0.25")
        XCTAssertEqual(Double(ExperimentBuilder.format(0.1 + 0.2)), 0.1 + 0.2, "round-trips")
    }
}
