import FlowEngine
import FlowExperiments
import FlowScenario
import FlowStore
import Foundation
import GRDB
import XCTest

/// Small runs of shipped scenarios, and ways to compare stores.
enum StoreFixture {
    static var packageRoot: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }

    /// Two priority classes and a hold station: 80 metrics, some NaN in a
    /// 20-day run (classes nobody of which was served), daily census.
    static func priority() throws -> Scenario {
        try load("Scenarios/validation/priority-mm1.yaml", days: 20)
    }

    /// Three stations with schedules and routing; no NaN.
    static func clinic() throws -> Scenario {
        try load("Scenarios/examples/clinic.yaml", days: 10)
    }

    static func load(_ file: String, days: Int) throws -> Scenario {
        var s = try ScenarioLoader.load(path: packageRoot.appendingPathComponent(file).path,
                                        overrides: ["run.duration=\(days) days", "run.warm_up=1 day"])
        s.model.seriesInterval = 1
        return s
    }

    static func info(_ s: Scenario, replications: Int) -> StoreRunInfo {
        StoreRunInfo(scenarioName: s.name, scenarioHash: s.hash, seed: s.seed, model: s.model,
                     replicationsPlanned: replications, commandLine: "flowsim run test")
    }

    static func files(_ s: Scenario) throws -> [ScenarioFile] {
        try s.files.map { ScenarioFile(path: $0, text: try String(contentsOfFile: $0, encoding: .utf8)) }
    }

    /// A fresh store in a new temporary directory.
    static func newStore(_ name: String = "results.sqlite") throws -> ResultsStore {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("flowstore-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return try ResultsStore(path: dir.appendingPathComponent(name).path)
    }

    /// Begins a run of `s` and records `results` replication by replication.
    static func store(_ results: RunResults, of s: Scenario, in store: ResultsStore) throws -> Int64 {
        let run = try store.beginRun(info(s, replications: results.results.count), scenarioFiles: files(s), keys: results.keys)
        for r in results.results { try store.record(r, run: run, model: s.model) }
        return run
    }

    /// Every row of every table and view that holds results, in key order,
    /// as text (doubles in Swift's shortest exact form). Leaves out the run's
    /// creation time and command line, which are meant to differ.
    static func dump(_ path: String) throws -> [String: [String]] {
        var config = Configuration()
        config.readonly = true
        let db = try DatabaseQueue(path: path, configuration: config)
        let queries = [
            "runs": """
                SELECT id, flowsim_version, scenario_name, scenario_hash, seed, generator, duration_days, warm_up_days,
                       confidence, replications_planned, interval_days, start_timestamp, finished FROM runs ORDER BY id
                """,
            "scenarios": "SELECT * FROM scenarios ORDER BY hash",
            "scenario_files": "SELECT * FROM scenario_files ORDER BY scenario_hash, position",
            "metrics": "SELECT * FROM metrics ORDER BY run_id, metric_id",
            "completed_replications": "SELECT * FROM completed_replications ORDER BY run_id, replication",
            "replications": "SELECT * FROM replications ORDER BY run_id, replication, metric_id",
            "timeseries": "SELECT * FROM timeseries ORDER BY run_id, replication, metric, station, time_days",
            "summaries": "SELECT * FROM summaries ORDER BY run_id, metric_id",
            "summary": "SELECT * FROM summary ORDER BY run_id, metric_id",
        ]
        return try db.read { db in
            try queries.mapValues { sql in
                try Row.fetchAll(db, sql: sql).map { row in
                    row.databaseValues.map(text).joined(separator: "|")
                }
            }
        }
    }

    static func text(_ v: DatabaseValue) -> String {
        switch v.storage {
        case .null: "NULL"
        case .int64(let i): "i\(i)"
        case .double(let d): "d\(d)"
        case .string(let s): "s\(s)"
        case .blob(let b): "b\(b.count)"
        }
    }

    /// Equal values with NaN equal to NaN (ReplicationResult's == treats NaN as unequal).
    static func same(_ a: [Double], _ b: [Double]) -> Bool {
        a.count == b.count && zip(a, b).allSatisfy { $0 == $1 || ($0.isNaN && $1.isNaN) }
    }

    static func assertSame(_ a: RunResults, _ b: RunResults, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(a.keys, b.keys, file: file, line: line)
        XCTAssertEqual(a.results.map(\.replication), b.results.map(\.replication), file: file, line: line)
        for (x, y) in zip(a.results, b.results) {
            XCTAssertTrue(same(x.values, y.values), "values of replication \(x.replication)", file: file, line: line)
            XCTAssertTrue(same(x.series, y.series), "series of replication \(x.replication)", file: file, line: line)
            XCTAssertEqual(x.events, y.events, file: file, line: line)
        }
    }

    static func executable(_ name: String) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        return path.split(separator: ":").map { "\($0)/\(name)" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// Runs a program; returns (status, standard output, standard error).
    static func run(_ program: String, _ arguments: [String]) throws -> (status: Int32, out: String, err: String) {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: program)
        p.arguments = arguments
        let out = Pipe(), err = Pipe()
        p.standardOutput = out
        p.standardError = err
        try p.run()
        let o = out.fileHandleForReading.readDataToEndOfFile()
        let e = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return (p.terminationStatus, String(decoding: o, as: UTF8.self), String(decoding: e, as: UTF8.self))
    }
}
