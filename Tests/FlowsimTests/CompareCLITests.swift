import Foundation
import XCTest

/// `flowsim compare` as a user meets it: the table, compare.json, exit codes.
final class CompareCLITests: XCTestCase {
    let baseline = "Scenarios/dorset-baseline.yaml"
    let vacancies = "Scenarios/vacancies-15pct.yaml"
    let clinic = "Scenarios/examples/clinic.yaml"

    func testVacanciesLengthenCommunityAndCrisisWaits() throws {
        let dir = try CLI.temporaryDirectory()
        let r = try CLI.run(["compare", baseline, vacancies, "--replications", "3", "--out", dir.path])
        XCTAssertEqual(r.status, 0, r.stderr)
        print(r.stdout)
        XCTAssertTrue(r.stdout.contains("Dorset with 15% vacancies vs Dorset baseline"), r.stdout)
        XCTAssertTrue(r.stdout.contains("compare.json"), r.stdout)
        let script = """
            import json, sys
            c = json.load(open(sys.argv[1] + "/compare.json"))
            assert c["schema_version"] == 1 and c["replications"] == 3 and c["seed"] == 20250106, c["seed"]
            assert c["confidence"] == 0.95
            assert c["baseline"]["name"] == "Dorset baseline (single point of access)", c["baseline"]
            assert len(c["variants"]) == 1
            v = c["variants"][0]
            assert v["scenario"]["name"] == "Dorset with 15% vacancies", v["scenario"]
            assert v["scenario"]["hash"] != c["baseline"]["hash"]
            d = {(x["metric"], x["station"], x["group"]): x for x in v["differences"]}
            for team in ["cmht_assessment", "crht"]:
                w = d[("wait_mean_days", team, "all")]
                assert w["n"] == 3 and w["significant"] and w["mean_difference"] > 0, w
                assert abs(w["variant_mean"] - w["baseline_mean"] - w["mean_difference"]) < 1e-9 * max(1, w["mean_difference"])
                assert w["relative_change"] > 0 and w["half_width"] < w["mean_difference"], w
            # Treatment caseloads have room in the baseline; vacancies make people wait in some replications.
            t = d[("wait_mean_days", "cmht_treatment", "all")]
            assert t["variant_mean"] >= t["baseline_mean"] and t["mean_difference"] >= 0, t
            assert v["significant"] == sum(1 for x in v["differences"] if x["significant"])
            print("ok")
            """
        XCTAssertEqual(try python(script, dir.path), "ok")
    }

    func testInvalidVariantExits65AndWritesNothing() throws {
        let dir = try CLI.temporaryDirectory()
        let file = dir.appendingPathComponent("bad.yaml")
        try """
            extends: \(CLI.packageRoot.appendingPathComponent(baseline).path)
            name: bad variant
            stations:
              cmht_treatment: {vacancy: 1.5, capasity: 3}
            """.write(to: file, atomically: true, encoding: .utf8)
        let out = dir.appendingPathComponent("out")
        let r = try CLI.run(["compare", baseline, file.path, "--replications", "3", "--out", out.path])
        XCTAssertEqual(r.status, 65, r.stderr)
        XCTAssertTrue(r.stderr.contains("bad.yaml:4:"), r.stderr)
        XCTAssertTrue(r.stderr.contains("stations.cmht_treatment.capasity"), r.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: out.path))
    }

    func testUsageErrorsExit64() throws {
        let one = try CLI.run(["compare", clinic])
        XCTAssertEqual(one.status, 64, one.stderr)
        XCTAssertTrue(one.stderr.contains("at least one variant"), one.stderr)
        let metric = try CLI.run(["compare", clinic, clinic, "--metric", "no_such_metric"])
        XCTAssertEqual(metric.status, 64, metric.stderr)
        XCTAssertTrue(metric.stderr.contains("no_such_metric"), metric.stderr)
        let top = try CLI.run(["compare", clinic, clinic, "--top", "-1"])
        XCTAssertEqual(top.status, 64, top.stderr)
        let help = try CLI.run(["compare", "--help"])
        XCTAssertEqual(help.status, 0)
        for option in ["--replications", "--seed", "--threads", "--out", "--confidence", "--metric", "--top"] {
            XCTAssertTrue(help.stdout.contains(option), "compare --help lacks \(option)")
        }
    }

    /// A faster doctor on the clinic, compared on waits only: the file is
    /// the same bytes whatever the thread count, and a scenario compared with
    /// itself differs nowhere (common random numbers make every pair equal).
    func testMetricFilterDeterminismAndSelfComparison() throws {
        let dir = try CLI.temporaryDirectory()
        let variant = dir.appendingPathComponent("faster-doctor.yaml")
        try """
            extends: \(CLI.packageRoot.appendingPathComponent(clinic).path)
            name: Clinic with two doctors
            run: {duration: 60 days, warm_up: 7 days}
            stations:
              doctor: {capacity: 2}
            """.write(to: variant, atomically: true, encoding: .utf8)
        let base = dir.appendingPathComponent("base.yaml")
        try """
            extends: \(CLI.packageRoot.appendingPathComponent(clinic).path)
            run: {duration: 60 days, warm_up: 7 days}
            """.write(to: base, atomically: true, encoding: .utf8)
        var texts: [String] = []
        for threads in ["1", "2"] {
            let out = dir.appendingPathComponent("t\(threads)")
            let r = try CLI.run(["compare", base.path, variant.path, base.path, "--replications", "4", "--threads", threads,
                                 "--metric", "wait_mean_days", "--metric", "served", "--out", out.path, "--quiet"])
            XCTAssertEqual(r.status, 0, r.stderr)
            XCTAssertEqual(r.stdout, "", "--quiet prints nothing")
            texts.append(try String(contentsOf: out.appendingPathComponent("compare.json"), encoding: .utf8))
        }
        XCTAssertEqual(texts[0], texts[1], "compare.json is byte-identical across thread counts")
        let script = """
            import json, sys
            c = json.load(open(sys.argv[1] + "/t1/compare.json"))
            faster, same = c["variants"]
            assert {x["metric"] for x in faster["differences"]} == {"wait_mean_days", "served"}
            w = {x["station"]: x for x in faster["differences"] if x["metric"] == "wait_mean_days" and x["group"] == "all"}
            assert w["doctor"]["mean_difference"] < 0 and w["doctor"]["significant"], w["doctor"]
            assert w["reception"]["mean_difference"] == 0, w["reception"]
            assert same["significant"] == 0 and all(x["mean_difference"] == 0 for x in same["differences"])
            print("ok")
            """
        XCTAssertEqual(try python(script, dir.path), "ok")
    }

    func python(_ script: String, _ argument: String) throws -> String {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["python3", "-c", script, argument]
        let out = Pipe(), err = Pipe()
        p.standardOutput = out
        p.standardError = err
        try p.run()
        let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        let problem = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        p.waitUntilExit()
        XCTAssertEqual(p.terminationStatus, 0, problem)
        return text.trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
