import FlowEngine
import FlowExperiments

/// What the experiment report draws, in plain numbers: the report knows
/// nothing of how a design or an estimator made them, so any sensitivity
/// method can feed it.
public struct ExperimentReportData: Sendable {
    /// The sensitivity types live with the experiments that compute them;
    /// these names keep the report's vocabulary.
    public typealias Estimate = SensitivityEstimate
    public typealias TornadoBar = TornadoSwing
    public typealias MorrisPoint = MorrisScreening
    public typealias Sensitivity = OutputSensitivity

    /// A plan's curve: for each target, the metric's mean and interval at
    /// every candidate, with the threshold and the answer.
    public struct PlanCurve: Sendable {
        public var parameter: String
        public var result: CapacityPlan.Result
        public var confidence: Double

        public init(parameter: String, result: CapacityPlan.Result, confidence: Double) {
            self.parameter = parameter
            self.result = result
            self.confidence = confidence
        }
    }

    public var title: String
    /// What was run, in a sentence or two (design, points, replications, seed).
    public var description: String
    public var summary: ExperimentSummary
    /// Outputs shown in the sweep table (one column each, mean ± half-width).
    public var outputs: [MetricKey]
    public var sensitivities: [Sensitivity] = []
    public var plan: PlanCurve?

    public init(title: String, description: String, summary: ExperimentSummary, outputs: [MetricKey]) {
        self.title = title
        self.description = description
        self.summary = summary
        self.outputs = outputs
    }
}
