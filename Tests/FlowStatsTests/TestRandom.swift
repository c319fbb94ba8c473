import Foundation

/// A small deterministic generator for test data (SplitMix64), so the stats
/// tests need no engine and always see the same numbers.
struct TestRandom {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9e37_79b9_7f4a_7c15
        var z = state
        z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
        z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
        return z ^ (z >> 31)
    }

    /// Uniform on (0, 1).
    mutating func uniform() -> Double { (Double(next() >> 11) + 0.5) / 9_007_199_254_740_992.0 }

    mutating func exponential(mean: Double) -> Double { -mean * Foundation.log(uniform()) }

    /// Standard normal by Box-Muller.
    mutating func normal() -> Double {
        (-2 * Foundation.log(uniform())).squareRoot() * Foundation.cos(2 * Double.pi * uniform())
    }
}

/// |a − b| / |b|, the relative error of a against the reference b (b ≠ 0).
func relativeError(_ a: Double, _ b: Double) -> Double { abs(a - b) / abs(b) }

/// Mean and sample variance by the two-pass algorithm (the reference).
func twoPass(_ xs: [Double]) -> (mean: Double, variance: Double) {
    let mean = xs.reduce(0, +) / Double(xs.count)
    var ss = 0.0
    var compensation = 0.0
    for x in xs {
        let d = x - mean
        ss += d * d
        compensation += d
    }
    // Corrected two-pass (Chan, Golub and LeVeque): removes the rounding of the mean.
    let variance = (ss - compensation * compensation / Double(xs.count)) / Double(xs.count - 1)
    return (mean, variance)
}
