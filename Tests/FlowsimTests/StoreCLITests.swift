import Foundation
import XCTest

/// `run --store` / `--no-store`: the results store beside the other files,
/// read back with Python's sqlite3 module (as pandas does).
final class StoreCLITests: XCTestCase {
    let clinic = "Scenarios/examples/clinic.yaml"
    let short = ["--set", "run.duration=20 days", "--set", "run.warm_up=2 days"]

    func query(_ path: URL, _ sql: String) throws -> String { try CLI.query(path, sql) }

    func testRunWritesTheStoreByDefaultAndAppends() throws {
        let dir = try CLI.temporaryDirectory()
        for _ in 0..<2 {
            let r = try CLI.run(["run", clinic, "--replications", "3", "--threads", "2", "--quiet", "--out", dir.path] + short)
            XCTAssertEqual(r.status, 0, r.stderr)
        }
        let store = dir.appendingPathComponent("results.sqlite")
        XCTAssertEqual(try query(store, "SELECT id, finished, replications_planned FROM runs ORDER BY id"), "1|1|3\n2|1|3")
        XCTAssertEqual(try query(store, "SELECT run_id, COUNT(*) FROM completed_replications GROUP BY run_id"), "1|3\n2|3")
        XCTAssertTrue(try query(store, "SELECT command_line FROM runs WHERE id = 1").contains("flowsim run \(clinic) --replications 3 --threads 2"))
        // The stored summaries are summary.json's numbers, digit for digit (both print the shortest exact form;
        // Foundation's JSON parser is not exact, so the text is compared).
        let json = try String(contentsOf: dir.appendingPathComponent("summary.json"), encoding: .utf8)
        let stored = try query(store, """
            SELECT s.mean, s.sd, s.half_width FROM summaries s JOIN metrics m USING (run_id, metric_id)
            WHERE run_id = 2 AND metric = 'utilisation' AND station = 'nurse' AND group_name = 'all'
            """).split(separator: "|")
        XCTAssertEqual(stored.count, 3)
        XCTAssertTrue(json.contains("\"station\": \"nurse\", \"group\": \"all\", \"mean\": \(stored[0]), \"sd\": \(stored[1]), "
                                    + "\"half_width\": \(stored[2]),"), "\(stored) in summary.json")
        // Both runs hold the same values: same scenario, same seed.
        XCTAssertEqual(try query(store, """
            SELECT COUNT(*) FROM replications a JOIN replications b
              ON b.run_id = 2 AND a.replication = b.replication AND a.metric_id = b.metric_id
            WHERE a.run_id = 1 AND a.value IS NOT b.value
            """), "0")
    }

    func testStoreOptions() throws {
        let dir = try CLI.temporaryDirectory()
        let none = try CLI.run(["run", clinic, "--replications", "2", "--quiet", "--no-store", "--out", dir.path] + short)
        XCTAssertEqual(none.status, 0, none.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: dir.appendingPathComponent("results.sqlite").path))

        let elsewhere = dir.appendingPathComponent("stores/all.sqlite")
        let r = try CLI.run(["run", clinic, "--replications", "2", "--store", elsewhere.path, "--out", dir.path] + short)
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(r.stdout.contains(elsewhere.path), r.stdout)
        XCTAssertEqual(try query(elsewhere, "SELECT COUNT(*) FROM completed_replications"), "2")

        let both = try CLI.run(["run", clinic, "--store", elsewhere.path, "--no-store", "--out", dir.path])
        XCTAssertEqual(both.status, 64, both.stderr)
    }

    func testAdvisorReplicationsAreStoredToo() throws {
        let dir = try CLI.temporaryDirectory()
        let r = try CLI.run(["run", clinic, "--replications", "3", "--target-halfwidth", "2%", "--target-metric", "utilisation@nurse",
                             "--quiet", "--out", dir.path] + short)
        XCTAssertEqual(r.status, 0, r.stderr)
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: dir.appendingPathComponent("summary.json"))) as? [String: Any]
        let n = try XCTUnwrap(json?["replications"] as? Int)
        XCTAssertGreaterThan(n, 3)
        let store = dir.appendingPathComponent("results.sqlite")
        XCTAssertEqual(try query(store, "SELECT COUNT(*), MAX(replication) FROM completed_replications"), "\(n)|\(n - 1)")
        XCTAssertEqual(try query(store, "SELECT finished FROM runs"), "1")
    }

    /// Each replication is committed as it finishes: a run killed with
    /// SIGKILL leaves a consistent store holding every replication it
    /// completed, each whole.
    func testKilledRunKeepsTheReplicationsItFinished() throws {
        let dir = try CLI.temporaryDirectory()
        let store = dir.appendingPathComponent("results.sqlite")
        let p = Process()
        p.executableURL = try CLI.executable
        p.arguments = ["run", clinic, "--replications", "200", "--threads", "1", "--quiet", "--out", dir.path]
        p.currentDirectoryURL = CLI.packageRoot
        try p.run()
        let deadline = Date().addingTimeInterval(60)
        var done = 0
        while p.isRunning, Date() < deadline, done < 2 {
            Thread.sleep(forTimeInterval: 0.2)
            if FileManager.default.fileExists(atPath: store.path) {
                done = Int((try? query(store, "SELECT COUNT(*) FROM completed_replications")) ?? "") ?? 0
            }
        }
        XCTAssertTrue(p.isRunning, "the run should still be going (make it longer if this machine is fast)")
        kill(p.processIdentifier, SIGKILL)
        p.waitUntilExit()
        XCTAssertEqual(try query(store, "PRAGMA integrity_check"), "'ok'")
        let kept = try XCTUnwrap(Int(try query(store, "SELECT COUNT(*) FROM completed_replications")))
        XCTAssertGreaterThanOrEqual(kept, 2)
        XCTAssertLessThan(kept, 200)
        XCTAssertEqual(try query(store, """
            SELECT COUNT(*) FROM completed_replications c
            WHERE (SELECT COUNT(*) FROM replications r WHERE r.run_id = c.run_id AND r.replication = c.replication)
               != (SELECT COUNT(*) FROM metrics m WHERE m.run_id = c.run_id)
            """), "0", "every stored replication is whole")
        XCTAssertEqual(try query(store, "SELECT finished FROM runs"), "0")
    }
}
