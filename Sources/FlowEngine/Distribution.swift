import CGSL
import Foundation

/// A probability distribution for durations (in days) or counts, sampled
/// through GSL.
///
/// Parameters are stored as the user gave them (lognormal by the mean and sd
/// of the variable itself, not of its logarithm) so reports can echo them;
/// `problems()` states every parameter constraint that is violated, and a
/// scenario is rejected before a distribution with problems is ever sampled.
public enum Distribution: Sendable, Equatable {
    case constant(Double)
    case exponential(mean: Double)
    /// Sum of `k` exponentials with total mean `mean`.
    case erlang(k: Int, mean: Double)
    case gamma(shape: Double, scale: Double)
    /// Lognormal with the given mean and standard deviation of the variable.
    case lognormal(mean: Double, sd: Double)
    case weibull(shape: Double, scale: Double)
    /// Normal(mean, sd) conditioned on being non-negative.
    case truncatedNormal(mean: Double, sd: Double)
    case uniform(min: Double, max: Double)
    case triangular(min: Double, mode: Double, max: Double)
    case poisson(mean: Double)
    case bernoulli(p: Double)
    /// Weighted choice among values (also the discrete empirical distribution
    /// of observed values, each with weight 1). `cumulative` ends at 1.
    case discrete(values: [Double], cumulative: [Double])
    /// Piecewise-linear CDF through (x, F(x)) points, F rising from 0 to 1.
    case continuousEmpirical(x: [Double], cdf: [Double])

    /// Builds a weighted choice, normalising the weights.
    public static func choice(values: [Double], weights: [Double]) -> Distribution {
        let total = weights.reduce(0, +)
        var running = 0.0
        var cumulative: [Double] = []
        for w in weights {
            running += w
            cumulative.append(total > 0 ? running / total : .nan)
        }
        if !cumulative.isEmpty, total > 0 { cumulative[cumulative.count - 1] = 1 }
        return .discrete(values: values, cumulative: cumulative)
    }

    /// Every violated parameter constraint, as "what: found X, expected Y".
    public func problems() -> [String] {
        var p: [String] = []
        func positive(_ name: String, _ v: Double) {
            if !(v > 0 && v.isFinite) { p.append("\(name): found \(v), expected a finite number > 0") }
        }
        func nonNegative(_ name: String, _ v: Double) {
            if !(v >= 0 && v.isFinite) { p.append("\(name): found \(v), expected a finite number >= 0") }
        }
        switch self {
        case .constant(let v): nonNegative("value", v)
        case .exponential(let m): positive("mean", m)
        case .erlang(let k, let m):
            if k < 1 { p.append("k: found \(k), expected an integer >= 1") }
            positive("mean", m)
        case .gamma(let a, let b): positive("shape", a); positive("scale", b)
        case .lognormal(let m, let s):
            positive("mean", m); positive("sd", s)
            if m > 0 && s > 0 && !log1p((s / m) * (s / m)).isFinite {
                p.append("sd: found \(s) with mean \(m), expected an sd less than 1e150 times the mean")
            }
        case .weibull(let a, let b): positive("shape", a); positive("scale", b)
        case .truncatedNormal(let m, let s):
            if !m.isFinite { p.append("mean: found \(m), expected a finite number") }
            positive("sd", s)
            if m.isFinite && s > 0 && m < -8 * s {
                p.append("mean: found \(m) with sd \(s), expected mean > -8 sd (almost all mass below 0)")
            }
        case .uniform(let a, let b):
            nonNegative("min", a); nonNegative("max", b)
            if !(a < b) { p.append("max: found \(b), expected a value greater than min \(a)") }
        case .triangular(let a, let c, let b):
            nonNegative("min", a); nonNegative("mode", c); nonNegative("max", b)
            if !(a <= c && c <= b && a < b) {
                p.append("mode: found min \(a), mode \(c), max \(b), expected min <= mode <= max and min < max")
            }
        case .poisson(let m): positive("mean", m)
        case .bernoulli(let q):
            if !(q >= 0 && q <= 1) { p.append("p: found \(q), expected a probability in [0, 1]") }
        case .discrete(let values, let cumulative):
            if values.isEmpty { p.append("values: found an empty list, expected at least one value") }
            if values.count != cumulative.count {
                p.append("weights: found \(cumulative.count) weights, expected one per value (\(values.count))")
            }
            for v in values where !(v >= 0 && v.isFinite) { p.append("values: found \(v), expected numbers >= 0") }
            if cumulative.contains(where: { !$0.isFinite }) {
                p.append("weights: found weights summing to 0 or not finite, expected weights >= 0 with a positive sum")
            }
            for (a, b) in zip(cumulative, cumulative.dropFirst()) where b < a {
                p.append("weights: found a negative weight, expected weights >= 0")
                break
            }
            if let first = cumulative.first, first < 0 { p.append("weights: found a negative weight, expected weights >= 0") }
            if let last = cumulative.last, last.isFinite, abs(last - 1) > 1e-9 {
                p.append("weights: found cumulative probabilities ending at \(last), expected them to end at 1")
            }
        case .continuousEmpirical(let x, let f):
            if x.count < 2 { p.append("points: found \(x.count) points, expected at least 2") }
            if x.count != f.count { p.append("points: found \(x.count) x values and \(f.count) F values, expected one F(x) per x") }
            for v in x where !(v >= 0 && v.isFinite) { p.append("points: found x = \(v), expected x >= 0") }
            for (a, b) in zip(x, x.dropFirst()) where b < a {
                p.append("points: found x decreasing (\(a) then \(b)), expected x in increasing order"); break
            }
            for (a, b) in zip(f, f.dropFirst()) where b < a {
                p.append("points: found F decreasing (\(a) then \(b)), expected F non-decreasing"); break
            }
            if let first = f.first, first != 0 { p.append("points: found F = \(first) at the first point, expected 0") }
            if let last = f.last, last != 1 { p.append("points: found F = \(last) at the last point, expected 1") }
        }
        return p
    }

    /// The distribution's mean (for reports and analytic checks).
    public var mean: Double {
        switch self {
        case .constant(let v): v
        case .exponential(let m): m
        case .erlang(_, let m): m
        case .gamma(let a, let b): a * b
        case .lognormal(let m, _): m
        case .weibull(let k, let l): l * tgamma(1 + 1 / k)   // inf on overflow; gsl_sf_gamma would call GSL's aborting handler
        case .truncatedNormal(let m, let s):
            // The upper tail Q, not 1 - P, which cancels to nothing far from the mean.
            m + s * gsl_ran_ugaussian_pdf(-m / s) / gsl_cdf_ugaussian_Q(-m / s)
        case .uniform(let a, let b): (a + b) / 2
        case .triangular(let a, let c, let b): (a + b + c) / 3
        case .poisson(let m): m
        case .bernoulli(let p): p
        case .discrete(let values, let cumulative):
            Self.discreteMean(values, cumulative)
        case .continuousEmpirical(let x, let f):
            Self.piecewiseLinearMean(x, f)
        }
    }

    private static func piecewiseLinearMean(_ x: [Double], _ f: [Double]) -> Double {
        var total = 0.0
        for i in 1..<x.count {
            let mass: Double = f[i] - f[i - 1]
            total += mass * (x[i] + x[i - 1]) / 2
        }
        return total
    }

    private static func discreteMean(_ values: [Double], _ cumulative: [Double]) -> Double {
        var total = 0.0, previous = 0.0
        for (v, c) in zip(values, cumulative) {
            total += v * (c - previous)
            previous = c
        }
        return total
    }

    /// Draws one value. O(1) except the table-based kinds (O(log n)).
    public func sample(_ stream: RandomStream) -> Double {
        sample(rng: stream.rng)
    }

    /// Draws one value from a generator the caller keeps alive (the event
    /// loop holds raw generators to spare reference counting per event).
    func sample(rng r: UnsafeMutablePointer<gsl_rng>) -> Double {
        switch self {
        case .discrete(let values, let cumulative):
            return values[Self.search(cumulative, from: 0, count: cumulative.count, gsl_rng_uniform(r))]
        case .continuousEmpirical(let x, let f):
            return Self.interpolate(x: x, f: f, from: 0, count: x.count, gsl_rng_uniform(r))
        default:
            // One formula per kind: the event loop's (Sampler), worked out afresh here.
            return Sampler(self).sample(rng: r, tables: SamplerTables())
        }
    }

    // The table kinds' draws, on `count` points from `start` of arrays that
    // may hold other tables too (`SamplerTables` keeps every table of a
    // simulation in one pair of arrays; a Distribution's own start at 0).

    /// First index (counted from `start`) of the `count` levels whose value
    /// exceeds `u`; the last if none does (binary search).
    @inline(__always)
    static func search(_ levels: [Double], from start: Int, count: Int, _ u: Double) -> Int {
        var lo = 0, hi = count - 1
        while lo < hi {
            let mid = (lo + hi) >> 1
            if levels[start + mid] > u { hi = mid } else { lo = mid + 1 }
        }
        return lo
    }

    /// The inverse of the piecewise-linear CDF through the `count` points
    /// (x, F(x)) from `start`, at `u`.
    @inline(__always)
    static func interpolate(x: [Double], f: [Double], from start: Int, count: Int, _ u: Double) -> Double {
        var i = search(f, from: start, count: count, u)
        if i == 0 { i = 1 }
        let (j, k) = (start + i, start + i - 1)
        let span = f[j] - f[k]
        return span > 0 ? x[k] + (u - f[k]) / span * (x[j] - x[k]) : x[j]
    }
}
