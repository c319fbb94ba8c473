import Foundation
import XCTest

/// `run` options beyond the basics: warm-up, the replications advisor and the event log.
final class RunOptionsTests: XCTestCase {
    let clinic = "Scenarios/examples/clinic.yaml"

    func summary(_ dir: URL) throws -> [String: Any] {
        let data = try Data(contentsOf: dir.appendingPathComponent("summary.json"))
        return try XCTUnwrap(JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    func testWarmUpOptionOverridesTheScenario() throws {
        let dir = try CLI.temporaryDirectory()
        let r = try CLI.run(["run", clinic, "--replications", "2", "--set", "run.duration=60 days", "--warm-up", "10d",
                             "--quiet", "--out", dir.path])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertEqual(try summary(dir)["warm_up_days"] as? Double, 10)
        let bad = try CLI.run(["run", clinic, "--warm-up", "ten days", "--out", dir.path])
        XCTAssertEqual(bad.status, 65, bad.stderr)
        XCTAssertTrue(bad.stderr.contains("run.warm_up"), bad.stderr)
    }

    func testTargetHalfWidthAddsReplicationsUntilMet() throws {
        let dir = try CLI.temporaryDirectory()
        let r = try CLI.run(["run", clinic, "--replications", "3", "--set", "run.duration=60 days", "--set", "run.warm_up=5 days",
                             "--target-halfwidth", "2%", "--target-metric", "utilisation@nurse", "--out", dir.path])
        XCTAssertEqual(r.status, 0, r.stderr)
        let s = try summary(dir)
        let n = try XCTUnwrap(s["replications"] as? Int)
        XCTAssertGreaterThan(n, 3, "the advisor should have added replications")
        let metrics = try XCTUnwrap(s["metrics"] as? [[String: Any]])
        let u = try XCTUnwrap(metrics.first { $0["metric"] as? String == "utilisation" && $0["station"] as? String == "nurse" })
        let mean = try XCTUnwrap(u["mean"] as? Double), hw = try XCTUnwrap(u["half_width"] as? Double)
        XCTAssertLessThanOrEqual(hw / mean, 0.02, "target met")
        XCTAssertTrue(r.stderr.contains("relative half-width"), r.stderr)
        // The advisor's result equals a fixed run of the same size: same files.
        let fixed = try CLI.temporaryDirectory()
        let f = try CLI.run(["run", clinic, "--replications", "\(n)", "--set", "run.duration=60 days", "--set", "run.warm_up=5 days",
                             "--quiet", "--out", fixed.path])
        XCTAssertEqual(f.status, 0, f.stderr)
        XCTAssertEqual(try Data(contentsOf: dir.appendingPathComponent("replications.csv")),
                       try Data(contentsOf: fixed.appendingPathComponent("replications.csv")))
        let bad = try CLI.run(["run", clinic, "--target-halfwidth", "150%"])
        XCTAssertEqual(bad.status, 64, bad.stderr)
        let unknown = try CLI.run(["run", clinic, "--replications", "2", "--set", "run.duration=10 days", "--set", "run.warm_up=1 day",
                                   "--target-halfwidth", "5%", "--target-metric", "no_such@nurse", "--out", dir.path])
        XCTAssertEqual(unknown.status, 64, unknown.stderr)
        XCTAssertTrue(unknown.stderr.contains("no_such@nurse"), unknown.stderr)
    }

    func testEventLogIsReadableAsAProcessMiningLog() throws {
        let dir = try CLI.temporaryDirectory()
        let log = dir.appendingPathComponent("events.csv")
        let r = try CLI.run(["run", clinic, "--replications", "2", "--set", "run.duration=7 days", "--set", "run.warm_up=1 day",
                             "--quiet", "--out", dir.path, "--event-log", log.path])
        XCTAssertEqual(r.status, 0, r.stderr)
        let script = """
            import csv, sys, datetime, collections
            rows = list(csv.DictReader(open(sys.argv[1])))
            assert list(rows[0].keys()) == ["case:concept:name", "concept:name", "time:timestamp", "org:resource", "lifecycle:transition"], rows[0].keys()
            times = [datetime.datetime.fromisoformat(r["time:timestamp"]) for r in rows]
            assert times == sorted(times), "events in time order"
            assert times[0] >= datetime.datetime(2025, 1, 6)
            by_case = collections.defaultdict(list)
            for r in rows: by_case[r["case:concept:name"]].append(r)
            complete = [c for c in by_case.values() if c[-1]["concept:name"] == "leave"]
            assert len(complete) > 100, len(complete)
            for c in complete:
                assert c[0]["concept:name"].startswith("referral to "), c[0]
                starts = sum(1 for r in c if r["lifecycle:transition"] == "start")
                ends = sum(1 for r in c if r["lifecycle:transition"] == "complete" and r["concept:name"] not in ("leave",) and not r["concept:name"].startswith("referral"))
                assert starts == ends, c
            print("ok", len(rows), len(by_case))
            """
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["python3", "-c", script, log.path]
        let out = Pipe(), err = Pipe()
        p.standardOutput = out
        p.standardError = err
        try p.run()
        let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        let errors = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        p.waitUntilExit()
        XCTAssertEqual(p.terminationStatus, 0, errors)
        XCTAssertTrue(text.hasPrefix("ok"), text + errors)
    }

    func testTimeSeriesCensusPerIntervalIdenticalAcrossThreads() throws {
        func run(_ threads: String, _ extra: [String] = []) throws -> URL {
            let dir = try CLI.temporaryDirectory()
            let r = try CLI.run(["run", clinic, "--replications", "3", "--set", "run.duration=20 days", "--set", "run.warm_up=2 days",
                                 "--threads", threads, "--interval", "12h", "--quiet", "--out", dir.path] + extra)
            XCTAssertEqual(r.status, 0, r.stderr)
            return dir
        }
        let one = try run("1"), two = try run("2")
        let a = try Data(contentsOf: one.appendingPathComponent("timeseries.csv"))
        XCTAssertEqual(a, try Data(contentsOf: two.appendingPathComponent("timeseries.csv")))
        let lines = String(decoding: a, as: UTF8.self).split(separator: "\n")
        XCTAssertEqual(lines.first, "replication,time_days,timestamp,metric,station,group,value")
        // 3 replications × 40 censuses × (3 stations × 2 metrics + the system).
        XCTAssertEqual(lines.count, 1 + 3 * 40 * 7)
        XCTAssertTrue(lines.contains { $0.hasPrefix("0,0.5,2025-01-06T12:00:00,queue_length,reception,all,") })
        // Noon censuses of a daytime clinic see people; the system count is never below a station's.
        XCTAssertTrue(lines.contains { $0.contains(",in_system,system,all,") && !$0.hasSuffix(",0.0") })
        let none = try CLI.temporaryDirectory()
        let off = try CLI.run(["run", clinic, "--replications", "2", "--set", "run.duration=5 days", "--set", "run.warm_up=1 day",
                               "--interval", "0", "--quiet", "--out", none.path])
        XCTAssertEqual(off.status, 0, off.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: none.appendingPathComponent("timeseries.csv").path))
        let bad = try CLI.run(["run", clinic, "--interval", "often"])
        XCTAssertEqual(bad.status, 64, bad.stderr)
    }

    func testAutomaticWarmUpByMSER() throws {
        let dir = try CLI.temporaryDirectory()
        // Start the beds empty: a ward with stays of 60 days takes months to fill.
        let file = dir.appendingPathComponent("ward.yaml")
        try """
            name: ward
            run: {duration: 1000 days, replications: 8, seed: 3}
            sources:
              admissions: {rate: 0.3 per day, to: beds}
            stations:
              beds: {capacity: 30, service: {distribution: lognormal, mean: 60 days, sd: 30 days}}
            """.write(to: file, atomically: true, encoding: .utf8)
        let r = try CLI.run(["run", file.path, "--warm-up", "auto", "--out", dir.appendingPathComponent("out").path])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(r.stderr.contains("MSER-5"), r.stderr)
        let w = try XCTUnwrap(try summary(dir.appendingPathComponent("out"))["warm_up_days"] as? Double)
        print("MSER-5 warm-up \(w) days")
        // The ward fills over about three mean stays; MSER cuts inside the transient, not at 0 or the end.
        XCTAssertGreaterThan(w, 40)
        XCTAssertLessThan(w, 400)
    }

    func testReportCommandRebuildsTheReportFromARunsFiles() throws {
        let dir = try CLI.temporaryDirectory()
        let file = dir.appendingPathComponent("clinic.yaml")
        try String(contentsOf: CLI.packageRoot.appendingPathComponent(clinic), encoding: .utf8).write(to: file, atomically: true, encoding: .utf8)
        let out = dir.appendingPathComponent("out")
        let r = try CLI.run(["run", file.path, "--replications", "2", "--set", "run.duration=30 days", "--quiet", "--out", out.path])
        XCTAssertEqual(r.status, 0, r.stderr)
        let report = try CLI.run(["report", out.path])
        XCTAssertEqual(report.status, 0, report.stderr)
        let html = try String(contentsOf: out.appendingPathComponent("report.html"), encoding: .utf8)
        XCTAssertTrue(html.contains("Walk-in clinic"))
        XCTAssertTrue(html.contains("<svg"))
        XCTAssertFalse(html.contains("<script"))
        // The run's --set is replayed, so the report describes the model that ran.
        let summary = try String(contentsOf: out.appendingPathComponent("summary.json"), encoding: .utf8)
        XCTAssertTrue(summary.contains("\"overrides\": [\"run.duration=30 days\"]"), summary)
        // A scenario edited since the run is refused.
        try (String(contentsOf: file, encoding: .utf8) + "\n# edited\n").write(to: file, atomically: true, encoding: .utf8)
        let stale = try CLI.run(["report", out.path])
        XCTAssertEqual(stale.status, 65, stale.stderr)
        XCTAssertTrue(stale.stderr.contains("has changed since the run"), stale.stderr)
        let missing = try CLI.run(["report", dir.appendingPathComponent("nothing").path])
        XCTAssertEqual(missing.status, 74, missing.stderr)
    }

    func testJSONOnStandardOutputIsTheSummary() throws {
        let dir = try CLI.temporaryDirectory()
        let r = try CLI.run(["run", clinic, "--replications", "2", "--set", "run.duration=20 days", "--set", "run.warm_up=1 day",
                             "--json", "--out", dir.path])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertEqual(r.stdout, try String(contentsOf: dir.appendingPathComponent("summary.json"), encoding: .utf8))
        XCTAssertNotNil(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)))
    }
}
