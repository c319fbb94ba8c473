import CGSL

/// A metric summarised across independent replications: mean, standard
/// deviation and a two-sided Student-t confidence interval.
///
/// Replications are the independent observations (one value each), which is
/// why the interval uses n − 1 degrees of freedom; the t quantile comes from
/// GSL's `gsl_cdf_tdist_Pinv`.
public struct Summary: Sendable, Equatable {
    public let n: Int
    public let mean: Double
    public let standardDeviation: Double
    /// Half-width of the interval at `confidence`; NaN when n < 2.
    public let halfWidth: Double
    public let confidence: Double

    public init(values: [Double], confidence: Double = 0.95) {
        var tally = Tally()
        for v in values where v.isFinite { tally.add(v) }
        self.init(tally: tally, confidence: confidence)
    }

    public init(tally: Tally, confidence: Double = 0.95) {
        n = tally.count
        mean = tally.count > 0 ? tally.mean : .nan
        standardDeviation = tally.standardDeviation
        self.confidence = confidence
        if tally.count > 1 {
            halfWidth = StudentT.quantile(0.5 + confidence / 2, degreesOfFreedom: Double(tally.count - 1))
                * tally.standardDeviation / Double(tally.count).squareRoot()
        } else {
            halfWidth = .nan
        }
    }

    public var lower: Double { mean - halfWidth }
    public var upper: Double { mean + halfWidth }

    /// Whether `value` lies inside the interval.
    public func contains(_ value: Double) -> Bool { value >= lower && value <= upper }

    /// (mean − value) / standard error: how far the estimate lies from a
    /// reference value, in standard errors (positive when the estimate is above).
    public func zScore(of value: Double) -> Double {
        (mean - value) / (standardDeviation / Double(n).squareRoot())
    }
}

/// Student's t distribution, through GSL.
public enum StudentT {
    /// The p-quantile with `degreesOfFreedom` degrees of freedom.
    public static func quantile(_ p: Double, degreesOfFreedom: Double) -> Double {
        gsl_cdf_tdist_Pinv(p, degreesOfFreedom)
    }
}
