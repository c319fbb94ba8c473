import ArgumentParser
import FlowEngine
import FlowExperiments
import FlowReport
import FlowScenario
import Foundation

struct Batch: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run every scenario of a plan file, each for its replications, into one results store.",
        discussion: """
            The plan lists scenario files (relative to the plan), each with an optional label, \
            `set:` overrides and replication count; every item shares one master seed, so items \
            are compared under common random numbers. Each replication is committed to the SQLite \
            store as it finishes: after Ctrl-C or a kill, run the same command with --resume and \
            only the missing replications are computed; the results equal an uninterrupted run. \
            --shard i/N runs a deterministic slice for cluster array jobs (see `flowsim slurm`), \
            and `flowsim merge` joins the shards' stores exactly.

            Writes points.csv (one row per item) and experiment.csv (one row per item × metric × \
            group: n, mean, sd, half_width) beside the store, except for a shard, whose only \
            output is its store.
            """
    )

    @Argument(help: "The plan file (YAML): name, seed, replications, scenarios.")
    var plan: String

    @OptionGroup var options: ExperimentOptions

    func run() throws {
        let batchPlan = try ExperimentInput.loaded { () throws(ScenarioError) in try PlanLoader.load(path: plan) }
        let experiment = try ExperimentInput.loaded { () throws(ScenarioError) in
            try ExperimentBuilder.batch(batchPlan, seed: options.seed, replications: options.replications,
                                        interval: options.intervalDays)
        }
        let directory = options.directory(for: plan)
        let (summary, outcome, store) = try options.execute(experiment, directory: directory)
        guard options.parsedShard == nil else {
            if !options.quiet {
                print("shard \(options.shard ?? ""): \(outcome.computed) replications computed, \(outcome.skipped) already stored, in \(store)")
            }
            return
        }
        let written = try ResultsOutput.writing(directory) { try ExperimentFiles.write(summary, to: directory) }
        guard !options.quiet else { return }
        print(ExperimentTable.render(summary))
        print("\(outcome.computed) replications computed, \(outcome.skipped) already stored. Wrote "
            + (written + [store]).joined(separator: ", "))
    }
}

/// The short table experiment commands print: each point's headline
/// system metrics with their intervals.
enum ExperimentTable {
    static let metrics = ["time_in_system_mean_days", "arrivals", "in_system_mean"]

    static func render(_ summary: ExperimentSummary, metrics: [MetricKey]? = nil) -> String {
        let keys = metrics ?? Self.metrics.map { MetricKey(metric: $0, station: NetworkMetrics.systemLabel) }
        let level = Int((summary.confidence * 100).rounded())
        var rows: [[String]] = [["point", "label"] + keys.map { "\($0.metric)@\($0.station)" } + ["n"]]
        for (p, point) in summary.experiment.points.enumerated() {
            var row = [String(p), point.label]
            var n = 0
            for key in keys {
                guard let s = summary.summary(key, point: p) else { row.append("-"); continue }
                n = max(n, s.n)
                row.append(s.mean.isFinite ? HeadlineTable.format(s.mean) + (s.halfWidth.isFinite ? " ± " + HeadlineTable.format(s.halfWidth) : "") : "-")
            }
            rows.append(row + [summary.points[p].isEmpty ? "unfinished" : String(n)])
        }
        return TextTable.render(rows).joined(separator: "\n") + "\n(± \(level)% confidence half-widths)"
    }
}
