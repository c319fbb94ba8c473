import FlowEngine
import FlowExperiments
import Foundation

/// Writes a capacity plan's answer and curve: `plan.json` (the answer,
/// the targets, every candidate's checks) and `plan.csv` (one row per
/// candidate × target, for plotting the curve with its threshold).
public enum PlanFiles {
    @discardableResult
    public static func write(_ result: CapacityPlan.Result, plan: CapacityPlan, to directory: String) throws -> [String] {
        let dir = URL(fileURLWithPath: directory)
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let json = dir.appendingPathComponent("plan.json"), csv = dir.appendingPathComponent("plan.csv")
        try self.json(result, plan: plan).write(to: json, atomically: true, encoding: .utf8)
        try self.csv(result, plan: plan).write(to: csv, atomically: true, encoding: .utf8)
        return [json.path, csv.path]
    }

    public static func csv(_ result: CapacityPlan.Result, plan: CapacityPlan) -> String {
        var s = "value,target,metric,station,group,comparison,threshold,mean,half_width,bound,met\n"
        for row in result.rows {
            for c in row.checks {
                s += [NumberFormat.csv(row.value), CSVText.field(c.target.text), CSVText.field(c.target.key.metric),
                      CSVText.field(c.target.key.station), CSVText.field(c.target.key.group), c.target.comparison.rawValue,
                      NumberFormat.csv(c.target.threshold), NumberFormat.csv(c.mean), NumberFormat.csv(c.halfWidth),
                      NumberFormat.csv(c.bound), c.met ? "true" : "false"].joined(separator: ",") + "\n"
            }
        }
        return s
    }

    public static func json(_ result: CapacityPlan.Result, plan: CapacityPlan) -> String {
        var s = "{\n  \"parameter\": \(JSONText.quote(plan.parameter)),\n"
        s += "  \"confidence\": \(NumberFormat.json(plan.confidence)),\n"
        s += "  \"rule\": \"least value whose one-sided confidence bound meets every target\",\n"
        s += "  \"answer\": \(result.answer.map(NumberFormat.json) ?? "null"),\n"
        s += "  \"fails_above_answer\": [\(result.failsAbove.map(NumberFormat.json).joined(separator: ", "))],\n"
        s += "  \"targets\": [" + plan.targets.map { t in
            "{\"text\": \(JSONText.quote(t.text)), \"metric\": \(JSONText.quote(t.key.metric)), "
                + "\"station\": \(JSONText.quote(t.key.station)), \"group\": \(JSONText.quote(t.key.group)), "
                + "\"comparison\": \(JSONText.quote(t.comparison.rawValue)), \"threshold\": \(NumberFormat.json(t.threshold))}"
        }.joined(separator: ", ") + "],\n"
        s += "  \"candidates\": [\n" + result.rows.map { row in
            "    {\"value\": \(NumberFormat.json(row.value)), \"met\": \(row.met), \"checks\": ["
                + row.checks.map { c in
                    "{\"target\": \(JSONText.quote(c.target.text)), \"mean\": \(NumberFormat.json(c.mean)), "
                        + "\"half_width\": \(NumberFormat.json(c.halfWidth)), \"bound\": \(NumberFormat.json(c.bound)), \"met\": \(c.met)}"
                }.joined(separator: ", ") + "]}"
        }.joined(separator: ",\n") + "\n  ]\n}\n"
        return s
    }
}
