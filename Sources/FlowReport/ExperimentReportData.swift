import FlowEngine
import FlowExperiments

/// What the experiment report draws, in plain numbers: the report knows
/// nothing of how a design or an estimator made them, so any sensitivity
/// method can feed it.
public struct ExperimentReportData: Sendable {
    /// An estimate with its interval (NaN bounds: none).
    public struct Estimate: Sendable, Equatable {
        public var name: String
        public var value: Double
        public var lower: Double
        public var upper: Double

        public init(name: String, value: Double, lower: Double = .nan, upper: Double = .nan) {
            self.name = name
            self.value = value
            self.lower = lower
            self.upper = upper
        }
    }

    /// One bar of a tornado chart: the output with the parameter at its
    /// lowest and highest level, the others at baseline.
    public struct TornadoBar: Sendable, Equatable {
        public var name: String
        public var lowLevel: Double
        public var highLevel: Double
        public var outputAtLow: Double
        public var outputAtHigh: Double

        public init(name: String, lowLevel: Double, highLevel: Double, outputAtLow: Double, outputAtHigh: Double) {
            self.name = name
            self.lowLevel = lowLevel
            self.highLevel = highLevel
            self.outputAtLow = outputAtLow
            self.outputAtHigh = outputAtHigh
        }
    }

    /// Morris screening of one parameter.
    public struct MorrisPoint: Sendable, Equatable {
        public var name: String
        public var muStar: Double
        public var sigma: Double

        public init(name: String, muStar: Double, sigma: Double) {
            self.name = name
            self.muStar = muStar
            self.sigma = sigma
        }
    }

    /// The sensitivity of one output metric.
    public struct Sensitivity: Sendable {
        /// e.g. `wait_mean_days@cmht`.
        public var output: String
        public var baseline: Double = .nan
        public var tornado: [TornadoBar] = []
        public var firstOrder: [Estimate] = []
        public var totalOrder: [Estimate] = []
        public var morris: [MorrisPoint] = []
        public var prcc: [Estimate] = []

        public init(output: String) { self.output = output }
    }

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
