import FlowExperiments
import Foundation

/// Section: what was run and how its numbers were made, so a reader can
/// judge them and someone else can run the experiment again.
enum ExperimentAccount {
    /// "12 points × 20 replications (240 in all), master seed 2025."
    static func sizeSentence(_ data: ExperimentReportData) -> String {
        let e = data.summary.experiment
        let hi = e.points.map(\.replications).max() ?? 0
        return "\(Fmt.grouped(Double(e.points.count))) point\(e.points.count == 1 ? "" : "s") × \(perPoint(e)) "
            + "replication\(hi == 1 ? "" : "s") (\(Fmt.grouped(Double(e.totalReplications))) in all), master seed \(e.seed)."
    }

    /// Replications per point: "20", or "6–10" where points differ.
    static func perPoint(_ e: Experiment) -> String {
        let counts = e.points.map(\.replications)
        let lo = counts.min() ?? 0, hi = counts.max() ?? 0
        return lo == hi ? Fmt.grouped(Double(lo)) : "\(Fmt.grouped(Double(lo)))–\(Fmt.grouped(Double(hi)))"
    }

    static func render(_ data: ExperimentReportData) -> String {
        let e = data.summary.experiment
        let finished = data.summary.points.filter { !$0.isEmpty }.count
        let level = PlanSection.level(data.summary.confidence)
        var rows: [[String]] = [
            ["Kind", HTML.escape(kindText(e.kind))],
            ["Name", HTML.escape(e.name)],
            ["Points", "\(Fmt.grouped(Double(e.points.count))) (\(Fmt.grouped(Double(finished))) finished in this store)"],
            ["Replications", perPoint(e) + " per point, \(Fmt.grouped(Double(e.totalReplications))) in all"],
            ["Master seed", "\(e.seed)"],
            ["Confidence", "\(level) two-sided intervals" + (data.plan.map { "; \(PlanSection.level($0.confidence)) one-sided bounds for the plan's targets" } ?? "")],
        ]
        if !e.parameters.isEmpty {
            rows.append(["Parameters varied", e.parameters.map(HTML.code).joined(separator: ", ")])
        }
        for (k, v) in e.design.sorted(by: { $0.key < $1.key }) {
            rows.append(["Design: " + HTML.escape(k), HTML.escape(v)])
        }
        if let scenario = e.points.first?.scenario {
            rows.append(["Scenario", HTML.escape(scenario.name) + " (hash " + HTML.code(scenario.hash) + ")"])
        }
        rows.append(["Fingerprint", HTML.code(e.fingerprint)])
        var s = Block.table(caption: "The experiment", header: ["Item", "Value"], rows: rows, numericFrom: 9,
                            className: "data account")
        s += "<h3>How the numbers are made</h3>\n<ul class=\"assumptions\">\n"
        s += "<li>Every point is a scenario run for its replications, each replication an independent run of the whole "
            + "model after its warm-up. A point's figure is the mean of the replications' values.</li>\n"
        s += "<li>± is the half-width of the two-sided \(level) Student-t confidence interval of that mean: "
            + "t × s / √n, with s the standard deviation over the n replications and t the quantile of Student's t "
            + "with n − 1 degrees of freedom. Whiskers and bands on the charts show the same interval.</li>\n"
        s += "<li>Every point uses the same master seed and replication indices, so replication k of every point sees "
            + "the same random numbers wherever the models share a stream (common random numbers): differences between "
            + "points are mostly the parameters' doing, not the noise of separate seeds.</li>\n"
        if data.plan != nil {
            s += "<li>A capacity plan's verdicts use the one-sided bound described with the plan, not the two-sided interval.</li>\n"
        }
        if !data.sensitivities.isEmpty {
            s += "<li>Sensitivity estimates (tornado swings, Sobol indices, Morris effects, rank correlations) are computed "
                + "by the sweep's estimator from the points' results; their intervals are the estimator's, typically a "
                + "bootstrap over the design.</li>\n"
        }
        s += "<li>Results are read back from the results store, so they are the same whatever the thread count, "
            + "however often the work was resumed and however it was split into shards. <code>points.csv</code> and "
            + "<code>experiment.csv</code> hold every number on this page.</li>\n</ul>\n"
        return s
    }

    static func kindText(_ k: Experiment.Kind) -> String {
        switch k {
        case .batch: "batch of scenarios"
        case .sweep: "sweep over a design of parameter values"
        case .plan: "capacity plan (least value meeting targets)"
        }
    }
}
