import CGSL
import Foundation

/// A `Distribution` flattened for the event loop: a kind byte and three
/// numbers, with every parameter that does not depend on the draw worked
/// out once (a lognormal's μ and σ, an Erlang's shape and scale) instead of
/// on every draw.
///
///     var tables = SamplerTables()
///     let s = Sampler(.lognormal(mean: 10, sd: 8), tables: &tables)
///     let days = s.sample(rng: stream.rng, tables: tables)   // the draw Distribution.sample gives
///
/// Plain and `BitwiseCopyable`, so reading one from an array copies no
/// reference (a `Distribution` carries arrays for its table kinds, and
/// reading one retained and released them on every service start). It is
/// also how `Distribution.sample` draws the parametric kinds, so there is one
/// formula per kind; the table kinds (discrete, empirical) keep their points
/// in the owner's `SamplerTables`, flat, and the sampler holds where (their
/// draws equal `Distribution.sample`'s to the bit: tests compare them).
struct Sampler: BitwiseCopyable {
    enum Kind: UInt8, BitwiseCopyable {
        case constant, exponential, gamma, lognormal, weibull, truncatedNormal, uniform, triangular, poisson, bernoulli
        /// `a`: first point in the tables, `b`: number of points.
        case discrete, empirical
    }

    let kind: Kind
    let a: Double
    let b: Double
    let c: Double

    /// For a kind without a table (a table kind's points would be lost).
    init(_ d: Distribution) {
        var none = SamplerTables()
        self.init(d, tables: &none)
        precondition(none.values.isEmpty, "Sampler(_:) of a table kind; pass the tables")
    }

    /// Table kinds add their points to `tables`.
    init(_ d: Distribution, tables: inout SamplerTables) {
        switch d {
        case .constant(let v): (kind, a, b, c) = (.constant, v, 0, 0)
        case .exponential(let m): (kind, a, b, c) = (.exponential, m, 0, 0)
        case .erlang(let k, let m): (kind, a, b, c) = (.gamma, Double(k), m / Double(k), 0)
        case .gamma(let shape, let scale): (kind, a, b, c) = (.gamma, shape, scale, 0)
        case .lognormal(let m, let s):
            let sigma2 = log1p((s * s) / (m * m))
            (kind, a, b, c) = (.lognormal, log(m) - sigma2 / 2, sigma2.squareRoot(), 0)
        case .weibull(let k, let l): (kind, a, b, c) = (.weibull, l, k, 0)
        case .truncatedNormal(let m, let s): (kind, a, b, c) = (.truncatedNormal, m, s, 0)
        case .uniform(let lo, let hi): (kind, a, b, c) = (.uniform, lo, hi, 0)
        case .triangular(let lo, let mode, let hi): (kind, a, b, c) = (.triangular, lo, mode, hi)
        case .poisson(let m): (kind, a, b, c) = (.poisson, m, 0, 0)
        case .bernoulli(let p): (kind, a, b, c) = (.bernoulli, p, 0, 0)
        case .discrete(let values, let cumulative):
            (kind, a, b, c) = (.discrete, Double(tables.add(values, cumulative)), Double(values.count), 0)
        case .continuousEmpirical(let x, let f):
            (kind, a, b, c) = (.empirical, Double(tables.add(x, f)), Double(x.count), 0)
        }
    }

    /// One draw; `tables` holds the points of the table kinds.
    @inline(__always)
    func sample(rng r: UnsafeMutablePointer<gsl_rng>, tables: SamplerTables) -> Double {
        switch kind {
        case .constant: return a
        case .exponential: return gsl_ran_exponential(r, a)
        case .gamma: return gsl_ran_gamma(r, a, b)
        case .lognormal: return gsl_ran_lognormal(r, a, b)
        case .weibull: return gsl_ran_weibull(r, a, b)
        case .truncatedNormal: return a + gsl_ran_gaussian_tail(r, -a, b)
        case .uniform: return gsl_ran_flat(r, a, b)
        case .triangular:
            // The expression as FlowSim has always written it: the rounding, and so every draw, stays the same.
            let (lo, mode, hi) = (a, b, c)
            let u = gsl_rng_uniform(r)
            let fc = (mode - lo) / (hi - lo)
            return u < fc ? lo + ((u * (hi - lo) * (mode - lo)).squareRoot())
                          : hi - (((1 - u) * (hi - lo) * (hi - mode)).squareRoot())
        case .poisson: return Double(gsl_ran_poisson(r, a))
        case .bernoulli: return Double(gsl_ran_bernoulli(r, a))
        case .discrete:
            return tables.values[Int(a) + Distribution.search(tables.levels, from: Int(a), count: Int(b), gsl_rng_uniform(r))]
        case .empirical:
            return Distribution.interpolate(x: tables.values, f: tables.levels, from: Int(a), count: Int(b), gsl_rng_uniform(r))
        }
    }
}

/// The points of every table-kind `Sampler` of a simulation, in two flat
/// arrays: a discrete choice's values and cumulative probabilities, an
/// empirical distribution's x and F(x). Plain numbers read in place, where a
/// `Distribution` read from an array retained and released its arrays.
struct SamplerTables {
    private(set) var values: [Double] = []
    /// Cumulative probability (discrete) or F(x) (empirical), beside `values`.
    private(set) var levels: [Double] = []

    /// Appends a table; returns where it starts.
    mutating func add(_ v: [Double], _ l: [Double]) -> Int {
        let start = values.count
        values += v
        levels += l
        return start
    }
}
