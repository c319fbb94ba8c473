/// Sensitivity of one output metric to a sweep's parameters, as plain
/// numbers: what `sensitivity.csv` and the report show, whichever design
/// and estimator made them.
public struct OutputSensitivity: Sendable {
    /// e.g. `wait_mean_days@cmht`.
    public var output: String
    /// The output at the baseline point (one-at-a-time designs), else NaN.
    public var baseline: Double = .nan
    public var tornado: [TornadoSwing] = []
    public var firstOrder: [SensitivityEstimate] = []
    public var totalOrder: [SensitivityEstimate] = []
    public var morris: [MorrisScreening] = []
    public var prcc: [SensitivityEstimate] = []

    public init(output: String) { self.output = output }
}

/// An estimate with its interval (NaN bounds: none).
public struct SensitivityEstimate: Sendable, Equatable {
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
public struct TornadoSwing: Sendable, Equatable {
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

/// Morris screening of one parameter: μ* (mean absolute elementary
/// effect, importance) and σ (their spread: interaction or non-linearity).
public struct MorrisScreening: Sendable, Equatable {
    public var name: String
    public var muStar: Double
    public var sigma: Double

    public init(name: String, muStar: Double, sigma: Double) {
        self.name = name
        self.muStar = muStar
        self.sigma = sigma
    }
}
