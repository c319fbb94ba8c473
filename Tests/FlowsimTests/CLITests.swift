import FlowEngine
import FlowScenario
import Foundation
import XCTest

/// The command line as a user meets it: help, exit codes, files, determinism.
final class CLITests: XCTestCase {
    let clinic = "Scenarios/examples/clinic.yaml"

    func testHelpListsSubcommandsAndExitCodes() throws {
        let r = try CLI.run(["--help"])
        XCTAssertEqual(r.status, 0)
        for word in ["run", "check", "metrics", "65", "74"] { XCTAssertTrue(r.stdout.contains(word), "help lacks \(word)") }
        let run = try CLI.run(["run", "--help"])
        XCTAssertEqual(run.status, 0)
        for option in ["--replications", "--seed", "--threads", "--out", "--set"] {
            XCTAssertTrue(run.stdout.contains(option), "run --help lacks \(option)")
        }
    }

    func testVersion() throws {
        let r = try CLI.run(["--version"])
        XCTAssertEqual(r.status, 0)
        XCTAssertTrue(r.stdout.contains("0."), r.stdout)
    }

    func testUsageErrorsExit64() throws {
        let unknown = try CLI.run(["run", clinic, "--no-such-option"])
        XCTAssertEqual(unknown.status, 64, unknown.stderr)
        let bad = try CLI.run(["run", clinic, "--replications", "0"])
        XCTAssertEqual(bad.status, 64, bad.stderr)
        XCTAssertTrue(bad.stderr.contains("--replications"), bad.stderr)
        let threads = try CLI.run(["run", clinic, "--threads", "-1"])
        XCTAssertEqual(threads.status, 64, threads.stderr)
        let missing = try CLI.run(["run"])
        XCTAssertEqual(missing.status, 64, missing.stderr)
    }

    func testInvalidScenarioExit65WithLocatedProblems() throws {
        let dir = try CLI.temporaryDirectory()
        let file = dir.appendingPathComponent("bad.yaml")
        try """
            name: bad
            run:
              duration: 10 days
            sources:
              a: {rate: -3 per day, to: desk}
            stations:
              desk:
                capacity: 1
                servise: {distribution: exponential, mean: 1 h}
            """.write(to: file, atomically: true, encoding: .utf8)
        let r = try CLI.run(["run", file.path, "--out", dir.appendingPathComponent("out").path])
        XCTAssertEqual(r.status, 65)
        XCTAssertTrue(r.stderr.contains("bad.yaml:5:"), r.stderr)
        XCTAssertTrue(r.stderr.contains("sources.a.rate"), r.stderr)
        XCTAssertTrue(r.stderr.contains("bad.yaml:9:5: stations.desk.servise: found unknown key 'servise'"), r.stderr)
        XCTAssertTrue(r.stderr.contains("did you mean 'service'"), r.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: dir.appendingPathComponent("out").path))
        let check = try CLI.run(["check", file.path, clinic])
        XCTAssertEqual(check.status, 65)
        XCTAssertTrue(check.stdout.contains("clinic.yaml: ok"), check.stdout)
        XCTAssertTrue(check.stderr.contains("2 problems") || check.stderr.contains("3 problems"), check.stderr)
    }

    func testCheckValidFilesExit0() throws {
        let r = try CLI.run(["check", clinic])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(r.stdout.contains("ok (1 sources, 3 stations)"), r.stdout)
    }

    func testUnwritableOutputExit74() throws {
        let dir = try CLI.temporaryDirectory()
        let blocker = dir.appendingPathComponent("file")
        try "x".write(to: blocker, atomically: true, encoding: .utf8)
        let r = try CLI.run(["run", clinic, "--replications", "2", "--set", "run.duration=20 days",
                             "--set", "run.warm_up=1 day", "--out", blocker.appendingPathComponent("sub").path])
        XCTAssertEqual(r.status, 74, r.stderr)
        XCTAssertTrue(r.stderr.contains("cannot write results"), r.stderr)
    }

    func testFilesAreByteIdenticalAcrossThreadCountsAndRuns() throws {
        let dir = try CLI.temporaryDirectory()
        func run(_ name: String, _ args: [String]) throws -> (Data, Data) {
            let out = dir.appendingPathComponent(name)
            let r = try CLI.run(["run", clinic, "--replications", "6", "--set", "run.duration=60 days",
                                 "--quiet", "--out", out.path] + args)
            XCTAssertEqual(r.status, 0, r.stderr)
            XCTAssertEqual(r.stdout, "", "--quiet prints nothing")
            return (try Data(contentsOf: out.appendingPathComponent("summary.json")),
                    try Data(contentsOf: out.appendingPathComponent("replications.csv")))
        }
        let one = try run("t1", ["--threads", "1"])
        let two = try run("t2", ["--threads", "2"])
        let again = try run("t2b", ["--threads", "2"])
        let other = try run("s2", ["--threads", "2", "--seed", "99"])
        XCTAssertEqual(one.0, two.0)
        XCTAssertEqual(one.1, two.1)
        XCTAssertEqual(two.1, again.1)
        XCTAssertNotEqual(one.1, other.1, "a different seed must change the results")
        let csv = String(decoding: one.1, as: UTF8.self).split(separator: "\n")
        XCTAssertEqual(csv.first, "replication,metric,station,group,value")
        let model = try ScenarioLoader.load(path: CLI.packageRoot.appendingPathComponent(clinic).path).model
        XCTAssertEqual(csv.count, 1 + 6 * NetworkMetrics.keys(for: model).count, "one row per replication and metric")
    }

    func testSummaryAndCSVReadBackWithPython() throws {
        let dir = try CLI.temporaryDirectory()
        let r = try CLI.run(["run", clinic, "--replications", "3", "--set", "run.duration=40 days", "--quiet",
                             "--out", dir.path])
        XCTAssertEqual(r.status, 0, r.stderr)
        let script = """
            import csv, json, sys
            d = sys.argv[1]
            s = json.load(open(d + "/summary.json"))
            assert s["schema_version"] == 1 and s["replications"] == 3, s
            m = {(x["metric"], x["station"]): x for x in s["metrics"]}
            rows = list(csv.DictReader(open(d + "/replications.csv")))
            vals = [float(r["value"]) for r in rows if r["metric"] == "served" and r["station"] == "nurse"]
            assert len(vals) == 3
            mean = sum(vals) / 3
            assert abs(mean - m[("served", "nurse")]["mean"]) < 1e-9 * max(1, mean), (mean, m[("served", "nurse")])
            print("ok")
            """
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["python3", "-c", script, dir.path]
        let out = Pipe()
        p.standardOutput = out
        try p.run()
        let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        p.waitUntilExit()
        XCTAssertEqual(p.terminationStatus, 0)
        XCTAssertEqual(text.trimmingCharacters(in: .whitespacesAndNewlines), "ok")
    }

    func testProgressOnStandardErrorWhenAsked() throws {
        let dir = try CLI.temporaryDirectory()
        let r = try CLI.run(["run", clinic, "--replications", "3", "--set", "run.duration=20 days",
                             "--set", "run.warm_up=1 day", "--progress", "--out", dir.path])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(r.stderr.contains("replication 3/3"), r.stderr)
        XCTAssertTrue(r.stdout.contains("wait_mean_days"), r.stdout)
        let silent = try CLI.run(["run", clinic, "--replications", "2", "--set", "run.duration=20 days",
                                  "--set", "run.warm_up=1 day", "--out", dir.path])
        XCTAssertFalse(silent.stderr.contains("replication"), "no progress when stderr is not a terminal")
    }

    func testMetricsCommandListsEveryMetric() throws {
        let r = try CLI.run(["metrics"])
        XCTAssertEqual(r.status, 0)
        for m in ["wait_mean_days", "utilisation", "overflow_share", "time_in_system_p90_days"] {
            XCTAssertTrue(r.stdout.contains(m), m)
        }
    }
}
