import CGSL

/// How a parameter's uncertainty is spread between its bounds, for the
/// sampling designs (Latin hypercube, Sobol, Saltelli) that read it.
public enum ParameterDistribution: Sendable, Equatable {
    /// Uniform on [lower, upper]; for integer parameters every whole number
    /// in the range is equally likely.
    case uniform
    /// Triangular on [lower, upper] with the given mode.
    case triangular(mode: Double)
    /// Normal(mean, sd). When `truncated`, restricted to [lower, upper];
    /// otherwise [lower, upper] is only the range the screening designs span.
    case normal(mean: Double, sd: Double, truncated: Bool)
}

/// One input of a sweep: a scenario key path, its range and how it is sampled.
///
/// Two ways to turn a design coordinate into a value, because the designs ask
/// two questions:
/// - screening designs (one-at-a-time, factorial, Morris) span the *range*:
///   `value(atFraction:)` is linear from `lower` (0) to `upper` (1);
/// - sampling designs (Latin hypercube, Sobol, Saltelli) draw from the
///   *distribution*: `quantile(_:)` is its inverse CDF.
/// Integer parameters are rounded (or, for a uniform one, stratified so each
/// whole number gets equal probability); explicit levels are picked from.
public struct Parameter: Sendable, Equatable {
    /// A scenario key path such as `stations.cmht.capacity`.
    public let name: String
    public let lower: Double
    public let upper: Double
    public let isInteger: Bool
    public let distribution: ParameterDistribution
    /// Explicit levels (ascending), when the parameter takes only these values.
    public let explicitLevels: [Double]?

    /// A continuous or integer range with a distribution over it.
    /// - Throws: `ParameterError` for reversed or non-finite bounds, a mode
    ///   outside them, a non-positive sd, or non-integral integer bounds.
    public init(
        name: String, lower: Double, upper: Double, isInteger: Bool = false,
        distribution: ParameterDistribution = .uniform
    ) throws(ParameterError) {
        for v in [lower, upper] where !v.isFinite { throw .nonFinite(name: name, found: v) }
        guard lower < upper else { throw .reversedBounds(name: name, lower: lower, upper: upper) }
        if isInteger {
            for v in [lower, upper] where v.rounded() != v { throw .nonIntegerValue(name: name, found: v) }
        }
        switch distribution {
        case .uniform: break
        case .triangular(let mode):
            guard mode.isFinite else { throw .nonFinite(name: name, found: mode) }
            guard lower <= mode, mode <= upper else {
                throw .modeOutsideBounds(name: name, lower: lower, mode: mode, upper: upper)
            }
        case .normal(let mean, let sd, let truncated):
            guard mean.isFinite else { throw .nonFinite(name: name, found: mean) }
            guard sd > 0, sd.isFinite else { throw .nonPositiveStandardDeviation(name: name, found: sd) }
            if truncated {
                let mass = gsl_cdf_gaussian_P(upper - mean, sd) - gsl_cdf_gaussian_P(lower - mean, sd)
                guard mass > 1e-12 else { throw .emptyTruncation(name: name, lower: lower, upper: upper) }
            }
        }
        self.name = name
        self.lower = lower
        self.upper = upper
        self.isInteger = isInteger
        self.distribution = distribution
        self.explicitLevels = nil
    }

    /// A parameter that takes only the given values (sorted here), each
    /// equally likely in the sampling designs.
    public init(name: String, levels: [Double], isInteger: Bool = false) throws(ParameterError) {
        guard levels.count >= 2 else { throw .tooFewLevels(name: name, found: levels.count) }
        for v in levels where !v.isFinite { throw .nonFinite(name: name, found: v) }
        if isInteger {
            for v in levels where v.rounded() != v { throw .nonIntegerValue(name: name, found: v) }
        }
        let sorted = levels.sorted()
        for (a, b) in zip(sorted, sorted.dropFirst()) where a == b { throw .duplicateLevel(name: name, level: a) }
        self.name = name
        self.lower = sorted[0]
        self.upper = sorted[sorted.count - 1]
        self.isInteger = isInteger
        self.distribution = .uniform
        self.explicitLevels = sorted
    }

    /// A normal parameter whose screening range is mean ± 3 sd (99.7% of the mass).
    public static func normal(name: String, mean: Double, sd: Double) throws(ParameterError) -> Parameter {
        guard sd > 0, sd.isFinite else { throw .nonPositiveStandardDeviation(name: name, found: sd) }
        return try Parameter(
            name: name, lower: mean - 3 * sd, upper: mean + 3 * sd,
            distribution: .normal(mean: mean, sd: sd, truncated: false))
    }

    /// `upper - lower`: the scale Morris effects are divided by.
    public var range: Double { upper - lower }

    /// The value at fraction `x` of the range (0 = lower, 1 = upper), for the
    /// screening designs; explicit levels snap to the nearest level index.
    public func value(atFraction x: Double) -> Double {
        let x = min(max(x, 0), 1)
        if let levels = explicitLevels {
            return levels[Int((x * Double(levels.count - 1)).rounded())]
        }
        let v = lower + x * (upper - lower)
        return isInteger ? min(max(v.rounded(), lower), upper) : v
    }

    /// The inverse CDF at probability `u` in [0, 1), for the sampling designs.
    /// An unbounded normal clamps `u` away from 0 and 1 so values stay finite.
    public func quantile(_ u: Double) -> Double {
        let u = min(max(u, 0), 1)
        if let levels = explicitLevels {
            return levels[min(Int(u * Double(levels.count)), levels.count - 1)]
        }
        switch distribution {
        case .uniform:
            if isInteger {
                let count = upper - lower + 1
                return min(lower + (u * count).rounded(.down), upper)
            }
            return lower + u * (upper - lower)
        case .triangular(let mode):
            return roundedIfInteger(Self.triangularQuantile(u, lower: lower, mode: mode, upper: upper))
        case .normal(let mean, let sd, let truncated):
            if truncated {
                let pLow = gsl_cdf_gaussian_P(lower - mean, sd)
                let pHigh = gsl_cdf_gaussian_P(upper - mean, sd)
                let v = mean + gsl_cdf_gaussian_Pinv(pLow + u * (pHigh - pLow), sd)
                return roundedIfInteger(min(max(v, lower), upper))
            }
            let tiny = 1e-300
            return roundedIfInteger(mean + gsl_cdf_gaussian_Pinv(min(max(u, tiny), 1 - 0x1p-53), sd))
        }
    }

    /// Levels for the screening designs: the explicit levels, or `count`
    /// evenly spaced values from lower to upper. An integer parameter with
    /// fewer whole numbers in range than `count` gets each of them once.
    public func levels(count: Int) -> [Double] {
        if let levels = explicitLevels { return levels }
        if count <= 1 { return [value(atFraction: 0.5)] }
        if isInteger, upper - lower + 1 <= Double(count) {
            return Array(stride(from: lower, through: upper, by: 1))
        }
        return (0..<count).map { value(atFraction: Double($0) / Double(count - 1)) }
    }

    /// The default baseline: midpoint of the range (rounded for integers; the
    /// middle level for explicit levels).
    public var midpoint: Double { value(atFraction: 0.5) }

    private func roundedIfInteger(_ v: Double) -> Double {
        isInteger ? min(max(v.rounded(), lower), upper) : v
    }

    static func triangularQuantile(_ u: Double, lower a: Double, mode c: Double, upper b: Double) -> Double {
        let split = (c - a) / (b - a)
        if u < split { return a + ((u * (b - a) * (c - a))).squareRoot() }
        return b - ((1 - u) * (b - a) * (b - c)).squareRoot()
    }
}
