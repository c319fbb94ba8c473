import FlowExperiments
import Foundation

/// Section: a capacity plan's answer, the rule that gave it, each
/// target's curve against the candidate value, and the table of every
/// candidate's checks.
enum PlanSection {
    static func render(_ curve: ExperimentReportData.PlanCurve, confidence twoSidedLevel: Double) -> String {
        let r = curve.result
        let oneSided = level(curve.confidence), twoSided = level(twoSidedLevel)
        let targets = targets(r)
        let values = r.rows.map(\.value)
        var s = ""
        if let answer = r.answer {
            s += "<p class=\"answer-box\">Least value of \(HTML.code(curve.parameter)) meeting every target: "
                + "<strong>\(HTML.escape(Fmt.parameter(answer)))</strong></p>\n"
        } else {
            let range = values.isEmpty ? "" : " from \(Fmt.parameter(values.min() ?? .nan)) to \(Fmt.parameter(values.max() ?? .nan))"
            s += "<p class=\"answer-box none\">No candidate\(range) meets every target with \(oneSided) confidence, "
                + "so this plan has no answer.</p>\n"
            let never = targets.filter { t in !r.rows.contains { $0.checks.contains { $0.target == t && $0.met } } }
            if !never.isEmpty {
                s += "<p>No candidate meets \(never.map { "“\(HTML.escape($0.text))”" }.joined(separator: " or ")). "
                    + "Try a wider range of values, or more replications if the bounds are close to the threshold.</p>\n"
            } else if !targets.isEmpty, r.unknown.isEmpty {
                s += "<p>Each target is met by some candidate, but no candidate meets them all at once.</p>\n"
            }
        }
        for t in r.unknown {
            s += "<p class=\"warn\">No candidate reports the metric of “\(HTML.escape(t.text))” "
                + "(\(HTML.code(keyText(t)))): check its name; <code>flowsim metrics</code> lists them.</p>\n"
        }
        if !r.failsAbove.isEmpty {
            s += "<p class=\"warn\">Larger candidates than the answer fail a target again: "
                + "\(r.failsAbove.map { HTML.escape(Fmt.parameter($0)) }.joined(separator: ", ")). The metric may not be "
                + "monotone in the value, or more replications are needed to tell the candidates apart.</p>\n"
        }
        let unfinished = r.rows.filter(\.checks.isEmpty).count
        if unfinished > 0 {
            s += "<p class=\"warn\">\(unfinished) candidate\(unfinished == 1 ? " is" : "s are") not finished in this store "
                + "and count\(unfinished == 1 ? "s" : "") as not meeting the targets.</p>\n"
        }
        s += "<p><strong>The rule.</strong> A candidate meets a target when the one-sided Student-t bound on the metric's "
            + "mean at \(oneSided) confidence is on the target's side of the threshold: mean + t·s/√n for ≤ and &lt;, "
            + "mean − t·s/√n for ≥ and &gt;, where s is the standard deviation over the n replications and t the "
            + "\(oneSided) quantile of Student's t with n − 1 degrees of freedom. A candidate that meets a target only "
            + "on average does not pass. The answer is the least candidate that meets every target; every candidate "
            + "runs the same replications with the same random numbers (common random numbers).</p>\n"
        for (i, t) in targets.enumerated() {
            let points = r.rows.map { row in PlanCurveChart.Point(value: row.value, check: row.checks.first { $0.target == t }) }
            s += "<h3>\(HTML.escape(t.text))</h3>\n"
            let svg = PlanCurveChart.render(target: t, points: points, answer: r.answer, id: "plan-\(i)",
                                            twoSided: twoSided, oneSided: oneSided)
            s += Block.figure(svg, caption: "Mean of \(HTML.code(t.key.metric)) at each value of "
                + "\(HTML.code(curve.parameter)) (line and dots) with its two-sided \(twoSided) confidence interval "
                + "(band and whiskers); diamonds mark the one-sided \(oneSided) bound the rule compares with the "
                + "threshold (red line).")
        }
        if !targets.isEmpty { s += table(curve, targets: targets, oneSided: oneSided, twoSided: twoSided) }
        return s
    }

    /// Targets in the order the checks give them.
    static func targets(_ r: CapacityPlan.Result) -> [PlanTarget] {
        var out: [PlanTarget] = []
        for row in r.rows { for c in row.checks where !out.contains(c.target) { out.append(c.target) } }
        return out
    }

    /// Candidates × targets: mean ± half-width, the bound and the verdict, the answer's row marked.
    static func table(_ curve: ExperimentReportData.PlanCurve, targets: [PlanTarget], oneSided: String,
                      twoSided: String) -> String {
        var s = "<h3>Every candidate</h3>\n<div class=\"scroll\"><table class=\"data results plan\">\n"
            + "<caption>Candidates × targets: mean ± \(twoSided) half-width, the one-sided \(oneSided) bound, and whether "
            + "the target is met</caption>\n<thead><tr><th scope=\"col\" rowspan=\"2\">\(HTML.escape(curve.parameter))</th>"
        for t in targets { s += "<th scope=\"colgroup\" colspan=\"3\" class=\"tgt\">\(HTML.escape(t.text))</th>" }
        s += "<th scope=\"col\" rowspan=\"2\">Every target</th></tr>\n<tr>"
        for _ in targets { s += "<th scope=\"col\" class=\"num\">Mean ±</th><th scope=\"col\" class=\"num\">Bound</th><th scope=\"col\">Met</th>" }
        s += "</tr></thead>\n<tbody>\n"
        // One unit per target, sized to its largest mean, as on its chart.
        let units = targets.map { t in
            let means = curve.result.rows.flatMap { $0.checks.filter { $0.target == t }.map(\.mean) }
            return MetricUnit(metric: t.key.metric, typical: (means + [t.threshold]).filter(\.isFinite).map(abs).max() ?? 1)
        }
        for row in curve.result.rows[window(curve.result)] {
            let isAnswer = curve.result.answer == row.value
            s += "<tr\(isAnswer ? " class=\"answer\"" : "")><th scope=\"row\">\(HTML.escape(Fmt.parameter(row.value)))"
                + (isAnswer ? " <span class=\"tag\">answer</span>" : "") + (row.checks.isEmpty ? " <span class=\"tag\">not finished</span>" : "")
                + "</th>"
            for (t, unit) in zip(targets, units) {
                guard let c = row.checks.first(where: { $0.target == t }) else {
                    s += "<td class=\"num\">\(Fmt.missing)</td><td class=\"num\">\(Fmt.missing)</td><td>\(Fmt.missing)</td>"
                    continue
                }
                s += "<td class=\"num\">\(unit.interval(c.mean, c.halfWidth))</td><td class=\"num\">\(unit.value(c.bound))</td>"
                    + verdict(c.met)
            }
            s += verdict(row.met) + "</tr>\n"
        }
        s += "</tbody>\n</table></div>\n"
        let left = curve.result.rows.count - window(curve.result).count
        if left > 0 {
            s += Block.note("\(Fmt.grouped(Double(left))) candidates away from the answer are left out of this table; "
                + "<code>plan.csv</code> has every candidate × target.")
        }
        return s
    }

    /// The candidates the table shows: all of them up to the sweep table's
    /// limit, else that many around the answer (from the start without one).
    static func window(_ r: CapacityPlan.Result) -> Range<Int> {
        let limit = ExperimentReport.tableLimit, n = r.rows.count
        guard n > limit else { return 0..<n }
        let answerIndex = r.answer.flatMap { a in r.rows.firstIndex { $0.value == a } } ?? 0
        let start = max(0, min(n - limit, answerIndex - limit / 2))
        return start..<(start + limit)
    }

    static func verdict(_ met: Bool) -> String {
        met ? "<td class=\"met\"><span aria-hidden=\"true\">✓</span> met</td>"
            : "<td class=\"unmet\"><span aria-hidden=\"true\">✗</span> not met</td>"
    }

    /// `metric@station/group` as a target names it.
    static func keyText(_ t: PlanTarget) -> String { ExperimentReport.keyText(t.key) }

    static func level(_ c: Double) -> String {
        guard c.isFinite else { return Fmt.missing }
        return Fmt.trimmed(String(format: "%.1f", c * 100)) + "%"
    }
}
