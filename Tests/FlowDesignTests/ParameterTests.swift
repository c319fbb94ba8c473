import FlowDesign
import XCTest

/// Quantiles against closed-form CDFs; levels and rounding of integer parameters.
final class ParameterTests: XCTestCase {
    func testUniformQuantileIsLinearInProbability() throws {
        let p = try Parameter(name: "x", lower: 2, upper: 10)
        for u in [0.0, 0.1, 0.25, 0.5, 0.9] { XCTAssertEqual(p.quantile(u), 2 + 8 * u, accuracy: 1e-12) }
        XCTAssertEqual(p.value(atFraction: 0), 2)
        XCTAssertEqual(p.value(atFraction: 1), 10)
        XCTAssertEqual(p.midpoint, 6)
    }

    func testNormalMedianIsTheMeanAndTailsMatchTheCDF() throws {
        let p = try Parameter.normal(name: "x", mean: 10, sd: 2)
        XCTAssertEqual(p.lower, 4)
        XCTAssertEqual(p.upper, 16)
        XCTAssertEqual(p.quantile(0.5), 10, accuracy: 1e-12)
        for u in [0.001, 0.025, 0.2, 0.8, 0.975, 0.999] {
            let x = p.quantile(u)
            XCTAssertEqual(normalCDF((x - 10) / 2), u, accuracy: 1e-10, "u = \(u)")
        }
        XCTAssertEqual(p.quantile(0.975), 10 + 1.959963985 * 2, accuracy: 1e-8)
        XCTAssertTrue(p.quantile(0).isFinite, "u = 0 is clamped, not -inf")
    }

    func testTruncatedNormalStaysInBoundsAndMatchesTheConditionalCDF() throws {
        let p = try Parameter(
            name: "x", lower: 8, upper: 20, distribution: .normal(mean: 10, sd: 2, truncated: true))
        let pLow = normalCDF(-1)
        let pHigh = normalCDF(5)
        for u in [0.0, 0.1, 0.5, 0.9, 0.999999] {
            let x = p.quantile(u)
            XCTAssertTrue((8...20).contains(x))
            XCTAssertEqual((normalCDF((x - 10) / 2) - pLow) / (pHigh - pLow), u, accuracy: 1e-9, "u = \(u)")
        }
        XCTAssertEqual(p.quantile(0), 8, accuracy: 1e-9)
    }

    func testTriangularQuantileInvertsTheCDF() throws {
        let (a, c, b) = (1.0, 2.0, 4.0)
        let p = try Parameter(name: "x", lower: a, upper: b, distribution: .triangular(mode: c))
        func cdf(_ x: Double) -> Double {
            x <= c ? (x - a) * (x - a) / ((b - a) * (c - a)) : 1 - (b - x) * (b - x) / ((b - a) * (b - c))
        }
        for u in stride(from: 0.0, through: 0.99, by: 0.03) {
            XCTAssertEqual(cdf(p.quantile(u)), u, accuracy: 1e-12, "u = \(u)")
        }
        XCTAssertEqual(p.quantile((c - a) / (b - a)), c, accuracy: 1e-12, "F(mode) = (c-a)/(b-a)")
        XCTAssertEqual(p.quantile(0), a)
        // Mode at a bound: the density is a ramp.
        let ramp = try Parameter(name: "r", lower: 0, upper: 1, distribution: .triangular(mode: 0))
        XCTAssertEqual(ramp.quantile(0.75), 1 - 0.5, accuracy: 1e-12)
    }

    func testIntegerUniformGivesEveryWholeNumberEqualProbability() throws {
        let p = try Parameter(name: "staff", lower: 4, upper: 12, isInteger: true)
        var counts: [Double: Int] = [:]
        let n = 9000
        for i in 0..<n { counts[p.quantile((Double(i) + 0.5) / Double(n)), default: 0] += 1 }
        XCTAssertEqual(counts.keys.sorted(), Array(stride(from: 4.0, through: 12, by: 1)))
        XCTAssertTrue(counts.values.allSatisfy { $0 == 1000 }, "\(counts)")
    }

    func testIntegerLevelsAreSpreadAndRounded() throws {
        let p = try Parameter(name: "staff", lower: 4, upper: 12, isInteger: true)
        XCTAssertEqual(p.levels(count: 3), [4, 8, 12])
        XCTAssertEqual(p.levels(count: 5), [4, 6, 8, 10, 12])
        XCTAssertEqual(p.levels(count: 4), [4, 7, 9, 12])
        let narrow = try Parameter(name: "beds", lower: 1, upper: 3, isInteger: true)
        XCTAssertEqual(narrow.levels(count: 5), [1, 2, 3], "no repeated levels when the range is short")
        XCTAssertEqual(p.value(atFraction: 0.3), 6.0, "4 + 0.3·8 = 6.4 rounds to 6")
        let normal = try Parameter.parse("n=normal(10,2)", integer: true)
        for u in [0.01, 0.3, 0.5, 0.77] { XCTAssertEqual(normal.quantile(u), normal.quantile(u).rounded()) }
    }

    func testExplicitLevelsAreSortedAndEquallyLikely() throws {
        let p = try Parameter(name: "x", levels: [8, 4, 6])
        XCTAssertEqual(p.explicitLevels, [4, 6, 8])
        XCTAssertEqual(p.levels(count: 7), [4, 6, 8], "explicit levels ignore the count")
        XCTAssertEqual([0.0, 0.32, 0.34, 0.66, 0.67, 0.99].map(p.quantile), [4, 4, 6, 6, 8, 8])
        XCTAssertEqual([0.0, 0.2, 0.5, 0.8, 1].map(p.value(atFraction:)), [4, 4, 6, 8, 8])
        XCTAssertEqual(p.lower, 4)
        XCTAssertEqual(p.upper, 8)
    }

    func testInitialiserErrors() {
        XCTAssertThrowsError(try Parameter(name: "x", levels: [1])) {
            XCTAssertEqual($0 as? ParameterError, .tooFewLevels(name: "x", found: 1))
            XCTAssertEqual("\($0)", "parameter 'x': expected at least 2 levels, found 1")
        }
        XCTAssertThrowsError(try Parameter(name: "x", lower: .nan, upper: 1)) {
            XCTAssertEqual("\($0)", "parameter 'x': expected a finite number, found nan")
        }
        XCTAssertThrowsError(try Parameter(name: "x", lower: 0, upper: 1, distribution: .triangular(mode: 2))) {
            XCTAssertEqual($0 as? ParameterError, .modeOutsideBounds(name: "x", lower: 0, mode: 2, upper: 1))
        }
        XCTAssertThrowsError(try Parameter(name: "x", lower: 0.5, upper: 3, isInteger: true)) {
            XCTAssertEqual(
                "\($0)", "parameter 'x': integer-valued, expected whole-number bounds and levels, found 0.5")
        }
        XCTAssertThrowsError(try Parameter(name: "x", levels: [1, 2.5], isInteger: true)) {
            XCTAssertEqual($0 as? ParameterError, .nonIntegerValue(name: "x", found: 2.5))
        }
        XCTAssertThrowsError(try Parameter.normal(name: "x", mean: 0, sd: 0)) {
            XCTAssertEqual($0 as? ParameterError, .nonPositiveStandardDeviation(name: "x", found: 0))
        }
    }
}
