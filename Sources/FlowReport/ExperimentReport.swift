import FlowEngine
import FlowExperiments
import Foundation

/// A self-contained HTML page for an experiment (a sweep or a capacity
/// plan), in the same style as the run report: a plan's answer and
/// curves, each output's sensitivity charts, a table of the points and an
/// account of how the numbers were made. Inline CSS and SVG only, no
/// scripts, nothing fetched, so it opens offline and can be mailed.
///
/// Sections appear only when their data does; every name from a
/// scenario, plan or parameter is escaped.
///
///     let html = ExperimentReport.render(data)
///     try html.write(toFile: "sweep.html", atomically: true, encoding: .utf8)
public enum ExperimentReport {
    /// Rows of the sweep table before it is cut short (`experiment.csv` has all).
    public static let tableLimit = 200

    /// The page, as UTF-8 HTML text.
    public static func render(_ data: ExperimentReportData) -> String {
        var sections: [(id: String, title: String, body: String)] = []
        if let plan = data.plan {
            sections.append(("plan", "Capacity plan", PlanSection.render(plan, confidence: data.summary.confidence)))
        }
        if !data.sensitivities.isEmpty {
            sections.append(("sensitivity", "Sensitivity", SensitivitySection.render(data)))
        }
        sections.append(("points", data.summary.experiment.kind == .plan ? "Candidates" : "Points of the sweep",
                         SweepTable.render(data, limit: tableLimit)))
        sections.append(("about", "About this experiment", ExperimentAccount.render(data)))

        let e = data.summary.experiment
        return ReportPage.render(
            title: data.title + " — FlowSim experiment report", css: css, header: header(data),
            sections: sections.map { ReportPage.Section(id: $0.id, title: $0.title, body: $0.body) },
            footer: "FlowSim \(HTML.escape(FlowSimVersion.string)) · experiment fingerprint <code>\(HTML.escape(e.fingerprint))</code>"
                + " · seed \(e.seed) · \(Fmt.grouped(Double(e.points.count))) points, "
                + "\(Fmt.grouped(Double(e.totalReplications))) replications. Intervals are "
                + "\(PlanSection.level(data.summary.confidence)) Student-t confidence intervals across replications.")
    }

    static func header(_ data: ExperimentReportData) -> String {
        let e = data.summary.experiment
        let kind = switch e.kind {
        case .plan: "capacity plan"
        case .sweep: "sensitivity sweep"
        case .batch: "batch"
        }
        var s = "<header class=\"top\"><div class=\"wrap\">\n<p class=\"kicker\">FlowSim experiment report · \(kind)</p>\n"
        s += "<h1>\(HTML.escape(data.title))</h1>\n"
        let description = data.description.trimmingCharacters(in: .whitespacesAndNewlines)
        if !description.isEmpty { s += "<p class=\"lede\">\(HTML.escape(description))</p>\n" }
        s += "<p class=\"meta\">\(ExperimentAccount.sizeSentence(data)) Every figure is a mean across a point's "
            + "replications; ± gives the half-width of its \(PlanSection.level(data.summary.confidence)) confidence interval.</p>\n"
        s += "</div></header>\n"
        return s + tiles(data)
    }

    /// The few numbers a reader looks for first.
    static func tiles(_ data: ExperimentReportData) -> String {
        let e = data.summary.experiment
        let finished = data.summary.points.filter { !$0.isEmpty }.count
        var tiles: [(label: String, value: String, hint: String)] = []
        if let plan = data.plan {
            tiles.append(("Least value meeting every target", plan.result.answer.map { HTML.escape(Fmt.parameter($0)) } ?? "none",
                          HTML.escape(plan.parameter)))
        }
        tiles.append(("Points", Fmt.grouped(Double(e.points.count)),
                      finished == e.points.count ? "all finished" : "\(Fmt.grouped(Double(finished))) finished"))
        tiles.append(("Parameters varied", "\(e.parameters.count)",
                      HTML.escape(HTML.shorten(e.parameters.joined(separator: ", "), 60))))
        tiles.append(("Replications", Fmt.grouped(Double(e.totalReplications)), "seed \(e.seed), common random numbers"))
        var s = "<section class=\"wrap key\" aria-label=\"Key figures\"><div class=\"tiles\">\n"
        for t in tiles {
            s += "<div class=\"tile\"><div class=\"label\">\(t.label)</div><div class=\"v\">\(t.value)</div>"
                + "<div class=\"hint\">\(t.hint)</div></div>\n"
        }
        return s + "</div></section>\n"
    }

    /// `metric@station/group`, as targets and `experiment.csv` name an output
    /// (the station left out for the whole system, the group for everyone).
    static func keyText(_ key: MetricKey) -> String {
        var s = key.metric
        if key.station != NetworkMetrics.systemLabel { s += "@" + key.station }
        if key.group != MetricKey.allGroups { s += "/" + key.group }
        return s
    }

    /// Classes the experiment charts and tables add to the run report's style sheet.
    static let css = """
        header.top .kicker { text-transform: none; letter-spacing: .02em; }
        svg.chart .zero { stroke: #4c6272; stroke-width: 1.4; }
        svg.chart .axis-title { fill: var(--muted); font-size: 12.5px; }
        svg.chart .ci-band { fill: #005eb8; fill-opacity: .18; stroke: none; }
        svg.chart .mean-line { fill: none; stroke: #005eb8; stroke-width: 2; }
        svg.chart .mean-dot { fill: #003087; }
        svg.chart .bound.met { fill: #009639; stroke: #006b28; stroke-width: 1; }
        svg.chart .bound.unmet { fill: #fff; stroke: #da291c; stroke-width: 1.8; }
        svg.chart .threshold { stroke: #da291c; stroke-width: 2; stroke-dasharray: 7 4; }
        svg.chart .answer { stroke: #009639; stroke-width: 2.5; }
        svg.chart .answer-label { fill: #006b28; font-size: 12.5px; font-weight: 700; }
        svg.chart .pt { fill: #005eb8; fill-opacity: .85; stroke: #fff; stroke-width: 1; }
        svg.chart .pt-label { font-size: 12px; }
        svg.chart .guide { stroke: #8a9aa5; stroke-width: 1.2; stroke-dasharray: 4 4; }
        svg.chart .guide-label { fill: var(--muted); font-size: 11.5px; font-style: italic; }
        p.answer-box { font-size: 1.2rem; background: #e6f4ea; border-left: 6px solid #009639; padding: 10px 16px; max-width: none; }
        p.answer-box.none { background: #fbe9e7; border-left-color: #da291c; }
        p.warn { border-left: 4px solid #ffb81c; padding: 2px 12px; background: #fff8e5; }
        table.plan th.tgt { text-align: center; border-bottom: 1px solid var(--line); }
        table.plan td.met { color: #006b28; font-weight: 600; white-space: nowrap; }
        table.plan td.unmet { color: #b0180e; white-space: nowrap; }
        table.results tbody tr.answer { background: #e6f4ea; outline: 2px solid #009639; }
        table.sweep th.param { color: var(--dark); }
        table.sweep tbody th { white-space: nowrap; }
        table.sweep tbody th, table.sweep thead th:first-child { position: sticky; left: 0; background: #fff; z-index: 1; }
        table.sweep tbody tr:nth-child(even) th { background: var(--band); }
        table.results tbody tr.unfinished { color: var(--muted); font-style: italic; }

        """
}
