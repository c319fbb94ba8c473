import FlowEngine
import FlowExperiments
import FlowReport
import FlowScenario
import FlowStats
import Foundation

/// Experiments built by hand for the experiment report's tests: the
/// clinic scenario as every point's scenario, summaries with chosen means
/// and standard deviations, a plan evaluated by `CapacityPlan` itself.
enum ExperimentFixture {
    static let clinic: Result<Scenario, any Error> = Result {
        try ScenarioLoader.load(path: ReportFixture.packageRoot.appendingPathComponent("Scenarios/examples/clinic.yaml").path)
    }

    static let hostile = "<script>alert(1)</script>"

    /// A summary over `n` replications whose half-width is the two-sided 95% Student-t one.
    static func metric(_ key: MetricKey, mean: Double, sd: Double, n: Int = 10) -> MetricSummary {
        let hw = StudentT.quantile(0.975, degreesOfFreedom: Double(n - 1)) * sd / Double(n).squareRoot()
        return MetricSummary(key: key, n: n, mean: mean, standardDeviation: sd, halfWidth: hw)
    }

    static func experiment(kind: Experiment.Kind, name: String = "clinic experiment", parameters: [String],
                           values: [[Double]], replications: Int = 10) throws -> Experiment {
        let scenario = try clinic.get()
        let points = values.enumerated().map { i, v in
            ExperimentPoint(label: kind == .plan ? "\(parameters[0])=\(label(v[0]))" : "point \(i)", scenario: scenario,
                            overrides: zip(parameters, v).map { "\($0)=\($1)" }, replications: replications, values: v)
        }
        return Experiment(kind: kind, name: name, seed: 2025, parameters: parameters, points: points,
                          design: kind == .plan ? ["targets": "see plan"] : ["design": "oat", "levels": "<3> & a&b"])
    }

    private static func label(_ x: Double) -> String { x == x.rounded() ? String(Int(x)) : String(x) }

    /// A plan over `candidates` of one target: `means[i]` and `sd` at candidate i (NaN mean: not finished).
    static func plan(parameter: String = "stations.doctor.capacity", candidates: [Double], means: [Double], sd: Double,
                     target: String = "wait_mean_days@doctor <= 1 day", extra: [MetricSummary] = []) throws
        -> ExperimentReportData {
        try plan(parameter: parameter, candidates: candidates, targets: [(target, means)], sd: sd, extra: extra)
    }

    /// A plan of several targets, each with its means at every candidate
    /// (a NaN mean of the first target: the candidate is not finished).
    static func plan(parameter: String = "stations.doctor.capacity", candidates: [Double],
                     targets: [(text: String, means: [Double])], sd: Double, extra: [MetricSummary] = []) throws
        -> ExperimentReportData {
        let ts = try targets.map { try PlanTarget.parse($0.text).get() }
        let e = try experiment(kind: .plan, parameters: [parameter], values: candidates.map { [$0] })
        let points = candidates.indices.map { i -> [MetricSummary] in
            targets[0].means[i].isNaN ? [] : zip(ts, targets).map { metric($0.key, mean: $1.means[i], sd: sd) } + extra
        }
        let summary = ExperimentSummary(experiment: e, confidence: 0.95, points: points)
        let plan = CapacityPlan(parameter: parameter, candidates: candidates, targets: ts, confidence: 0.95)
        var data = ExperimentReportData(title: "Doctors needed", description: "How many doctors keep the mean wait under a day.",
                                        summary: summary, outputs: ts.map(\.key))
        data.plan = .init(parameter: parameter, result: plan.evaluate(summary), confidence: 0.95)
        return data
    }

    static let waitKey = MetricKey(metric: "wait_mean_days", station: "doctor")
    static let utilKey = MetricKey(metric: "utilisation", station: "nurse")

    /// A sweep over `parameters` with `count` points whose outputs are a
    /// wait and a utilisation, and a full set of sensitivity estimates.
    static func sweep(parameters: [String], count: Int, sensitivities: Bool = true) throws -> ExperimentReportData {
        let values = (0..<count).map { i in parameters.indices.map { j in Double(i + j) } }
        let e = try experiment(kind: .sweep, parameters: parameters, values: values, replications: 5)
        let points = (0..<count).map { i -> [MetricSummary] in
            i == 1 ? [] : [metric(waitKey, mean: 0.5 + 0.1 * Double(i), sd: 0.05, n: 5),
                           metric(utilKey, mean: 0.6 + 0.001 * Double(i), sd: 0.02, n: 5)]
        }
        let summary = ExperimentSummary(experiment: e, confidence: 0.95, points: points)
        var data = ExperimentReportData(title: "Clinic sweep", description: "One at a time and global designs.",
                                        summary: summary, outputs: [waitKey, utilKey])
        guard sensitivities else { return data }
        var s = ExperimentReportData.Sensitivity(output: "wait_mean_days@doctor")
        s.baseline = 0.8
        s.tornado = parameters.enumerated().map { j, p in
            .init(name: p, lowLevel: 1, highLevel: 3, outputAtLow: 0.8 - 0.02 * Double(j + 1), outputAtHigh: 0.8 + 0.05 * Double(j + 1))
        }
        s.firstOrder = parameters.enumerated().map { j, p in
            .init(name: p, value: 0.4 / Double(j + 1) - 0.01, lower: 0.3 / Double(j + 1) - 0.05, upper: 0.5 / Double(j + 1))
        }
        s.totalOrder = parameters.enumerated().map { j, p in
            .init(name: p, value: 0.5 / Double(j + 1), lower: 0.4 / Double(j + 1), upper: 0.6 / Double(j + 1))
        }
        s.morris = parameters.enumerated().map { j, p in .init(name: p, muStar: 0.3 / Double(j + 1), sigma: 0.1 * Double(j % 3)) }
        s.prcc = parameters.enumerated().map { j, p in
            .init(name: p, value: j % 2 == 0 ? 0.9 / Double(j + 1) : -0.7 / Double(j + 1), lower: -0.95, upper: 0.99)
        }
        var only = ExperimentReportData.Sensitivity(output: "utilisation@nurse")
        only.prcc = [.init(name: parameters[0], value: 0.5)]
        data.sensitivities = [s, only]
        return data
    }
}
