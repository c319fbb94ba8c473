import FlowStats
import XCTest

final class StudentTTests: XCTestCase {
    func testQuantilesAgainstTableValues() {
        let table: [(p: Double, df: Double, t: Double, tolerance: Double)] = [
            (0.975, 1, 12.7062, 5e-5),
            (0.975, 2, 4.3027, 5e-5),
            (0.975, 9, 2.2622, 5e-5),
            (0.975, 29, 2.0452, 5e-5),
            (0.995, 29, 2.7564, 5e-5),
            (0.95, 5, 2.0150, 5e-5),
            (0.975, 1_000_000, 1.95996, 1e-5),
            (0.5, 7, 0, 1e-12),
        ]
        for row in table {
            let t = StudentT.quantile(row.p, degreesOfFreedom: row.df)
            print("t_{\(row.p), \(row.df)} = \(t) (table \(row.t))")
            XCTAssertEqual(t, row.t, accuracy: row.tolerance, "p \(row.p), df \(row.df)")
        }
    }

    func testSymmetry() {
        for df in [1.0, 3, 9, 40] {
            XCTAssertEqual(StudentT.quantile(0.025, degreesOfFreedom: df),
                           -StudentT.quantile(0.975, degreesOfFreedom: df), accuracy: 1e-9)
        }
        XCTAssertEqual(StudentT.quantile(0.025, degreesOfFreedom: 9), -2.2622, accuracy: 5e-5)
    }
}

final class SummaryTests: XCTestCase {
    /// Mean 5, sample sd √(32/7) ≈ 2.13809, n = 8, t_{0.975,7} = 2.364624.
    private let data: [Double] = [2, 4, 4, 4, 5, 5, 7, 9]

    func testHalfWidthOfKnownDataSet() {
        let s = Summary(values: data)
        let sd = (32.0 / 7).squareRoot()
        let expected = 2.364624 * sd / 8.0.squareRoot()   // 1.787478
        XCTAssertEqual(s.n, 8)
        XCTAssertEqual(s.mean, 5, accuracy: 1e-14)
        XCTAssertEqual(s.standardDeviation, sd, accuracy: 1e-12)
        XCTAssertEqual(s.confidence, 0.95)
        XCTAssertEqual(s.halfWidth, expected, accuracy: 1e-5)
        XCTAssertEqual(s.halfWidth, 1.78748, accuracy: 1e-5)
        XCTAssertEqual(s.lower, 5 - expected, accuracy: 1e-5)
        XCTAssertEqual(s.upper, 5 + expected, accuracy: 1e-5)
        XCTAssertTrue(s.contains(5))
        XCTAssertTrue(s.contains(6.7))
        XCTAssertFalse(s.contains(6.8))
        XCTAssertFalse(s.contains(3.2))
    }

    func testOtherConfidenceLevel() {
        let s = Summary(values: data, confidence: 0.99)
        // t_{0.995,7} = 3.499483
        XCTAssertEqual(s.halfWidth, 3.499483 * (32.0 / 7).squareRoot() / 8.0.squareRoot(), accuracy: 1e-5)
        XCTAssertGreaterThan(s.halfWidth, Summary(values: data).halfWidth)
    }

    func testFromTallyEqualsFromValues() {
        var t = Tally()
        for v in data { t.add(v) }
        XCTAssertEqual(Summary(tally: t), Summary(values: data))
    }

    func testNonFiniteValuesAreDropped() {
        let s = Summary(values: [1, .nan, 3, .infinity, -.infinity])
        XCTAssertEqual(s.n, 2)
        XCTAssertEqual(s.mean, 2)
        XCTAssertEqual(s.standardDeviation, 2.0.squareRoot(), accuracy: 1e-14)
        // t_{0.975,1} · √2 / √2
        XCTAssertEqual(s.halfWidth, 12.7062, accuracy: 1e-4)
    }

    func testFewerThanTwoValuesGiveNaNInterval() {
        let one = Summary(values: [4.5])
        XCTAssertEqual(one.n, 1)
        XCTAssertEqual(one.mean, 4.5)
        XCTAssertTrue(one.standardDeviation.isNaN)
        XCTAssertTrue(one.halfWidth.isNaN)
        XCTAssertTrue(one.lower.isNaN)
        XCTAssertTrue(one.upper.isNaN)
        XCTAssertFalse(one.contains(4.5), "a NaN interval contains nothing")

        let none = Summary(values: [])
        XCTAssertEqual(none.n, 0)
        XCTAssertTrue(none.mean.isNaN)
        XCTAssertTrue(none.standardDeviation.isNaN)
        XCTAssertTrue(none.halfWidth.isNaN)

        let onlyNaN = Summary(values: [.nan, .nan])
        XCTAssertEqual(onlyNaN.n, 0)
        XCTAssertTrue(onlyNaN.mean.isNaN)
    }

    func testZeroSpread() {
        let s = Summary(values: [3, 3, 3])
        XCTAssertEqual(s.halfWidth, 0)
        XCTAssertTrue(s.contains(3))
        XCTAssertFalse(s.contains(3.000001))
    }

    /// The code computes (mean − value) / standard error: positive when the
    /// estimate lies above the reference value (the validation tests print it
    /// as "simulated minus theory"). NOTE: the doc comment of `zScore(of:)`
    /// says "(value − mean)", the opposite sign; this test pins the code.
    func testZScoreSign() {
        let s = Summary(values: [1, 2, 3])   // mean 2, sd 1, se 1/√3
        XCTAssertEqual(s.zScore(of: 1), 3.0.squareRoot(), accuracy: 1e-12, "estimate above the reference: positive")
        XCTAssertEqual(s.zScore(of: 3), -3.0.squareRoot(), accuracy: 1e-12)
        XCTAssertEqual(s.zScore(of: 2), 0, accuracy: 1e-12)
        XCTAssertTrue(Summary(values: [5]).zScore(of: 4).isNaN, "no standard error from one value")
    }
}
