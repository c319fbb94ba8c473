import FlowEngine
import FlowScenario

/// Turns plans and designs into experiments by loading each point's
/// scenario with its overrides, collecting every problem of every point.
public enum ExperimentBuilder {
    /// The points of a batch plan.
    /// - Parameters:
    ///   - seed: overrides the plan's seed; without either, the first
    ///     scenario's `run.seed`, so every item shares one seed.
    ///   - replications: overrides every item's count.
    ///   - interval: census interval for time series (nil: none, which
    ///     keeps stores of thousands of replications small).
    public static func batch(_ plan: BatchPlan, seed: UInt64? = nil, replications: Int? = nil,
                             interval: Double? = nil) throws(ScenarioError) -> Experiment {
        var problems: [Problem] = []
        var points: [ExperimentPoint] = []
        for item in plan.items {
            do {
                var scenario = try ScenarioLoader.load(path: item.file, overrides: item.overrides)
                scenario.model.seriesInterval = interval
                let n = replications ?? item.replications ?? plan.replications ?? scenario.replications
                points.append(ExperimentPoint(label: item.label, scenario: scenario, overrides: item.overrides,
                                              replications: n))
            } catch {
                problems += error.problems
            }
        }
        guard problems.isEmpty else { throw ScenarioError(problems) }
        let masterSeed = seed ?? plan.seed ?? points.first?.scenario.seed ?? 1
        return Experiment(kind: .batch, name: plan.name, seed: masterSeed, points: points)
    }

    /// One point per row of `values` (in parameter units): the base
    /// scenario with each parameter set by `--set`-style overrides.
    /// Whole numbers are written without a decimal point, so integer keys
    /// (capacities, counts) accept them.
    /// - Parameter units: a unit word per parameter written after its
    ///   value (`12 min`), for keys that take durations; nil for none.
    public static func points(file: String, baseOverrides: [String], parameters: [String], values: [[Double]],
                              units: [String?] = [], replications: Int?, interval: Double?,
                              label: (Int) -> String = { "point-\($0)" }) throws(ScenarioError) -> [ExperimentPoint] {
        var problems: [Problem] = []
        var points: [ExperimentPoint] = []
        var cache: [[String]: Scenario] = [:]
        for (i, row) in values.enumerated() {
            let own = parameters.indices.map { j in
                "\(parameters[j])=\(format(row[j]))" + ((j < units.count ? units[j] : nil).map { " " + $0 } ?? "")
            }
            let all = baseOverrides + own
            do {
                var scenario: Scenario
                if let seen = cache[all] { scenario = seen } else {
                    scenario = try ScenarioLoader.load(path: file, overrides: all)
                    cache[all] = scenario
                }
                scenario.model.seriesInterval = interval
                points.append(ExperimentPoint(label: label(i), scenario: scenario, overrides: all,
                                              replications: replications ?? scenario.replications, values: row))
            } catch {
                // The same bad value at many points is one problem to fix.
                for p in error.problems where !problems.contains(p) { problems.append(p) }
            }
        }
        guard problems.isEmpty else { throw ScenarioError(problems) }
        return points
    }

    /// A value as an override writes it: integers plainly, others with
    /// enough digits to round-trip.
    public static func format(_ x: Double) -> String {
        if x == x.rounded(), abs(x) < 1e15 { return String(Int64(x)) }
        return "\(x)"
    }
}
