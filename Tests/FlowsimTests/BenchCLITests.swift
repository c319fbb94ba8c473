import Foundation
import XCTest

/// `flowsim bench` prints real measurements of its workloads.
final class BenchCLITests: XCTestCase {
    func testBenchMeasuresAWorkloadAsJSON() throws {
        let r = try CLI.run(["bench", "mh-year", "--json"])
        XCTAssertEqual(r.status, 0, r.stderr)
        let rows = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [[String: Any]])
        let row = try XCTUnwrap(rows.first)
        XCTAssertEqual(row["workload"] as? String, "mh-year")
        let events = try XCTUnwrap(row["events"] as? Double), wall = try XCTUnwrap(row["wall_s"] as? Double)
        XCTAssertGreaterThan(events, 100_000, "a year of the Dorset scenario is hundreds of thousands of events")
        XCTAssertEqual(try XCTUnwrap(row["events_per_s"] as? Double), events / wall, accuracy: 1e-6 * events / wall)
        XCTAssertGreaterThan(try XCTUnwrap(row["peak_mib"] as? Double), 1)
        // About 94,000 people a year enter the Dorset system (the sum of its sources' rates).
        XCTAssertEqual(try XCTUnwrap(row["people"] as? Double), 94_000, accuracy: 3_000)
    }

    func testUnknownWorkloadIsAUsageError() throws {
        let r = try CLI.run(["bench", "warp-speed"])
        XCTAssertEqual(r.status, 64)
        XCTAssertTrue(r.stderr.contains("mmc, network, mh-year, mh-million, replications"), r.stderr)
    }
}
