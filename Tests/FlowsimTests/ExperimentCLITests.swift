import Foundation
import XCTest

#if canImport(Glibc)
import Glibc
#endif

/// `batch`, `--resume`, `--shard`, `merge` and `slurm` as a user meets
/// them: stores compared row by row, not by summaries alone.
final class ExperimentCLITests: XCTestCase {
    /// A plan of two clinic variants, short runs, `replications` each.
    func plan(in dir: URL, replications: Int = 4, duration: String = "30 days") throws -> URL {
        let clinic = CLI.packageRoot.appendingPathComponent("Scenarios/examples/clinic.yaml").path
        let file = dir.appendingPathComponent("plan.yaml")
        try """
            name: test-plan
            seed: 7
            replications: \(replications)
            scenarios:
              - file: \(clinic)
                label: one-doctor
                set: {run.duration: \(duration), run.warm_up: 2 days}
              - file: \(clinic)
                label: two-doctors
                set: {run.duration: \(duration), run.warm_up: 2 days, stations.doctor.capacity: 2}
                replications: \(replications + 1)
            """.write(to: file, atomically: true, encoding: .utf8)
        return file
    }

    /// Every stored value keyed by what identifies it, not by row ids or
    /// timestamps: what must be equal between a whole run and its pieces.
    func rows(_ store: URL) throws -> String {
        try CLI.query(store, """
            SELECT r.scenario_hash, r.seed, p.point, p.label, v.replication, m.metric, m.station, m.group_name, v.value
            FROM replications v JOIN runs r ON r.id = v.run_id
            JOIN metrics m ON m.run_id = v.run_id AND m.metric_id = v.metric_id
            JOIN experiment_points p ON p.run_id = v.run_id
            ORDER BY p.point, v.replication, v.metric_id
            """)
    }

    func summaries(_ store: URL) throws -> String {
        try CLI.query(store, """
            SELECT p.point, s.metric_id, s.n, s.mean, s.sd, s.half_width FROM summaries s
            JOIN experiment_points p ON p.run_id = s.run_id ORDER BY p.point, s.metric_id
            """)
    }

    func testBatchWritesTidyFilesAndRefusesToRepeatWithoutResume() throws {
        let dir = try CLI.temporaryDirectory()
        let plan = try plan(in: dir)
        let out = dir.appendingPathComponent("out")
        let r = try CLI.run(["batch", plan.path, "--out", out.path, "--threads", "2"])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(r.stdout.contains("one-doctor") && r.stdout.contains("two-doctors"), r.stdout)
        XCTAssertTrue(r.stdout.contains("9 replications computed, 0 already stored"), r.stdout)
        let points = try String(contentsOf: out.appendingPathComponent("points.csv"), encoding: .utf8)
        XCTAssertTrue(points.hasPrefix("point,label,replications,finished,scenario_hash\n0,one-doctor,4,true,"), points)
        XCTAssertTrue(points.contains("\n1,two-doctors,5,true,"), points)
        let tidy = try String(contentsOf: out.appendingPathComponent("experiment.csv"), encoding: .utf8)
        XCTAssertTrue(tidy.hasPrefix("point,label,metric,station,group,n,mean,sd,half_width,confidence\n"), tidy)
        XCTAssertTrue(tidy.contains("\n1,two-doctors,utilisation,doctor,all,5,"), "the second item's own count")
        let store = out.appendingPathComponent("results.sqlite")
        XCTAssertEqual(try CLI.query(store, "SELECT kind, name FROM experiments"), "'batch'|'test-plan'")
        XCTAssertEqual(try CLI.query(store, "SELECT point, label, run_id FROM experiment_points"),
                       "0|'one-doctor'|1\n1|'two-doctors'|2")

        let again = try CLI.run(["batch", plan.path, "--out", out.path])
        XCTAssertEqual(again.status, 64, again.stderr)
        XCTAssertTrue(again.stderr.contains("already holds 'test-plan' (9 of 9 replications)"), again.stderr)
        XCTAssertTrue(again.stderr.contains("--resume"), again.stderr)
        let resumed = try CLI.run(["batch", plan.path, "--out", out.path, "--resume"])
        XCTAssertEqual(resumed.status, 0, resumed.stderr)
        XCTAssertTrue(resumed.stdout.contains("0 replications computed, 9 already stored"), resumed.stdout)
        XCTAssertEqual(try CLI.query(store, "SELECT COUNT(*) FROM runs"), "2", "resuming adds no run")
        // A changed plan is another experiment: --resume says why it starts anew.
        let changed = try CLI.run(["batch", plan.path, "--out", out.path, "--resume", "-r", "2"])
        XCTAssertEqual(changed.status, 0, changed.stderr)
        XCTAssertTrue(changed.stderr.contains("holds 'test-plan' with another definition"), changed.stderr)
    }

    func testResultsAreTheSameForAnyThreadCount() throws {
        let dir = try CLI.temporaryDirectory()
        let plan = try plan(in: dir)
        var tidy: [String] = []
        for threads in ["1", "2"] {
            let out = dir.appendingPathComponent("t\(threads)")
            let r = try CLI.run(["batch", plan.path, "--out", out.path, "--threads", threads, "--quiet"])
            XCTAssertEqual(r.status, 0, r.stderr)
            tidy.append(try String(contentsOf: out.appendingPathComponent("experiment.csv"), encoding: .utf8))
        }
        XCTAssertEqual(tidy[0], tidy[1])
    }

    func testShardsMergeToExactlyTheWholeRun() throws {
        let dir = try CLI.temporaryDirectory()
        let plan = try plan(in: dir)
        let whole = dir.appendingPathComponent("whole.sqlite")
        XCTAssertEqual(try CLI.run(["batch", plan.path, "--store", whole.path, "--out", dir.path, "--quiet"]).status, 0)
        var shards: [String] = []
        for i in 1...3 {
            let s = dir.appendingPathComponent("shard-\(i).sqlite")
            let r = try CLI.run(["batch", plan.path, "--shard", "\(i)/3", "--store", s.path, "--out", dir.path])
            XCTAssertEqual(r.status, 0, r.stderr)
            XCTAssertTrue(r.stdout.contains("shard \(i)/3: 3 replications computed"), r.stdout)
            shards.append(s.path)
        }
        // Each shard holds a third: every third (point, replication) pair.
        XCTAssertEqual(try CLI.query(URL(fileURLWithPath: shards[0]),
                                                 "SELECT run_id, replication FROM completed_replications ORDER BY 1, 2"),
                       "1|0\n1|3\n2|2")
        let merged = dir.appendingPathComponent("merged.sqlite")
        let m = try CLI.run(["merge"] + shards.reversed() + ["-o", merged.path])
        XCTAssertEqual(m.status, 0, m.stderr)
        XCTAssertTrue(m.stdout.contains("9 replications added, 0 already there; 2 of 2 runs complete"), m.stdout)
        XCTAssertEqual(try rows(merged), try rows(whole))
        XCTAssertEqual(try summaries(merged), try summaries(whole))
        // Merging again, or a shard twice, duplicates nothing.
        let twice = try CLI.run(["merge", shards[0], "-o", merged.path])
        XCTAssertEqual(twice.status, 0, twice.stderr)
        XCTAssertTrue(twice.stdout.contains("0 replications added, 3 already there"), twice.stdout)
        XCTAssertEqual(try rows(merged), try rows(whole))
    }

    func testResumeAfterKillsAtRandomPointsEndsAsAnUninterruptedRun() throws {
        let dir = try CLI.temporaryDirectory()
        let plan = try plan(in: dir, replications: 12, duration: "120 days")
        let whole = dir.appendingPathComponent("whole.sqlite")
        XCTAssertEqual(try CLI.run(["batch", plan.path, "--store", whole.path, "--out", dir.path, "--quiet"]).status, 0)
        let store = dir.appendingPathComponent("killed.sqlite")
        var generator = SystemRandomNumberGenerator()
        var kills = 0
        for attempt in 0..<6 {
            let p = Process()
            p.executableURL = try CLI.executable
            p.arguments = ["batch", plan.path, "--store", store.path, "--out", dir.path, "--resume", "--quiet", "--threads", "2"]
            p.standardOutput = FileHandle.nullDevice
            p.standardError = FileHandle.nullDevice
            try p.run()
            if attempt < 5 {
                // Anywhere from before the first commit to the middle of the last replications.
                usleep(UInt32.random(in: 50_000...900_000, using: &generator))
                if p.isRunning {
                    kill(p.processIdentifier, SIGKILL)
                    kills += 1
                }
            }
            p.waitUntilExit()
            if attempt == 5 { XCTAssertEqual(p.terminationStatus, 0) }
        }
        XCTAssertGreaterThan(kills, 0, "no run was interrupted; the test proved nothing")
        XCTAssertEqual(try rows(store), try rows(whole))
        XCTAssertEqual(try summaries(store), try summaries(whole))
        XCTAssertEqual(try CLI.query(store, "SELECT COUNT(*), SUM(finished) FROM runs"), "2|2")
    }

    func testBadPlansAndOptionsAreLocatedAndExitWithTheirCodes() throws {
        let dir = try CLI.temporaryDirectory()
        let bad = dir.appendingPathComponent("bad.yaml")
        let clinic = CLI.packageRoot.appendingPathComponent("Scenarios/examples/clinic.yaml").path
        try """
            name: bad
            replications: 0
            scenarios:
              - file: no-such.yaml
              - file: \(clinic)
                label: a
                sett: {x: 1}
              - file: \(clinic)
                label: a
            """.write(to: bad, atomically: true, encoding: .utf8)
        let r = try CLI.run(["batch", bad.path, "--out", dir.path])
        XCTAssertEqual(r.status, 65, r.stderr)
        for expected in ["bad.yaml:2:15: replications: found '0', expected a whole number of replications >= 1",
                         "bad.yaml:4:11: scenarios[0].file: found 'no-such.yaml', which does not exist",
                         "bad.yaml:7:5: scenarios[1].sett: found unknown key 'sett'", "did you mean 'set'?",
                         "scenarios[2].label: found the label 'a' again (first at scenarios[1])"] {
            XCTAssertTrue(r.stderr.contains(expected), "\(expected) in\n\(r.stderr)")
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: dir.appendingPathComponent("results.sqlite").path))

        let badValue = dir.appendingPathComponent("value.yaml")
        try "name: v\nscenarios:\n  - file: \(clinic)\n    set: {stations.doctor.capacity: many}\n"
            .write(to: badValue, atomically: true, encoding: .utf8)
        let v = try CLI.run(["batch", badValue.path, "--out", dir.path])
        XCTAssertEqual(v.status, 65, v.stderr)
        XCTAssertTrue(v.stderr.contains("stations.doctor.capacity"), v.stderr)

        let plan = try plan(in: dir)
        for (args, message) in [(["--shard", "4/3"], "--shard must be i/N"), (["--shard", "x"], "--shard must be i/N"),
                                (["--replications", "0"], "--replications"), (["--interval", "soon"], "--interval")] {
            let o = try CLI.run(["batch", plan.path, "--out", dir.path] + args)
            XCTAssertEqual(o.status, 64, o.stderr)
            XCTAssertTrue(o.stderr.contains(message), o.stderr)
        }
        let missing = try CLI.run(["batch", dir.appendingPathComponent("none.yaml").path])
        XCTAssertEqual(missing.status, 65)
        XCTAssertTrue(missing.stderr.contains("none.yaml:1:1: found no such file"), missing.stderr)
    }

    func testMergeErrors() throws {
        let dir = try CLI.temporaryDirectory()
        let out = dir.appendingPathComponent("all.sqlite").path
        let none = try CLI.run(["merge", dir.appendingPathComponent("none.sqlite").path, "-o", out])
        XCTAssertEqual(none.status, 64, none.stderr)
        XCTAssertTrue(none.stderr.contains("no such store"), none.stderr)
        let same = try CLI.run(["merge", out, "-o", out])
        XCTAssertEqual(same.status, 64, same.stderr)
        let text = dir.appendingPathComponent("notes.sqlite")
        try "not a database".write(to: text, atomically: true, encoding: .utf8)
        let foreign = try CLI.run(["merge", text.path, "-o", out])
        XCTAssertEqual(foreign.status, 74, foreign.stderr)
        XCTAssertTrue(foreign.stderr.contains("merge into \(out) failed"), foreign.stderr)
    }

    func testSlurmWritesAnArrayAMergeAndASubmitScript() throws {
        let dir = try CLI.temporaryDirectory()
        let plan = try plan(in: dir)
        let out = dir.appendingPathComponent("cluster")
        let r = try CLI.run(["slurm", plan.path, "--shards", "5", "--out", out.path, "--partition", "short",
                             "--cpus-per-task", "2", "--time", "00:30:00", "--flowsim", "/opt/flowsim/bin/flowsim"])
        XCTAssertEqual(r.status, 0, r.stderr)
        let array = try String(contentsOf: out.appendingPathComponent("flowsim-array.sbatch"), encoding: .utf8)
        for line in ["#SBATCH --array=1-5", "#SBATCH --partition=short", "#SBATCH --cpus-per-task=2", "#SBATCH --time=00:30:00",
                     "exec /opt/flowsim/bin/flowsim batch \(plan.path) --shard \"$i/5\" --threads 2 --resume"] {
            XCTAssertTrue(array.contains(line), "\(line) in\n\(array)")
        }
        let merge = try String(contentsOf: out.appendingPathComponent("flowsim-merge.sbatch"), encoding: .utf8)
        XCTAssertTrue(merge.contains("/opt/flowsim/bin/flowsim merge \(out.path)/shards/shard-*.sqlite -o \(out.path)/results.sqlite"), merge)
        let submit = try String(contentsOf: out.appendingPathComponent("submit.sh"), encoding: .utf8)
        XCTAssertTrue(submit.contains("--dependency=afterok:\"$array\""), submit)
        XCTAssertTrue(FileManager.default.isExecutableFile(atPath: out.appendingPathComponent("submit.sh").path))
        let bad = try CLI.run(["slurm", plan.path, "--shards", "0"])
        XCTAssertEqual(bad.status, 64)
    }

    func testPlanWritesTheCurveAndExitsOneWhenNothingMeetsTheTargets() throws {
        let dir = try CLI.temporaryDirectory()
        let clinic = "Scenarios/examples/clinic.yaml"
        let short = ["--set", "run.duration=40 days", "--set", "run.warm_up=2 days", "-r", "3"]
        let ok = try CLI.run(["plan", clinic, "--vary", "stations.doctor.capacity=1..3", "--target",
                              "wait_mean_days@doctor <= 1 day and utilisation@doctor <= 100%", "--out", dir.path,
                              "--report", dir.appendingPathComponent("plan.html").path] + short)
        XCTAssertEqual(ok.status, 0, ok.stderr)
        let page = try String(contentsOf: dir.appendingPathComponent("plan.html"), encoding: .utf8)
        XCTAssertTrue(page.contains("meeting every target: <strong>1</strong>"), "the answer in the report")
        XCTAssertTrue(page.contains("target: wait_mean_days@doctor &lt;= 1 day"), "the threshold line, escaped")
        XCTAssertTrue(ok.stdout.contains("Least stations.doctor.capacity meeting every target at 95% confidence: 1"), ok.stdout)
        let curve = try String(contentsOf: dir.appendingPathComponent("plan.csv"), encoding: .utf8)
        XCTAssertEqual(curve.split(separator: "\n").count, 1 + 3 * 2, "a row per candidate and target")
        let json = try String(contentsOf: dir.appendingPathComponent("plan.json"), encoding: .utf8)
        XCTAssertTrue(json.contains("\"answer\": 1.0"), json)
        let none = try CLI.run(["plan", clinic, "--vary", "stations.doctor.capacity", "--range", "1..2", "--target",
                                "utilisation@doctor >= 2", "--out", dir.appendingPathComponent("none").path] + short)
        XCTAssertEqual(none.status, 1, none.stderr)
        XCTAssertTrue(none.stdout.contains("No value of stations.doctor.capacity in 1..2 meets every target."), none.stdout)
        XCTAssertTrue(FileManager.default.fileExists(atPath: dir.appendingPathComponent("none/plan.csv").path))

        for (args, message) in [(["--vary", "stations.doctor.capacity"], "needs a range"),
                                (["--vary", "x=1..2", "--range", "1..2"], "give the range once"),
                                (["--vary", "x=5..1"], "--range: found '5..1', expected a range LOW..HIGH"),
                                (["--vary", "x=1..2", "--target", "served@doctor 5"], "found no comparison")] {
            let o = try CLI.run(["plan", clinic, "--out", dir.path] + (args.contains("--target") ? args : args + ["--target", "served@doctor >= 1"]))
            XCTAssertEqual(o.status, 64, o.stderr)
            XCTAssertTrue(o.stderr.contains(message), "\(message) in \(o.stderr)")
        }
        let unknown = try CLI.run(["plan", clinic, "--vary", "stations.doctor.capacity=1..1", "--target", "wait_mean_days@doctr <= 1 day",
                                   "--out", dir.appendingPathComponent("u").path] + short)
        XCTAssertEqual(unknown.status, 64, unknown.stderr)
        XCTAssertTrue(unknown.stderr.contains("no metric wait_mean_days@doctr in the results (the metric exists at e.g. wait_mean_days@"),
                      unknown.stderr)
        let badKey = try CLI.run(["plan", clinic, "--vary", "stations.nobody.capacity=1..2", "--target", "served@doctor >= 1",
                                  "--out", dir.path] + short)
        XCTAssertEqual(badKey.status, 65, badKey.stderr)
    }

    /// Under common random numbers a parameter that cannot reach an output
    /// (the doctor comes after reception) has exactly no effect on it, in
    /// every design; the parameter that does reach it has.
    func testSweepDesignsFindExactlyNoEffectWhereThereIsNone() throws {
        let dir = try CLI.temporaryDirectory()
        let common = ["Scenarios/examples/clinic.yaml", "--param", "stations.reception.capacity=1..3",
                      "--param", "stations.doctor.service.mode=8..20 min", "--metric", "wait_mean_days@reception",
                      "-r", "2", "--set", "run.duration=30 days", "--set", "run.warm_up=1 day"]
        func rows(_ design: String, _ extra: [String]) throws -> [[String]] {
            let out = dir.appendingPathComponent(design)
            let r = try CLI.run(["sweep"] + common + ["--design", design, "--out", out.path] + extra)
            XCTAssertEqual(r.status, 0, r.stderr)
            let csv = try String(contentsOf: out.appendingPathComponent("sensitivity.csv"), encoding: .utf8)
            XCTAssertTrue(csv.hasPrefix("output,method,parameter,statistic,value,lower,upper\n"), csv)
            return csv.split(separator: "\n").dropFirst().map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        }
        func value(_ rows: [[String]], _ parameter: String, _ statistic: String) -> Double? {
            rows.first { $0[2] == parameter && $0[3] == statistic }.flatMap { Double($0[4]) }
        }
        let oat = try rows("oat", ["--report", dir.appendingPathComponent("oat/sweep.html").path])
        let page = try String(contentsOf: dir.appendingPathComponent("oat/sweep.html"), encoding: .utf8)
        XCTAssertTrue(page.contains("Tornado") || page.contains("tornado"), "the one-at-a-time chart")
        XCTAssertTrue(page.contains("stations.doctor.service.mode"), "the parameters in the report")
        XCTAssertEqual(value(oat, "stations.doctor.service.mode", "output_at_low"), value(oat, "stations.doctor.service.mode", "output_at_high"))
        let low = try XCTUnwrap(value(oat, "stations.reception.capacity", "output_at_low"))
        let high = try XCTUnwrap(value(oat, "stations.reception.capacity", "output_at_high"))
        XCTAssertGreaterThan(low, 10 * high, "one receptionist makes people wait far longer than three")
        let points = try String(contentsOf: dir.appendingPathComponent("oat/points.csv"), encoding: .utf8)
        XCTAssertTrue(points.hasPrefix("point,label,stations.reception.capacity,stations.doctor.service.mode,replications"), points)
        XCTAssertTrue(points.contains("\n0,point-0,2.0,14.0,2,true,"), "the baseline at the midpoints: \(points)")

        let sobol = try rows("sobol", ["--samples", "8", "--bootstrap", "200"])
        XCTAssertEqual(value(sobol, "stations.doctor.service.mode", "first_order"), 0)
        XCTAssertEqual(value(sobol, "stations.doctor.service.mode", "total_order"), 0)
        XCTAssertGreaterThan(try XCTUnwrap(value(sobol, "stations.reception.capacity", "total_order")), 0.5)
        let morris = try rows("morris", ["--trajectories", "4"])
        XCTAssertEqual(value(morris, "stations.doctor.service.mode", "mu_star"), 0)
        XCTAssertGreaterThan(try XCTUnwrap(value(morris, "stations.reception.capacity", "mu_star")), 0)
        let lhs = try rows("lhs", ["--samples", "12"])
        XCTAssertLessThan(try XCTUnwrap(value(lhs, "stations.reception.capacity", "prcc")), -0.5, "more staff, shorter waits")
        XCTAssertEqual(try XCTUnwrap(value(lhs, "stations.doctor.service.mode", "prcc")), 0, accuracy: 1e-9)
        let factorial = try rows("factorial", [])
        XCTAssertEqual(factorial.filter { $0[1] == "prcc" }.count, 2)
        let tidy = try String(contentsOf: dir.appendingPathComponent("factorial/experiment.csv"), encoding: .utf8)
        XCTAssertEqual(Set(tidy.split(separator: "\n").dropFirst().map { $0.split(separator: ",")[0] }).count, 9, "3 × 3 points")
    }

    func testSweepErrors() throws {
        let dir = try CLI.temporaryDirectory()
        let clinic = "Scenarios/examples/clinic.yaml"
        let short = ["-r", "2", "--set", "run.duration=10 days", "--set", "run.warm_up=1 day", "--out", dir.path]
        for (args, message) in [([String](), "give at least one --param"),
                                (["--param", "x=1..2", "--design", "grid"], "--design must be one of oat, factorial, lhs, sobol, morris"),
                                (["--param", "x=3..1"], "--param x=3..1"),
                                (["--param", "x=1..2", "--param", "x=2..3"], "--param x is given twice"),
                                (["--param", "x=1..2", "--metric", "a b@c"], "--metric must be METRIC[@STATION]"),
                                (["--param", "x=1..2", "--design", "morris", "--levels", "3"], "Morris grid levels")] {
            let r = try CLI.run(["sweep", clinic] + args + short)
            XCTAssertEqual(r.status, 64, "\(args): \(r.stderr)")
            XCTAssertTrue(r.stderr.contains(message), "\(message) in \(r.stderr)")
        }
        let badKey = try CLI.run(["sweep", clinic, "--param", "stations.doctor.capacity=lots..more"] + short)
        XCTAssertEqual(badKey.status, 64, badKey.stderr)
        let invalid = try CLI.run(["sweep", clinic, "--param", "stations.doctor.capacity=-3..-1"] + short)
        XCTAssertEqual(invalid.status, 65, invalid.stderr)
        XCTAssertTrue(invalid.stderr.contains("stations.doctor.capacity"), invalid.stderr)
        let missing = try CLI.run(["sweep", clinic, "--param", "stations.doctor.capacity=1..2", "--metric", "wait_mean_days@nobody"] + short)
        XCTAssertEqual(missing.status, 70, missing.stderr)
        XCTAssertTrue(missing.stderr.contains("sensitivity of wait_mean_days@nobody: no such metric in the results"), missing.stderr)
        XCTAssertTrue(FileManager.default.fileExists(atPath: dir.appendingPathComponent("experiment.csv").path),
                      "what was computed is kept")
    }
}
