import FlowEngine
import FlowExperiments
import FlowStore
import Foundation
import XCTest

/// The store as analysts meet it: the `sqlite3` command (Debian package
/// `sqlite3`) and Python's sqlite3 module, which pandas' `read_sql` uses.
/// Each test is skipped when its program is not installed.
final class ReaderTests: XCTestCase {
    struct Fixture {
        var store: ResultsStore
        var run: Int64
        var results: RunResults
    }

    func fixture() throws -> Fixture {
        let s = try StoreFixture.priority()
        let results = try ReplicationRunner.run(model: s.model, seed: s.seed, replications: 3)
        let store = try StoreFixture.newStore()
        let run = try StoreFixture.store(results, of: s, in: store)
        try store.finishRun(run)
        return Fixture(store: store, run: run, results: results)
    }

    func testSqlite3CommandReadsTheSchemaAndValues() throws {
        guard let sqlite3 = StoreFixture.executable("sqlite3") else {
            throw XCTSkip("sqlite3 is not on PATH (Debian/Ubuntu: apt-get install sqlite3); the command-line reading is not checked")
        }
        let f = try fixture()
        let path = f.store.path
        let tables = try StoreFixture.run(sqlite3, ["-readonly", path, ".tables"])
        XCTAssertEqual(tables.status, 0, tables.err)
        for name in ["runs", "scenarios", "scenario_files", "metrics", "completed_replications", "replications",
                     "timeseries", "summaries", "summary", "replication_values", "experiments", "experiment_points"] {
            XCTAssertTrue(tables.out.split(whereSeparator: \.isWhitespace).contains(Substring(name)), "\(name) in \(tables.out)")
        }
        let pragmas = try StoreFixture.run(sqlite3, [path, "PRAGMA user_version; PRAGMA journal_mode;"])
        XCTAssertEqual(pragmas.out.split(separator: "\n"), ["2", "wal"], pragmas.err)

        // The summary view, computed by the command's own SQLite (sqrt included), agrees with Swift's.
        let summary = try StoreFixture.run(sqlite3, ["-csv", "-readonly", path,
                                                     "SELECT metric, station, group_name, n, mean, sd FROM summary WHERE run_id = \(f.run) ORDER BY metric_id"])
        XCTAssertEqual(summary.status, 0, summary.err)
        let lines = summary.out.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
        let expected = f.results.summaries()
        XCTAssertEqual(lines.count, expected.count)
        for (line, e) in zip(lines, expected) {
            let fields = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            XCTAssertEqual(Array(fields.prefix(4)), [e.key.metric, e.key.station, e.key.group, "\(e.summary.n)"])
            if e.summary.n == 0 {
                XCTAssertEqual(fields[4], "", "NULL mean of \(e.key)")
            } else {
                XCTAssertEqual(try XCTUnwrap(Double(fields[4])), e.summary.mean, accuracy: 1e-12 * max(1, abs(e.summary.mean)))
            }
            if e.summary.n > 1 {
                let sd = e.summary.standardDeviation
                XCTAssertEqual(try XCTUnwrap(Double(fields[5])), sd, accuracy: 1e-9 * max(1, abs(sd)), "\(e.key)")
            }
        }

        // NaN values come out as NULL: empty fields in CSV.
        let nulls = try StoreFixture.run(sqlite3, ["-readonly", path,
                                                   "SELECT COUNT(*) FROM replication_values WHERE value IS NULL AND run_id = \(f.run)"])
        let nanCount = f.results.results.reduce(0) { $0 + $1.values.filter(\.isNaN).count }
        XCTAssertGreaterThan(nanCount, 0)
        XCTAssertEqual(nulls.out.trimmingCharacters(in: .whitespacesAndNewlines), "\(nanCount)")
    }

    func testPythonSqlite3ReadsTheViews() throws {
        guard let python = StoreFixture.executable("python3") else {
            throw XCTSkip("python3 is not on PATH; reading through Python's sqlite3 is not checked")
        }
        let f = try fixture()
        let script = """
            import sqlite3, sys
            con = sqlite3.connect(sys.argv[1])
            n, nulls = con.execute("SELECT COUNT(*), SUM(value IS NULL) FROM replication_values").fetchone()
            s = con.execute("SELECT COUNT(*), SUM(sd IS NOT NULL) FROM summary").fetchone()
            series = con.execute("SELECT COUNT(*) FROM timeseries WHERE metric = 'in_system'").fetchone()[0]
            print(n, nulls, s[0], s[1], series)
            """
        let r = try StoreFixture.run(python, ["-c", script, f.store.path])
        XCTAssertEqual(r.status, 0, r.err)
        let reps = f.results.results
        let values = reps.count * f.results.keys.count
        let nulls = reps.reduce(0) { $0 + $1.values.filter(\.isNaN).count }
        let withSD = f.results.summaries().filter { $0.summary.n > 1 }.count
        XCTAssertEqual(r.out.trimmingCharacters(in: .whitespacesAndNewlines),
                       "\(values) \(nulls) \(f.results.keys.count) \(withSD) \(3 * 20)")
    }
}
