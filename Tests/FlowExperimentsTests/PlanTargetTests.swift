import FlowEngine
import FlowExperiments
import XCTest

final class PlanTargetTests: XCTestCase {
    func testParsesMetricStationGroupComparisonAndUnits() throws {
        let t = try PlanTarget.parse("wait_mean_days@cmht <= 4 weeks").get()
        XCTAssertEqual(t.key, MetricKey(metric: "wait_mean_days", station: "cmht"))
        XCTAssertEqual(t.comparison, .atMost)
        XCTAssertEqual(t.threshold, 28)
        let u = try PlanTarget.parse("utilisation@beds < 85%").get()
        XCTAssertEqual(u.comparison, .below)
        XCTAssertEqual(u.threshold, 0.85, accuracy: 1e-12)
        let g = try PlanTarget.parse("served@desk/priority:0 >= 100").get()
        XCTAssertEqual(g.key, MetricKey(metric: "served", station: "desk", group: "priority:0"))
        XCTAssertEqual(g.comparison, .atLeast)
        XCTAssertEqual(try PlanTarget.parse("time_in_system_mean_days > 2").get().key.station, NetworkMetrics.systemLabel)
        XCTAssertEqual(try PlanTarget.parse("wait_treatment_days.p90 <= 28 days").get().key.metric, "wait_treatment_p90_days")
        XCTAssertEqual(try PlanTarget.parse("wait_mean_days.p95@x <= 1 day").get().key,
                       MetricKey(metric: "wait_p95_days", station: "x"), "a statistic goes on the metric, before @")
        XCTAssertEqual(try PlanTarget.parse("wait_mean_days.median@x <= 1 day").get().key.metric, "wait_median_days")
        XCTAssertEqual(try PlanTarget.parse("served.total@x >= 1").get().key.metric, "served.total", "not a statistic")
        XCTAssertEqual(try PlanTarget.parse("wait_mean_days.p90 <= 1 day").get().key.metric, "wait_p90_days")
        let both = try PlanTarget.parseAll(["wait_mean_days@a <= 1 day and utilisation@a < 0.9", "served@b >= 3"]).get()
        XCTAssertEqual(both.map(\.key.station), ["a", "a", "b"])
    }

    func testErrorsSayWhatWasFoundAndExpected() {
        func message(_ text: String) -> String {
            if case .failure(let e) = PlanTarget.parse(text) { return e.description }
            return "parsed"
        }
        XCTAssertEqual(message("wait_mean_days@cmht 28 days"),
                       "target \"wait_mean_days@cmht 28 days\": found no comparison, expected one of <=, <, >=, >")
        XCTAssertTrue(message("<= 3").contains("found no metric before <="), message("<= 3"))
        XCTAssertTrue(message("wait_mean_days@cmht <= soon").contains("expected a duration"), message("wait_mean_days@cmht <= soon"))
        XCTAssertTrue(message("utilisation@x <= lots").contains("expected a number such as 0.85 or 85%"))
        XCTAssertTrue(message("utilisation@ <= 1").contains("expected METRIC[@STATION][/GROUP]"))
    }

    func testOneSidedBoundDecides() throws {
        let t = try PlanTarget.parse("m@s <= 10").get()
        // mean 9, sd 2, n 4: one-sided 95% bound 9 + 2.353 * 1 = 11.35 > 10: not met although the mean is below.
        let s = MetricSummary(key: t.key, n: 4, mean: 9, standardDeviation: 2, halfWidth: .nan)
        let check = t.evaluate(s, confidence: 0.95)
        XCTAssertEqual(check.bound, 9 + 2.353363434801823, accuracy: 1e-9)
        XCTAssertFalse(check.met)
        XCTAssertTrue(t.evaluate(MetricSummary(key: t.key, n: 100, mean: 9, standardDeviation: 2, halfWidth: .nan),
                                 confidence: 0.95).met)
        let lower = try PlanTarget.parse("m@s >= 8").get()
        XCTAssertFalse(lower.evaluate(s, confidence: 0.95).met, "9 − 2.35 < 8")
        XCTAssertFalse(t.evaluate(MetricSummary(key: t.key, n: 1, mean: 1, standardDeviation: .nan, halfWidth: .nan),
                                  confidence: 0.95).met, "one replication proves nothing")
    }

    func testCandidates() throws {
        XCTAssertEqual(try CapacityPlan.candidates("4..8", step: nil).get(), [4, 5, 6, 7, 8])
        XCTAssertEqual(try CapacityPlan.candidates("4..8", step: 2).get(), [4, 6, 8])
        XCTAssertEqual(try CapacityPlan.candidates("0.5..1.5", step: nil).get().count, 11)
        XCTAssertEqual(try CapacityPlan.candidates("3..3", step: nil).get(), [3])
        for bad in ["8..4", "4-8", "a..b", "4..", "1..100000000"] {
            guard case .failure = CapacityPlan.candidates(bad, step: bad == "1..100000000" ? 1 : nil) else {
                return XCTFail("\(bad) accepted")
            }
        }
    }
}
