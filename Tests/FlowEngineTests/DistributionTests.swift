import FlowEngine
import Foundation
import XCTest

/// Sample moments of n draws.
private struct Moments {
    var n: Int
    var mean: Double
    var variance: Double
    /// Fourth central moment, for the standard error of the variance.
    var m4: Double
    var min: Double
    var max: Double

    init(_ xs: [Double]) {
        n = xs.count
        mean = xs.reduce(0, +) / Double(n)
        var m2 = 0.0, m4 = 0.0
        for x in xs {
            let d = x - mean
            m2 += d * d
            m4 += d * d * d * d
        }
        variance = m2 / Double(n - 1)
        self.m4 = m4 / Double(n)
        min = xs.min()!
        max = xs.max()!
    }
}

private func normalPDF(_ x: Double) -> Double { exp(-x * x / 2) / (2 * Double.pi).squareRoot() }

/// Upper tail 1 − Φ(x), computed directly so that it keeps its relative
/// accuracy far in the tail.
private func normalUpperTail(_ x: Double) -> Double { 0.5 * erfc(x / 2.0.squareRoot()) }

/// Mean and variance of Normal(m, s²) conditioned on being >= 0.
private func truncatedNormalMoments(_ m: Double, _ s: Double) -> (mean: Double, variance: Double) {
    let alpha = -m / s
    let lambda = normalPDF(alpha) / normalUpperTail(alpha)
    return (m + s * lambda, s * s * (1 + alpha * lambda - lambda * lambda))
}

final class DistributionSamplingTests: XCTestCase {
    private let n = 200_000

    private func draw(_ d: Distribution, seed: UInt64) throws -> [Double] {
        let stream = try RandomStream(seed: seed)
        return (0..<n).map { _ in d.sample(stream) }
    }

    /// Draws 200,000 values and checks the sample mean (and optionally the
    /// sample variance) against the analytic values within 4 standard errors,
    /// and the `mean` property against the analytic mean.
    @discardableResult
    private func check(_ d: Distribution, mean: Double, variance: Double, checkVariance: Bool = false, seed: UInt64,
                       file: StaticString = #filePath, line: UInt = #line) throws -> [Double] {
        XCTAssertEqual(d.problems(), [], "a valid distribution has no problems", file: file, line: line)
        XCTAssertEqual(d.mean, mean, accuracy: 1e-9 * max(1, abs(mean)), "mean property of \(d)", file: file, line: line)
        let xs = try draw(d, seed: seed)
        let m = Moments(xs)
        let zMean = (m.mean - mean) / (variance / Double(n)).squareRoot()
        var report = "\(d): mean \(m.mean) (expected \(mean), z = \(zMean))"
        XCTAssertLessThan(abs(zMean), 4, "sample mean of \(d): \(m.mean), expected \(mean)", file: file, line: line)
        if checkVariance {
            let zVariance = (m.variance - variance) / ((m.m4 - m.variance * m.variance) / Double(n)).squareRoot()
            report += ", variance \(m.variance) (expected \(variance), z = \(zVariance))"
            XCTAssertLessThan(abs(zVariance), 4, "sample variance of \(d): \(m.variance), expected \(variance)",
                              file: file, line: line)
        }
        print(report)
        return xs
    }

    func testConstant() throws {
        let xs = try check(.constant(3.5), mean: 3.5, variance: 1e-300, seed: 1)
        XCTAssertTrue(xs.allSatisfy { $0 == 3.5 })
        XCTAssertEqual(Distribution.constant(0).problems(), [])
    }

    func testExponential() throws {
        let xs = try check(.exponential(mean: 2), mean: 2, variance: 4, checkVariance: true, seed: 2)
        XCTAssertTrue(xs.allSatisfy { $0 >= 0 })
    }

    func testErlang() throws {
        // Variance mean²/k.
        try check(.erlang(k: 3, mean: 6), mean: 6, variance: 36.0 / 3, checkVariance: true, seed: 3)
        try check(.erlang(k: 1, mean: 0.5), mean: 0.5, variance: 0.25, checkVariance: true, seed: 4)
    }

    func testGamma() throws {
        // Mean shape·scale, variance shape·scale².
        try check(.gamma(shape: 2.5, scale: 1.5), mean: 3.75, variance: 2.5 * 2.25, checkVariance: true, seed: 5)
        try check(.gamma(shape: 0.5, scale: 2), mean: 1, variance: 2, checkVariance: true, seed: 6)
    }

    func testLognormalByMeanAndSD() throws {
        // Parameters are those of the variable itself, not of its logarithm.
        let xs = try check(.lognormal(mean: 2, sd: 1), mean: 2, variance: 1, checkVariance: true, seed: 7)
        XCTAssertEqual(Moments(xs).variance.squareRoot(), 1, accuracy: 0.02, "sample sd")
        XCTAssertTrue(xs.allSatisfy { $0 > 0 })
        try check(.lognormal(mean: 0.1, sd: 0.05), mean: 0.1, variance: 0.0025, checkVariance: true, seed: 8)
    }

    func testWeibull() throws {
        // Mean λΓ(1 + 1/k), variance λ²(Γ(1 + 2/k) − Γ(1 + 1/k)²), with tgamma from libm.
        let k = 1.5, lambda = 2.0
        let mean = lambda * tgamma(1 + 1 / k)
        let variance = lambda * lambda * (tgamma(1 + 2 / k) - pow(tgamma(1 + 1 / k), 2))
        XCTAssertEqual(mean, 1.805490585901867, accuracy: 1e-9)
        try check(.weibull(shape: k, scale: lambda), mean: mean, variance: variance, checkVariance: true, seed: 9)
        // Shape 1 is the exponential with mean = scale.
        try check(.weibull(shape: 1, scale: 3), mean: 3, variance: 9, checkVariance: true, seed: 10)
    }

    func testTruncatedNormalPositiveMean() throws {
        let (mean, variance) = truncatedNormalMoments(1, 2)
        let xs = try check(.truncatedNormal(mean: 1, sd: 2), mean: mean, variance: variance, checkVariance: true, seed: 11)
        XCTAssertTrue(xs.allSatisfy { $0 >= 0 }, "truncated at 0")
    }

    func testTruncatedNormalNegativeMean() throws {
        // Normal(−1, 1) given ≥ 0: mean 0.525135, variance 0.199097.
        let (mean, variance) = truncatedNormalMoments(-1, 1)
        XCTAssertEqual(mean, 0.525135, accuracy: 1e-6)
        XCTAssertEqual(variance, 0.199097, accuracy: 1e-6)
        let xs = try check(.truncatedNormal(mean: -1, sd: 1), mean: mean, variance: variance, checkVariance: true, seed: 12)
        XCTAssertTrue(xs.allSatisfy { $0 >= 0 }, "truncated at 0")
    }

    /// Means down to −8 sd are accepted by `problems()`; there 1 − Φ(−m/s)
    /// is below 1e-12 and must not be computed as a difference from 1.
    func testTruncatedNormalMeanFarInTheTail() throws {
        XCTAssertEqual(truncatedNormalMoments(-7, 1).mean, 0.1375456132, accuracy: 1e-9)
        XCTAssertEqual(truncatedNormalMoments(-8, 1).mean, 0.1213681122, accuracy: 1e-9)
        for (m, s) in [(-7.0, 1.0), (-8.0, 1.0), (-3.5, 0.5), (-15.0, 2.0)] {
            let d = Distribution.truncatedNormal(mean: m, sd: s)
            XCTAssertEqual(d.problems(), [])
            let expected = truncatedNormalMoments(m, s).mean
            XCTAssertEqual(d.mean, expected, accuracy: 1e-6 * expected, "mean property of \(d)")
            XCTAssertGreaterThan(d.mean, 0, "the mean of a distribution on [0, ∞) is positive")
        }
        // The sampler itself is right there: compare the draws with the analytic mean.
        let (mean, variance) = truncatedNormalMoments(-7.5, 1)
        let m = Moments(try draw(.truncatedNormal(mean: -7.5, sd: 1), seed: 27))
        let z = (m.mean - mean) / (variance / Double(n)).squareRoot()
        print("truncatedNormal(-7.5, 1): sample mean \(m.mean), analytic \(mean), z = \(z), mean property \(Distribution.truncatedNormal(mean: -7.5, sd: 1).mean)")
        XCTAssertLessThan(abs(z), 4)
        XCTAssertGreaterThanOrEqual(m.min, 0)
    }

    func testTruncatedNormalFarFromZeroIsNormal() throws {
        try check(.truncatedNormal(mean: 10, sd: 1), mean: 10, variance: 1, checkVariance: true, seed: 13)
    }

    func testUniform() throws {
        let xs = try check(.uniform(min: 1, max: 3), mean: 2, variance: 4.0 / 12, checkVariance: true, seed: 14)
        XCTAssertTrue(xs.allSatisfy { $0 >= 1 && $0 < 3 })
    }

    func testTriangular() throws {
        // Variance (a² + b² + c² − ab − ac − bc) / 18.
        let (a, c, b) = (1.0, 2.0, 5.0)
        let variance = (a * a + b * b + c * c - a * b - a * c - b * c) / 18
        let xs = try check(.triangular(min: a, mode: c, max: b), mean: 8.0 / 3, variance: variance, checkVariance: true, seed: 15)
        XCTAssertTrue(xs.allSatisfy { $0 >= a && $0 <= b })
        // Share below the mode is (c − a) / (b − a).
        let below = Double(xs.filter { $0 < c }.count) / Double(n)
        XCTAssertEqual(below, 0.25, accuracy: 4 * (0.25 * 0.75 / Double(n)).squareRoot())
        // Degenerate shapes: mode at either end.
        try check(.triangular(min: 0, mode: 0, max: 3), mean: 1, variance: 9.0 / 18, checkVariance: true, seed: 16)
        try check(.triangular(min: 0, mode: 3, max: 3), mean: 2, variance: 9.0 / 18, checkVariance: true, seed: 17)
    }

    func testPoisson() throws {
        let xs = try check(.poisson(mean: 3.2), mean: 3.2, variance: 3.2, checkVariance: true, seed: 18)
        XCTAssertTrue(xs.allSatisfy { $0 >= 0 && $0 == $0.rounded() })
        let zeros = Double(xs.filter { $0 == 0 }.count) / Double(n)
        XCTAssertEqual(zeros, exp(-3.2), accuracy: 4 * (exp(-3.2) / Double(n)).squareRoot())
    }

    func testBernoulli() throws {
        let xs = try check(.bernoulli(p: 0.3), mean: 0.3, variance: 0.21, checkVariance: true, seed: 19)
        XCTAssertTrue(xs.allSatisfy { $0 == 0 || $0 == 1 })
        XCTAssertEqual(Set(try draw(.bernoulli(p: 0), seed: 20)), [0])
        XCTAssertEqual(Set(try draw(.bernoulli(p: 1), seed: 21)), [1])
    }

    func testDiscreteChoice() throws {
        // Weights 1:2:0:1 → P = 1/4, 1/2, 0, 1/4.
        let d = Distribution.choice(values: [1, 2, 7, 10], weights: [1, 2, 0, 1])
        XCTAssertEqual(d, .discrete(values: [1, 2, 7, 10], cumulative: [0.25, 0.75, 0.75, 1]))
        let mean = 0.25 * 1 + 0.5 * 2 + 0.25 * 10
        let variance = 0.25 * 1 + 0.5 * 4 + 0.25 * 100 - mean * mean
        let xs = try check(d, mean: mean, variance: variance, checkVariance: true, seed: 22)
        XCTAssertFalse(xs.contains(7), "a value with weight 0 is never drawn")
        XCTAssertEqual(Set(xs), [1, 2, 10])
        let twos = Double(xs.filter { $0 == 2 }.count) / Double(n)
        XCTAssertEqual(twos, 0.5, accuracy: 4 * (0.25 / Double(n)).squareRoot())
    }

    func testDiscreteEmpiricalEqualWeights() throws {
        // Observed values each with weight 1 (a repeated value counts twice).
        let d = Distribution.choice(values: [0.5, 1.5, 1.5, 4], weights: [1, 1, 1, 1])
        let mean = (0.5 + 1.5 + 1.5 + 4) / 4
        let variance = (0.25 + 2.25 + 2.25 + 16) / 4 - mean * mean
        try check(d, mean: mean, variance: variance, checkVariance: true, seed: 23)
        let single = Distribution.choice(values: [2.5], weights: [3])
        XCTAssertEqual(Set(try draw(single, seed: 24)), [2.5])
    }

    func testContinuousEmpirical() throws {
        // F(0) = 0, F(1) = 0.5, F(3) = 1: half U(0,1), half U(1,3).
        let d = Distribution.continuousEmpirical(x: [0, 1, 3], cdf: [0, 0.5, 1])
        let mean = 0.5 * 0.5 + 0.5 * 2
        let secondMoment = 0.5 * (1.0 / 3) + 0.5 * (27.0 - 1) / 6
        let xs = try check(d, mean: mean, variance: secondMoment - mean * mean, checkVariance: true, seed: 25)
        XCTAssertTrue(xs.allSatisfy { $0 >= 0 && $0 <= 3 })
        let belowOne = Double(xs.filter { $0 < 1 }.count) / Double(n)
        XCTAssertEqual(belowOne, 0.5, accuracy: 4 * (0.25 / Double(n)).squareRoot())
    }

    func testContinuousEmpiricalWithFlatStretch() throws {
        // No mass between 1 and 2: 40% U(0,1), 60% U(2,4).
        let d = Distribution.continuousEmpirical(x: [0, 1, 2, 4], cdf: [0, 0.4, 0.4, 1])
        let mean = 0.4 * 0.5 + 0.6 * 3
        let secondMoment = 0.4 / 3 + 0.6 * (64.0 - 8) / 6
        let xs = try check(d, mean: mean, variance: secondMoment - mean * mean, checkVariance: true, seed: 26)
        XCTAssertFalse(xs.contains { $0 > 1 && $0 < 2 }, "no draws where F is flat")
    }

    func testSameStreamSeedSameDraws() throws {
        let d = Distribution.gamma(shape: 2, scale: 3)
        let a = try RandomStream(seed: 5), b = try RandomStream(seed: 5)
        XCTAssertEqual((0..<100).map { _ in d.sample(a) }, (0..<100).map { _ in d.sample(b) })
    }
}

final class DistributionProblemsTests: XCTestCase {
    /// Each invalid distribution with the parameter its problem must name.
    private let invalid: [(Distribution, String)] = [
        (.constant(-1), "value"),
        (.constant(.nan), "value"),
        (.exponential(mean: -1), "mean"),
        (.exponential(mean: 0), "mean"),
        (.exponential(mean: .infinity), "mean"),
        (.erlang(k: 0, mean: 1), "k"),
        (.erlang(k: 2, mean: -1), "mean"),
        (.gamma(shape: 0, scale: 1), "shape"),
        (.gamma(shape: 1, scale: -2), "scale"),
        (.lognormal(mean: -1, sd: 1), "mean"),
        (.lognormal(mean: 1, sd: 0), "sd"),
        (.weibull(shape: -1, scale: 1), "shape"),
        (.weibull(shape: 1, scale: .infinity), "scale"),
        (.truncatedNormal(mean: .nan, sd: 1), "mean"),
        (.truncatedNormal(mean: 1, sd: 0), "sd"),
        (.truncatedNormal(mean: -10, sd: 1), "mean"),
        (.uniform(min: 3, max: 3), "max"),
        (.uniform(min: 5, max: 1), "max"),
        (.uniform(min: -1, max: 1), "min"),
        (.triangular(min: 1, mode: 5, max: 3), "mode"),
        (.triangular(min: 1, mode: 0.5, max: 3), "mode"),
        (.triangular(min: 2, mode: 2, max: 2), "mode"),
        (.triangular(min: -1, mode: 0, max: 1), "min"),
        (.poisson(mean: -2), "mean"),
        (.bernoulli(p: 1.5), "p"),
        (.bernoulli(p: -0.1), "p"),
        (.bernoulli(p: .nan), "p"),
        (.choice(values: [], weights: []), "values"),
        (.choice(values: [1, 2], weights: [1]), "weights"),
        (.choice(values: [1, 2], weights: [0, 0]), "weights"),
        (.choice(values: [1, 2], weights: [1, -0.5]), "weights"),
        (.choice(values: [1, 2], weights: [-1, 3]), "weights"),
        (.choice(values: [-1, 2], weights: [1, 1]), "values"),
        (.continuousEmpirical(x: [0, 1, 2], cdf: [0, 0.5, 0.9]), "points"),
        (.continuousEmpirical(x: [0, 1], cdf: [0.1, 1]), "points"),
        (.continuousEmpirical(x: [0, 2, 1], cdf: [0, 0.5, 1]), "points"),
        (.continuousEmpirical(x: [0, 1, 2, 3], cdf: [0, 0.7, 0.5, 1]), "points"),
        (.continuousEmpirical(x: [1], cdf: [1]), "points"),
        (.continuousEmpirical(x: [-1, 1], cdf: [0, 1]), "points"),
    ]

    func testEveryInvalidParameterIsReported() {
        for (d, parameter) in invalid {
            let problems = d.problems()
            XCTAssertFalse(problems.isEmpty, "no problem reported for \(d)")
            XCTAssertTrue(problems.contains { $0.hasPrefix("\(parameter):") },
                          "\(d): expected a problem naming '\(parameter)', got \(problems)")
            for message in problems {
                XCTAssertTrue(message.contains("found"), "\(d): '\(message)' does not say what was found")
                XCTAssertTrue(message.contains("expected"), "\(d): '\(message)' does not say what was expected")
            }
        }
    }

    func testUnequalTableLengthsSayWhatWasExpected() {
        let problems = Distribution.continuousEmpirical(x: [0, 1, 2], cdf: [0, 0.5, 0.8, 1]).problems()
        XCTAssertTrue(problems.contains { $0.hasPrefix("points:") }, "\(problems)")
        for message in problems {
            XCTAssertTrue(message.contains("found") && message.contains("expected"),
                          "'\(message)' must say what was found and what was expected")
        }
    }

    /// `.discrete` is public and documented as "`cumulative` ends at 1"; a
    /// table that does not is sampled with the wrong probabilities (here the
    /// last value would get 0.8 while `mean` credits it 0.3).
    func testDiscreteTableMustEndAtOne() {
        let d = Distribution.discrete(values: [1, 2], cumulative: [0.2, 0.5])
        let problems = d.problems()
        XCTAssertTrue(problems.contains { $0.hasPrefix("weights:") && $0.contains("found") && $0.contains("expected") },
                      "a cumulative table ending at 0.5 must be reported, got \(problems)")
        XCTAssertEqual(Distribution.discrete(values: [1, 2], cumulative: [0.2, 1]).problems(), [])
    }

    func testSeveralProblemsAreReportedAtOnce() {
        let problems = Distribution.erlang(k: 0, mean: -3).problems()
        XCTAssertEqual(problems.count, 2, "\(problems)")
        XCTAssertTrue(problems.contains { $0.hasPrefix("k:") && $0.contains("found 0") })
        XCTAssertTrue(problems.contains { $0.hasPrefix("mean:") && $0.contains("-3") })
        let gamma = Distribution.gamma(shape: -1, scale: 0).problems()
        XCTAssertEqual(gamma.count, 2, "\(gamma)")
    }

    func testValidEdgeCasesHaveNoProblems() {
        let valid: [Distribution] = [
            .constant(0), .bernoulli(p: 0), .bernoulli(p: 1), .uniform(min: 0, max: 1e-9),
            .triangular(min: 0, mode: 0, max: 1), .triangular(min: 0, mode: 1, max: 1),
            .truncatedNormal(mean: -7, sd: 1), .choice(values: [0], weights: [5]),
            .continuousEmpirical(x: [0, 0, 1], cdf: [0, 0.2, 1]),
        ]
        for d in valid { XCTAssertEqual(d.problems(), [], "\(d)") }
    }

    func testChoiceNormalisesWeights() {
        XCTAssertEqual(Distribution.choice(values: [1, 2, 3], weights: [2, 2, 4]),
                       .discrete(values: [1, 2, 3], cumulative: [0.25, 0.5, 1]))
        // The last cumulative value is exactly 1 despite rounding.
        guard case .discrete(_, let c) = Distribution.choice(values: [1, 2, 3], weights: [0.1, 0.1, 0.1]) else {
            return XCTFail("choice builds a discrete distribution")
        }
        XCTAssertEqual(c.last, 1)
    }

    func testMeanProperty() {
        XCTAssertEqual(Distribution.constant(4).mean, 4)
        XCTAssertEqual(Distribution.exponential(mean: 0.25).mean, 0.25)
        XCTAssertEqual(Distribution.erlang(k: 4, mean: 2).mean, 2)
        XCTAssertEqual(Distribution.gamma(shape: 3, scale: 0.5).mean, 1.5)
        XCTAssertEqual(Distribution.lognormal(mean: 7, sd: 3).mean, 7)
        XCTAssertEqual(Distribution.weibull(shape: 2, scale: 1).mean, Double.pi.squareRoot() / 2, accuracy: 1e-12)
        XCTAssertEqual(Distribution.truncatedNormal(mean: 0, sd: 1).mean, (2 / Double.pi).squareRoot(), accuracy: 1e-12)
        XCTAssertEqual(Distribution.truncatedNormal(mean: -1, sd: 1).mean, truncatedNormalMoments(-1, 1).mean, accuracy: 1e-12)
        XCTAssertEqual(Distribution.uniform(min: 2, max: 6).mean, 4)
        XCTAssertEqual(Distribution.triangular(min: 0, mode: 1, max: 5).mean, 2)
        XCTAssertEqual(Distribution.poisson(mean: 9).mean, 9)
        XCTAssertEqual(Distribution.bernoulli(p: 0.2).mean, 0.2)
        XCTAssertEqual(Distribution.choice(values: [0, 10], weights: [3, 1]).mean, 2.5)
        XCTAssertEqual(Distribution.continuousEmpirical(x: [2, 4], cdf: [0, 1]).mean, 3)
    }
}
