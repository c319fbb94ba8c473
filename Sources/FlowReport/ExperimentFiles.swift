import FlowEngine
import FlowExperiments
import Foundation

/// Writes an experiment's tidy files, the same whatever the thread count,
/// shard layout or resumption, because they are read back from the store:
/// - `points.csv`: one row per point: its label, design values, replications;
/// - `experiment.csv`: one row per point × metric × group with n, mean, sd
///   and half-width, ready for pandas (`pd.read_csv`) or R (`read.csv`).
public enum ExperimentFiles {
    @discardableResult
    public static func write(_ summary: ExperimentSummary, to directory: String) throws -> [String] {
        let dir = URL(fileURLWithPath: directory)
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let points = dir.appendingPathComponent("points.csv")
        try pointsCSV(summary).write(to: points, atomically: true, encoding: .utf8)
        let metrics = dir.appendingPathComponent("experiment.csv")
        try experimentCSV(summary).write(to: metrics, atomically: true, encoding: .utf8)
        return [points.path, metrics.path]
    }

    public static func pointsCSV(_ summary: ExperimentSummary) -> String {
        let e = summary.experiment
        var s = (["point", "label"] + e.parameters + ["replications", "finished", "scenario_hash"]).map(CSVText.field)
            .joined(separator: ",") + "\n"
        for (p, point) in e.points.enumerated() {
            let values = point.values.map(NumberFormat.csv)
            s += ([String(p), CSVText.field(point.label)] + values
                  + [String(point.replications), summary.points[p].isEmpty ? "false" : "true", point.scenario.hash])
                .joined(separator: ",") + "\n"
        }
        return s
    }

    public static func experimentCSV(_ summary: ExperimentSummary) -> String {
        let e = summary.experiment
        var s = (["point", "label"] + e.parameters + ["metric", "station", "group", "n", "mean", "sd", "half_width", "confidence"])
            .map(CSVText.field).joined(separator: ",") + "\n"
        let level = "\(summary.confidence)"
        for (p, rows) in summary.points.enumerated() {
            let head = ([String(p), CSVText.field(e.points[p].label)] + e.points[p].values.map(NumberFormat.csv))
                .joined(separator: ",")
            for m in rows {
                s += head + "," + [CSVText.field(m.key.metric), CSVText.field(m.key.station), CSVText.field(m.key.group),
                                   String(m.n), NumberFormat.csv(m.mean), NumberFormat.csv(m.standardDeviation),
                                   NumberFormat.csv(m.halfWidth), level].joined(separator: ",") + "\n"
            }
        }
        return s
    }
}
