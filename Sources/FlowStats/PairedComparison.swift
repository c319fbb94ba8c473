/// A variant against a baseline on one metric, replication by replication.
///
/// Under common random numbers replication k of both runs draws the same
/// arrivals and service times, so the two values share most of their noise;
/// the differences Dₖ = variantₖ − baselineₖ cancel it, and the t interval on
/// the Dₖ (n − 1 degrees of freedom) is usually far narrower than one that
/// treats the runs as independent (see `WelchComparison`). The pairing is
/// what makes it valid: the Dₖ are independent across k even though each
/// pair is correlated.
///
/// Only replications where both values are finite are paired, and both
/// means are taken over those same pairs, so the mean difference is the
/// difference of the means reported beside it.
public struct PairedComparison: Sendable, Equatable {
    /// Complete pairs.
    public let n: Int
    public let baselineMean: Double
    public let variantMean: Double
    /// Mean of variant − baseline.
    public let meanDifference: Double
    /// Standard deviation of the differences.
    public let standardDeviation: Double
    /// Half-width of the t interval on the mean difference; NaN when n < 2.
    public let halfWidth: Double
    public let confidence: Double

    /// - Parameters: baseline and variant are indexed by replication; the
    ///   shorter one bounds the pairs.
    public init(baseline: [Double], variant: [Double], confidence: Double = 0.95) {
        var b = Tally(), v = Tally(), d = Tally()
        for (x, y) in zip(baseline, variant) where x.isFinite && y.isFinite {
            b.add(x)
            v.add(y)
            d.add(y - x)
        }
        let summary = Summary(tally: d, confidence: confidence)
        n = d.count
        baselineMean = n > 0 ? b.mean : .nan
        variantMean = n > 0 ? v.mean : .nan
        meanDifference = summary.mean
        standardDeviation = summary.standardDeviation
        halfWidth = summary.halfWidth
        self.confidence = confidence
    }

    public var lower: Double { meanDifference - halfWidth }
    public var upper: Double { meanDifference + halfWidth }

    /// The interval excludes 0. False when there is no interval (n < 2).
    public var isSignificant: Bool { halfWidth.isFinite && (lower > 0 || upper < 0) }

    /// Mean difference as a share of |baseline mean| (+0.2 is 20% higher).
    /// 0 when both are 0; NaN when only the baseline is, as no share exists.
    public var relativeChange: Double {
        if baselineMean == 0 { return meanDifference == 0 ? 0 : .nan }
        return meanDifference / abs(baselineMean)
    }

    /// Mean difference in standard deviations of the differences (Cohen's
    /// d_z): unit-free, so waits in days, counts and shares can be ranked on
    /// one scale. ±infinity for a constant non-zero shift; 0 for no
    /// difference at all (metrics untouched by the variant under common
    /// random numbers); NaN below two pairs.
    public var standardisedSize: Double {
        guard n >= 2 else { return .nan }
        if meanDifference == 0 { return 0 }
        if standardDeviation == 0 { return meanDifference > 0 ? .infinity : -.infinity }
        return meanDifference / standardDeviation
    }

    /// Whether `a` ranks before `b` by absolute standardised size, largest
    /// first, sizes that cannot be computed last. Neither ranks before the
    /// other on a tie, so callers add their own tie-break for a fixed order.
    public static func largerFirst(_ a: PairedComparison, _ b: PairedComparison) -> Bool {
        a.sizeRank > b.sizeRank
    }

    var sizeRank: Double {
        let s = standardisedSize
        return s.isNaN ? -1 : abs(s)
    }
}

/// The same difference with the two runs treated as independent (Welch's
/// unequal-variance t interval): what the comparison would cost without
/// common random numbers, to show what pairing gained.
public struct WelchComparison: Sendable, Equatable {
    public let meanDifference: Double
    /// Half-width of the interval; NaN when either run has fewer than two values.
    public let halfWidth: Double
    /// Welch–Satterthwaite degrees of freedom.
    public let degreesOfFreedom: Double
    public let confidence: Double

    public init(baseline: [Double], variant: [Double], confidence: Double = 0.95) {
        var b = Tally(), v = Tally()
        for x in baseline where x.isFinite { b.add(x) }
        for y in variant where y.isFinite { v.add(y) }
        self.confidence = confidence
        meanDifference = b.count > 0 && v.count > 0 ? v.mean - b.mean : .nan
        guard b.count >= 2, v.count >= 2 else {
            halfWidth = .nan
            degreesOfFreedom = .nan
            return
        }
        let qb = b.variance / Double(b.count), qv = v.variance / Double(v.count)
        let se2 = qb + qv
        guard se2 > 0 else {
            halfWidth = 0
            degreesOfFreedom = Double(b.count + v.count - 2)
            return
        }
        let df = se2 * se2 / (qb * qb / Double(b.count - 1) + qv * qv / Double(v.count - 1))
        degreesOfFreedom = df
        halfWidth = StudentT.quantile(0.5 + confidence / 2, degreesOfFreedom: df) * se2.squareRoot()
    }

    public var isSignificant: Bool {
        halfWidth.isFinite && (meanDifference - halfWidth > 0 || meanDifference + halfWidth < 0)
    }
}
