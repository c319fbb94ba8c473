import FlowEngine
import FlowStats

/// Runs an experiment in memory, without a store: for tests, small
/// studies and `--no-store`. Summaries are made in replication order, the
/// order the store's `finishRun` uses, so both give the same numbers.
public enum ExperimentRunner {
    public static func run(_ experiment: Experiment, threads: Int = 0, confidence: Double = 0.95,
                           progress: (@Sendable (Int, Int) -> Void)? = nil) throws(RandomStreamError) -> ExperimentSummary {
        var points: [[MetricSummary]] = []
        let total = experiment.totalReplications
        var offset = 0
        for point in experiment.points {
            let before = offset
            let results = try ReplicationRunner.run(model: point.scenario.model, seed: experiment.seed,
                                                    replications: point.replications, threads: threads) { done, _ in
                progress?(before + done, total)
            }
            offset += point.replications
            points.append(results.summaries(confidence: confidence).map { key, s in
                MetricSummary(key: key, n: s.n, mean: s.mean, standardDeviation: s.standardDeviation, halfWidth: s.halfWidth)
            })
        }
        return ExperimentSummary(experiment: experiment, confidence: confidence, points: points)
    }
}
