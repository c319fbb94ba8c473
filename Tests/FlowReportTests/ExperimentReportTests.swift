import FlowEngine
import FlowExperiments
import FlowReport
import FlowScenario
import Foundation
import XCTest

final class ExperimentReportTests: XCTestCase {
    /// Means falling with the number of doctors; sd 0.1 over 10 replications
    /// puts the one-sided 95% bound 0.058 above the mean.
    func testPlanShowsTheAnswerTheThresholdAndEveryCandidate() throws {
        let data = try ExperimentFixture.plan(candidates: [1, 2, 3, 4, 5], means: [3, 1.5, 0.6, 0.3, 0.2], sd: 0.1)
        XCTAssertEqual(data.plan?.result.answer, 3, "the fixture's plan is answered by 3")
        let html = ExperimentReport.render(data)
        XCTAssertTrue(html.contains("id=\"plan\""))
        XCTAssertTrue(html.contains("least value meeting every target: 3<"), "the answer on the chart")
        XCTAssertTrue(html.contains("<strong>3</strong>"), "the answer in the text")
        XCTAssertTrue(html.contains("target: wait_mean_days@doctor &lt;= 1 day<"), "the threshold labelled with the target")
        XCTAssertEqual(occurrences(of: "class=\"threshold\"", in: html), 1, "one threshold line for one target")
        XCTAssertEqual(occurrences(of: "class=\"answer\" x1=", in: html), 1, "one answer line")
        XCTAssertTrue(html.contains("one-sided Student-t bound"), "the rule is stated")
        // Candidates × targets: 2 met (3, 4, 5 meet; 1 and 2 do not), each with its verdict and the overall one.
        XCTAssertEqual(occurrences(of: "<td class=\"met\">", in: html), 6)
        XCTAssertEqual(occurrences(of: "<td class=\"unmet\">", in: html), 4)
        XCTAssertTrue(html.contains("<tr class=\"answer\"><th scope=\"row\">3 <span class=\"tag\">answer</span>"))
        XCTAssertTrue(html.contains(">0.600 ± 0.072 days<"), "candidate 3: 0.6 days ± 0.0715, in the days of the whole column")
        XCTAssertTrue(html.contains(">0.200 ± 0.072 days<"), "candidate 5 in days too, not hours")
        XCTAssertFalse(html.contains("id=\"sensitivity\""), "no sensitivity section without estimates")
        // Five bound markers: three met (filled), two not.
        XCTAssertEqual(occurrences(of: "class=\"bound met\"", in: html), 3 + 1, "3 met and the legend's")
        XCTAssertEqual(occurrences(of: "class=\"bound unmet\"", in: html), 2 + 1, "2 not met and the legend's")
    }

    func testTheAnswerLineIsDrawnAtTheAnswersCandidate() throws {
        let html = ExperimentReport.render(try ExperimentFixture.plan(candidates: [4, 6, 8, 10], means: [2, 1.2, 0.5, 0.4], sd: 0.05))
        let dots = attributeValues("cx", of: "<circle class=\"mean-dot\"", in: html).filter { $0 > 100 }
        XCTAssertEqual(dots.count, 4, "a dot per candidate (the legend's is left of the plot)")
        let answer = attributeValues("x1", of: "<line class=\"answer\"", in: html)
        XCTAssertEqual(answer, [dots[2]], "the answer, 8, is the third candidate")
        XCTAssertEqual(dots, dots.sorted(), "candidates from left to right")
        // The threshold (1 day) lies between the means at 6 (1.2) and 8 (0.5): below the one and above the other.
        let ty = try XCTUnwrap(attributeValues("y1", of: "<line class=\"threshold\"", in: html).first)
        let cys = attributeValues("cy", of: "<circle class=\"mean-dot\"", in: html).suffix(4)
        XCTAssertLessThan(Array(cys)[1], ty, "1.2 days is drawn above the 1-day line")
        XCTAssertGreaterThan(Array(cys)[2], ty, "0.5 days is drawn below it")
    }

    func testEveryTargetHasItsCurveAndColumns() throws {
        // The wait is met from 3 doctors, the nurses' utilisation below 85% only from 4.
        let data = try ExperimentFixture.plan(candidates: [1, 2, 3, 4, 5],
                                              targets: [("wait_mean_days@doctor <= 1 day", [3, 1.5, 0.6, 0.3, 0.2]),
                                                        ("utilisation@nurse < 85%", [0.97, 0.93, 0.88, 0.8, 0.7])],
                                              sd: 0.01)
        XCTAssertEqual(data.plan?.result.answer, 4)
        let html = ExperimentReport.render(data)
        XCTAssertEqual(occurrences(of: "class=\"threshold\"", in: html), 2, "a threshold per target")
        XCTAssertEqual(occurrences(of: "least value meeting every target: 4<", in: html), 2, "the answer on both curves")
        XCTAssertTrue(html.contains("target: utilisation@nurse &lt; 85%<"))
        XCTAssertEqual(occurrences(of: "<th scope=\"colgroup\" colspan=\"3\" class=\"tgt\">", in: html), 2)
        XCTAssertTrue(html.contains(">88.0% ± 0.72<"), "utilisation as a percentage, ± in points")
        // Candidate 3 meets the wait but not the utilisation, so not every target.
        let row3 = try XCTUnwrap(html.components(separatedBy: "<th scope=\"row\">3</th>").dropFirst().first?
            .components(separatedBy: "</tr>").first)
        XCTAssertEqual(occurrences(of: "class=\"met\"", in: row3), 1)
        XCTAssertEqual(occurrences(of: "class=\"unmet\"", in: row3), 2)
        XCTAssertEqual(svgProblems(html).problems, [])
    }

    func testAPlanOfManyCandidatesShowsTheTableAroundTheAnswer() throws {
        let candidates = (1...1_000).map(Double.init)
        let data = try ExperimentFixture.plan(candidates: candidates, means: candidates.map { 700 / $0 }, sd: 0)
        XCTAssertEqual(data.plan?.result.answer, 700, "700/700 = 1 day with no spread meets <= 1 day")
        let html = ExperimentReport.render(data)
        XCTAssertTrue(html.contains("<tr class=\"answer\"><th scope=\"row\">700 <span class=\"tag\">answer</span>"))
        XCTAssertTrue(html.contains("800 candidates away from the answer are left out of this table"))
        XCTAssertTrue(html.contains("<th scope=\"row\">600</th>") && html.contains("<th scope=\"row\">799</th>"),
                      "200 rows, 100 before the answer")
        XCTAssertFalse(html.contains("<th scope=\"row\">599</th>") || html.contains("<th scope=\"row\">800</th>"))
        XCTAssertEqual(occurrences(of: "<circle class=\"mean-dot\"", in: html), 1, "only the legend's dot: the line carries 1,000 points")
        XCTAssertEqual(svgProblems(html).problems, [])
    }

    func testPlanWithoutAnAnswerSaysSo() throws {
        let html = ExperimentReport.render(try ExperimentFixture.plan(candidates: [1, 2, 3], means: [3, 2, 1.2], sd: 0.1))
        XCTAssertTrue(html.contains("No candidate from 1 to 3 meets every target with 95% confidence"))
        XCTAssertTrue(html.contains("this plan has no answer"))
        XCTAssertTrue(html.contains("No candidate meets “wait_mean_days@doctor &lt;= 1 day”"))
        XCTAssertFalse(html.contains("least value meeting every target: "), "no answer label")
        XCTAssertFalse(html.contains("class=\"answer\" x1="), "no answer line")
        XCTAssertTrue(html.contains("<div class=\"v\">none</div>"), "the answer tile says none")
        XCTAssertEqual(occurrences(of: "class=\"threshold\"", in: html), 1, "the threshold is still drawn")
    }

    func testMeanBelowTheThresholdButBoundAboveDoesNotPass() throws {
        // 0.98 < 1 on average, but 0.98 + 1.833 × 0.1 / √10 = 1.038 is not.
        let data = try ExperimentFixture.plan(candidates: [1, 2], means: [0.98, 0.9], sd: 0.1)
        XCTAssertEqual(data.plan?.result.answer, 2)
        let html = ExperimentReport.render(data)
        XCTAssertTrue(html.contains("<tr><th scope=\"row\">1</th>"), "candidate 1 is not the answer")
        XCTAssertTrue(html.contains("least value meeting every target: 2<"))
    }

    func testLargerCandidatesThatFailAndUnfinishedCandidatesAreReported() throws {
        let html = ExperimentReport.render(try ExperimentFixture.plan(candidates: [1, 2, 3, 4, 5], means: [3, 0.5, 2, .nan, 0.3],
                                                                      sd: 0.1))
        XCTAssertTrue(html.contains("least value meeting every target: 2<"))
        XCTAssertTrue(html.contains("fail a target again: 3, 4."), "3 fails, and unfinished 4 counts as failing")
        XCTAssertTrue(html.contains("1 candidate is not finished"))
        XCTAssertTrue(html.contains("4 <span class=\"tag\">not finished</span>"))
        XCTAssertEqual(svgProblems(html).problems, [], "the curve breaks at the missing candidate without NaN")
    }

    func testAnUnknownTargetMetricIsNamed() throws {
        let data = try ExperimentFixture.plan(candidates: [1, 2], means: [0.5, 0.4], sd: 0.1,
                                              target: "wiat_mean_days@doctor <= 1 day",
                                              extra: [ExperimentFixture.metric(ExperimentFixture.waitKey, mean: 0.5, sd: 0.1)])
        // The fixture reports the misspelt key too; build the summary without it to mimic a misspelling.
        var d = data
        d.summary.points = d.summary.points.map { $0.filter { $0.key.metric != "wiat_mean_days" } }
        let t = try PlanTarget.parse("wiat_mean_days@doctor <= 1 day").get()
        let plan = CapacityPlan(parameter: "stations.doctor.capacity", candidates: [1, 2], targets: [t], confidence: 0.95)
        d.plan = .init(parameter: "stations.doctor.capacity", result: plan.evaluate(d.summary), confidence: 0.95)
        let html = ExperimentReport.render(d)
        XCTAssertTrue(html.contains("No candidate reports the metric of “wiat_mean_days@doctor &lt;= 1 day”"))
        XCTAssertTrue(html.contains("this plan has no answer"))
        XCTAssertEqual(tagProblems(html), [])
    }

    func testSectionsAppearOnlyWithTheirData() throws {
        let plain = ExperimentReport.render(try ExperimentFixture.sweep(parameters: ["a", "b"], count: 4, sensitivities: false))
        XCTAssertFalse(plain.contains("id=\"plan\""))
        XCTAssertFalse(plain.contains("id=\"sensitivity\""))
        XCTAssertTrue(plain.contains("id=\"points\""))
        XCTAssertTrue(plain.contains("id=\"about\""))
        XCTAssertEqual(occurrences(of: "<svg", in: plain), 0, "no charts without a plan or estimates")

        let full = ExperimentReport.render(try ExperimentFixture.sweep(parameters: ["a", "b", "c"], count: 4))
        XCTAssertTrue(full.contains("id=\"sensitivity\""))
        XCTAssertFalse(full.contains("id=\"plan\""))
        XCTAssertEqual(occurrences(of: "<h4>One at a time: tornado</h4>", in: full), 1)
        XCTAssertEqual(occurrences(of: "<h4>Variance-based: Sobol indices</h4>", in: full), 1)
        XCTAssertEqual(occurrences(of: "<h4>Screening: Morris elementary effects</h4>", in: full), 1)
        XCTAssertEqual(occurrences(of: "<h4>Monotone effects: partial rank correlations (PRCC)</h4>", in: full), 2,
                       "both outputs have PRCC; only the first has the others")
        XCTAssertEqual(occurrences(of: "<svg", in: full), 5)
        XCTAssertTrue(full.contains("<code>utilisation@nurse</code>"))
    }

    func testTornadoIsSortedBySwingAndLabelledWithLevels() throws {
        var data = try ExperimentFixture.sweep(parameters: ["small", "large", "middle"], count: 3)
        data.sensitivities = [data.sensitivities[0]]
        data.sensitivities[0].tornado = [
            .init(name: "small", lowLevel: 1, highLevel: 2, outputAtLow: 0.79, outputAtHigh: 0.81),
            .init(name: "large", lowLevel: 4, highLevel: 12, outputAtLow: 1.4, outputAtHigh: 0.3),
            .init(name: "middle", lowLevel: 0.5, highLevel: 0.9, outputAtLow: 0.7, outputAtHigh: 1.0),
        ]
        let html = ExperimentReport.render(data)
        let tornado = try XCTUnwrap(chart(containing: "Tornado chart", in: html))
        let order = ["large", "middle", "small"].map { tornado.range(of: "<title>\($0)</title>")?.lowerBound }
        XCTAssertTrue(order.allSatisfy { $0 != nil })
        XCTAssertTrue(order[0]! < order[1]! && order[1]! < order[2]!, "widest swing first")
        XCTAssertTrue(tornado.contains("4 → 1.40 days; 12 → 0.300 days"), "levels and outputs at both ends")
        XCTAssertTrue(tornado.contains("baseline 0.800 days"), "the baseline line is labelled")
    }

    func testSensitivityUnitsFollowTheOutputsMetric() throws {
        var data = try ExperimentFixture.sweep(parameters: ["a"], count: 2, sensitivities: false)
        var wait = ExperimentReportData.Sensitivity(output: "wait_mean_days/risk:high")
        wait.baseline = 0.1
        wait.tornado = [.init(name: "a", lowLevel: 1, highLevel: 2, outputAtLow: 0.125, outputAtHigh: 0.075)]
        var share = ExperimentReportData.Sensitivity(output: "utilisation@nurse")
        share.baseline = 0.8
        share.tornado = [.init(name: "a", lowLevel: 1, highLevel: 2, outputAtLow: 0.9, outputAtHigh: 0.7)]
        data.sensitivities = [wait, share]
        let html = ExperimentReport.render(data)
        XCTAssertTrue(html.contains("1 → 3.00 h; 2 → 1.80 h"), "a wait in hours, though only a group follows the metric")
        XCTAssertTrue(html.contains("baseline 2.40 h"))
        XCTAssertTrue(html.contains("1 → 90.0%; 2 → 70.0%"), "a utilisation as a percentage")
    }

    func testNamesAreEscaped() throws {
        let hostile = ExperimentFixture.hostile
        var data = try ExperimentFixture.plan(parameter: hostile, candidates: [1, 2], means: [2, 0.5], sd: 0.1,
                                              target: "wait_mean_days@\(hostile) <= 1 day")
        data.title = "\(hostile) & a&b"
        data.description = "a&b <img src=x onerror=alert(2)>"
        let sweep = try ExperimentFixture.sweep(parameters: [hostile, "a&b", "\"quoted\" 'single'"], count: 3)
        data.sensitivities = sweep.sensitivities
        data.sensitivities[0].output = "wait_mean_days@\(hostile)"
        for html in [ExperimentReport.render(data), ExperimentReport.render(sweep)] {
            XCTAssertFalse(html.lowercased().contains("<script"), "a name never opens a script")
            XCTAssertFalse(html.contains("<img"))
            XCTAssertFalse(html.contains("a&b"), "ampersands escaped")
            XCTAssertFalse(html.contains("\"quoted\""))
            XCTAssertTrue(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
            XCTAssertTrue(html.contains("a&amp;b"))
            XCTAssertEqual(tagProblems(html), [], "tags nest and close")
            XCTAssertEqual(svgProblems(html).problems, [])
        }
        let html = ExperimentReport.render(data)
        XCTAssertTrue(html.contains("target: wait_mean_days@&lt;script&gt;alert(1)&lt;/script&gt; &lt;= 1 day"))
        XCTAssertTrue(ExperimentReport.render(sweep).contains("&lt;3&gt; &amp; a&amp;b"), "the sweep's design value escaped")
    }

    func testMissingValuesReadAsADashNeverNaN() throws {
        var data = try ExperimentFixture.sweep(parameters: ["a", "b"], count: 3)
        data.summary.points[0] = [ExperimentFixture.metric(ExperimentFixture.waitKey, mean: .nan, sd: .nan)]
        data.sensitivities[0].baseline = .nan
        data.sensitivities[0].tornado[0].outputAtHigh = .nan
        data.sensitivities[0].firstOrder[0] = .init(name: "a", value: .nan)
        data.sensitivities[0].morris[1] = .init(name: "b", muStar: .nan, sigma: .infinity)
        data.sensitivities[0].prcc[0] = .init(name: "a", value: .nan, lower: .nan, upper: .nan)
        let html = ExperimentReport.render(data)
        for raw in [">nan", " nan", "nan<", "\"nan", "NaN", ">inf", "inf<", "\"inf", "Infinity"] {
            XCTAssertFalse(html.contains(raw), "raw number text \(raw)")
        }
        XCTAssertTrue(html.contains(">–<"), "missing values shown as –")
        XCTAssertTrue(html.contains("1 parameter has no estimate"))
        XCTAssertEqual(svgProblems(html).problems, [])
    }

    func testChartsScaleForEqualNegativeSingleAndManyValues() throws {
        // Every candidate equal, and a single candidate.
        for (candidates, means) in [([1.0, 2, 3], [0.5, 0.5, 0.5]), ([7.0], [0.5])] {
            let html = ExperimentReport.render(try ExperimentFixture.plan(candidates: candidates, means: means, sd: 0))
            let check = svgProblems(html)
            XCTAssertEqual(check.charts, 1)
            XCTAssertEqual(check.problems, [], "\(candidates)")
        }
        // Negative outputs and correlations; thirty parameters.
        let names = (1...30).map { "parameter_\($0)" }
        var data = try ExperimentFixture.sweep(parameters: names, count: 3)
        data.sensitivities[0].baseline = -2
        data.sensitivities[0].tornado = names.enumerated().map { j, p in
            .init(name: p, lowLevel: 0, highLevel: 1, outputAtLow: -2 - Double(j), outputAtHigh: -2 + 0.5 * Double(j))
        }
        let html = ExperimentReport.render(data)
        let check = svgProblems(html)
        XCTAssertEqual(check.charts, 5)
        XCTAssertEqual(check.problems, [])
        let tornado = try XCTUnwrap(chart(containing: "Tornado chart", in: html))
        XCTAssertEqual(occurrences(of: "class=\"row-label\"", in: tornado), 30, "a row per parameter")
        XCTAssertTrue(tornado.contains("class=\"zero\""), "a zero line on an axis that crosses zero")
        let prcc = try XCTUnwrap(chart(containing: "Partial rank correlations with wait", in: html))
        XCTAssertTrue(prcc.contains(">-1<") && prcc.contains(">1<") && prcc.contains(">0<"), "a −1..1 axis")
        // Identical Sobol estimates and a Morris plot with every σ zero.
        data.sensitivities[0].firstOrder = names.map { .init(name: $0, value: 0) }
        data.sensitivities[0].totalOrder = []
        data.sensitivities[0].morris = names.map { .init(name: $0, muStar: 1, sigma: 0) }
        XCTAssertEqual(svgProblems(ExperimentReport.render(data)).problems, [])
    }

    func testTheSweepTableIsCappedAndMarksUnfinishedPoints() throws {
        let data = try ExperimentFixture.sweep(parameters: ["a"], count: 250, sensitivities: false)
        let html = ExperimentReport.render(data)
        XCTAssertTrue(html.contains("<caption>The first 200 of 250 points</caption>"))
        XCTAssertTrue(html.contains("50 more points are left out"))
        XCTAssertTrue(html.contains("experiment.csv"))
        XCTAssertEqual(occurrences(of: "<th scope=\"row\">point ", in: html), 200)
        XCTAssertTrue(html.contains("<th scope=\"row\">point 199"))
        XCTAssertFalse(html.contains("<th scope=\"row\">point 200"))
        XCTAssertTrue(html.contains("<tr class=\"unfinished\"><th scope=\"row\">point 1 <span class=\"tag\">not finished</span>"))
        // Point 2: wait 0.7 days ± 2.776 × 0.05 / √5 = 0.062 (in days, as the column reaches 25 days);
        // utilisation 60.2% ± 2.5 points.
        XCTAssertTrue(html.contains("0.700 days<br><span class=\"hw\">± 0.062</span>"))
        XCTAssertTrue(html.contains("60.2%<br><span class=\"hw\">± 2.5 points</span>"))
        XCTAssertTrue(html.contains("wait_<wbr>mean_<wbr>days@doctor"), "the output named as a target would name it")
    }

    func testTheAccountStatesKindPointsReplicationsSeedAndConfidence() throws {
        let html = ExperimentReport.render(try ExperimentFixture.sweep(parameters: ["a", "b"], count: 4))
        let start = try XCTUnwrap(html.range(of: "id=\"about\"")).lowerBound
        let about = String(html[start...])
        XCTAssertTrue(about.contains("sweep over a design of parameter values"))
        XCTAssertTrue(html.contains("<p class=\"meta\">4 points × 5 replications (20 in all), master seed 2025."), "in the header")
        XCTAssertTrue(about.contains("<td>5 per point, 20 in all</td>"))
        XCTAssertTrue(about.contains("<th scope=\"row\">Master seed</th><td>2025</td>"))
        XCTAssertTrue(about.contains("3 finished in this store"))
        XCTAssertTrue(about.contains("95% two-sided intervals"))
        XCTAssertTrue(about.contains("Student-t confidence interval"))
        XCTAssertTrue(about.contains("common random numbers"))
        XCTAssertTrue(about.contains("<code>a</code>, <code>b</code>"))
    }

    func testThePageIsSelfContained() throws {
        var data = try ExperimentFixture.plan(candidates: [1, 2, 3], means: [2, 0.9, 0.3], sd: 0.1)
        data.sensitivities = try ExperimentFixture.sweep(parameters: ["a", "b"], count: 3).sensitivities
        let html = ExperimentReport.render(data)
        XCTAssertTrue(html.hasPrefix("<!DOCTYPE html>"))
        XCTAssertFalse(html.contains("http://") || html.contains("https://"), "nothing fetched")
        XCTAssertFalse(html.lowercased().contains("<script") || html.contains("<link") || html.contains("url("))
        XCTAssertEqual(occurrences(of: "<svg", in: html), occurrences(of: "role=\"img\" aria-labelledby=", in: html))
        XCTAssertEqual(tagProblems(html), [])
        XCTAssertEqual(svgProblems(html).charts, 1 + 5)
    }

    // MARK: Helpers

    /// The numbers of one attribute on every element that starts with `prefix`.
    func attributeValues(_ attribute: String, of prefix: String, in html: String) -> [Double] {
        html.components(separatedBy: prefix).dropFirst().compactMap { tail in
            guard let r = tail.range(of: " \(attribute)=\"") else { return nil }
            return Double(tail[r.upperBound...].prefix { $0 != "\"" })
        }
    }

    /// The `<svg>` whose title contains `title`.
    func chart(containing title: String, in html: String) -> String? {
        html.components(separatedBy: "<svg").dropFirst().first { $0.contains(title) }
            .map { "<svg" + ($0.components(separatedBy: "</svg>").first ?? "") + "</svg>" }
    }
}
