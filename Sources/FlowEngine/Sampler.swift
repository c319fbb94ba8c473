import CGSL
import Foundation

/// A `Distribution` flattened for the event loop: a kind byte and three
/// numbers, with every parameter that does not depend on the draw worked
/// out once (a lognormal's μ and σ, an Erlang's shape and scale) instead of
/// on every draw.
///
///     let s = Sampler(.lognormal(mean: 10, sd: 8))
///     let days = s.sample(rng: stream.rng)   // the draw Distribution.sample gives
///
/// Plain and `BitwiseCopyable`, so reading one from an array copies no
/// reference (a `Distribution` carries arrays for its table kinds, and
/// reading one retained and released them on every service start). Draws
/// equal `Distribution.sample`'s to the bit: the same GSL calls on the same
/// arguments, computed by the same expressions (tests compare them). The
/// table kinds (discrete, empirical) are left to the `Distribution`, by
/// index into the owner's list.
struct Sampler: BitwiseCopyable {
    enum Kind: UInt8, BitwiseCopyable {
        case constant, exponential, gamma, lognormal, weibull, truncatedNormal, uniform, triangular, poisson, bernoulli
        /// `a` is the index of the `Distribution` in the owner's table list.
        case table
    }

    let kind: Kind
    let a: Double
    let b: Double
    let c: Double

    /// `tableIndex`: where the owner keeps `d` if it is a table kind.
    init(_ d: Distribution, tableIndex: Int = 0) {
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
        case .discrete, .continuousEmpirical: (kind, a, b, c) = (.table, Double(tableIndex), 0, 0)
        }
    }

    /// Whether the owner must keep the `Distribution` for `sample(rng:tables:)`.
    static func needsTable(_ d: Distribution) -> Bool {
        switch d {
        case .discrete, .continuousEmpirical: true
        default: false
        }
    }

    /// One draw; `tables` is the owner's list of table-kind distributions.
    @inline(__always)
    func sample(rng r: UnsafeMutablePointer<gsl_rng>, tables: [Distribution]) -> Double {
        switch kind {
        case .constant: return a
        case .exponential: return gsl_ran_exponential(r, a)
        case .gamma: return gsl_ran_gamma(r, a, b)
        case .lognormal: return gsl_ran_lognormal(r, a, b)
        case .weibull: return gsl_ran_weibull(r, a, b)
        case .truncatedNormal: return a + gsl_ran_gaussian_tail(r, -a, b)
        case .uniform: return gsl_ran_flat(r, a, b)
        case .triangular:
            // Written as Distribution.sample writes it, so rounding is the same.
            let (lo, mode, hi) = (a, b, c)
            let u = gsl_rng_uniform(r)
            let fc = (mode - lo) / (hi - lo)
            return u < fc ? lo + ((u * (hi - lo) * (mode - lo)).squareRoot())
                          : hi - (((1 - u) * (hi - lo) * (hi - mode)).squareRoot())
        case .poisson: return Double(gsl_ran_poisson(r, a))
        case .bernoulli: return Double(gsl_ran_bernoulli(r, a))
        case .table: return tables[Int(a)].sample(rng: r)
        }
    }
}
