import FlowEngine
import FlowExperiments
import Foundation

/// Section: one row per point with its parameter values and the chosen
/// outputs as mean ± half-width, capped so a 10,000-point design stays a
/// page a browser opens; `experiment.csv` has every row.
enum SweepTable {
    static func render(_ data: ExperimentReportData, limit: Int) -> String {
        let e = data.summary.experiment
        let shown = min(e.points.count, max(0, limit))
        let units = data.outputs.map { key in
            MetricUnit(metric: key.metric, typical: typicalSize(data.summary, key))
        }
        var s = "<p>Each point's outputs: the mean across its replications, with the half-width of its "
            + "\(PlanSection.level(data.summary.confidence)) confidence interval beneath. “–” marks an output the point "
            + "did not observe or a point not finished in this store.</p>\n"
        if data.outputs.isEmpty { s += Block.note("No outputs were chosen for this table; experiment.csv has every metric.") }
        s += "<div class=\"scroll\"><table class=\"data results sweep\">\n<caption>\(shown == e.points.count ? "Every point" : "The first \(shown) of \(e.points.count) points")</caption>\n"
            + "<thead><tr><th scope=\"col\">Point</th>"
        for p in e.parameters { s += "<th scope=\"col\" class=\"num param\">\(HTML.breakable(p))</th>" }
        for (key, unit) in zip(data.outputs, units) {
            s += "<th scope=\"col\" class=\"num\">\(HTML.breakable(ExperimentReport.keyText(key)))"
                + (unit.name.isEmpty ? "" : "<span class=\"fn\">\(HTML.escape(unit.name))</span>") + "</th>"
        }
        s += "</tr></thead>\n<tbody>\n"
        for p in 0..<shown {
            let point = e.points[p]
            let finished = p < data.summary.points.count && !data.summary.points[p].isEmpty
            s += "<tr\(finished ? "" : " class=\"unfinished\"")><th scope=\"row\">\(HTML.escape(point.label))"
                + (finished ? "" : " <span class=\"tag\">not finished</span>") + "</th>"
            for j in e.parameters.indices {
                s += "<td class=\"num\">\(j < point.values.count ? HTML.escape(Fmt.parameter(point.values[j])) : Fmt.missing)</td>"
            }
            for (key, unit) in zip(data.outputs, units) {
                let m = finished ? data.summary.summary(key, point: p) : nil
                s += "<td class=\"num\">\(m.map { cell($0, unit) } ?? Fmt.missing)</td>"
            }
            s += "</tr>\n"
        }
        s += "</tbody>\n</table></div>\n"
        if shown < e.points.count {
            let left = e.points.count - shown
            s += Block.note("\(Fmt.grouped(Double(left))) more point\(left == 1 ? " is" : "s are") left out of this table; "
                + "<code>experiment.csv</code> has every point × metric, and <code>points.csv</code> every point's values.")
        }
        return s
    }

    /// Mean, with ± half-width in small type below, in the column's unit.
    static func cell(_ m: MetricSummary, _ unit: MetricUnit) -> String {
        guard m.mean.isFinite else { return Fmt.missing }
        let mean = unit.value(m.mean)
        guard m.halfWidth.isFinite else { return mean }
        let hw: String
        switch unit.kind {
        case .duration: hw = Fmt.number(m.halfWidth / (unit.timeUnit ?? .days).days, digits: 2)
        case .share: hw = Fmt.number(m.halfWidth * 100, digits: 2) + " points"
        default: hw = Fmt.halfWidthText(m.halfWidth, mean: m.mean)
        }
        return mean + "<br><span class=\"hw\">± \(hw)</span>"
    }

    /// The largest |mean| of an output over the points, to pick its unit once per column.
    static func typicalSize(_ summary: ExperimentSummary, _ key: MetricKey) -> Double {
        summary.means(key).filter(\.isFinite).map(abs).max() ?? 1
    }
}
