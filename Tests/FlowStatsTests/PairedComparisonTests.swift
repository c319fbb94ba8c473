import FlowStats
import XCTest

/// Paired differences under common random numbers, against hand-worked
/// values and against the unpaired (Welch) interval.
final class PairedComparisonTests: XCTestCase {
    func testKnownDifferences() {
        let baseline = [10.0, 12, 9, 15, 11]
        let variant = zip(baseline, [2.0, 3, 1, 2, 2]).map { $0 + $1 }
        let c = PairedComparison(baseline: baseline, variant: variant)
        XCTAssertEqual(c.n, 5)
        XCTAssertEqual(c.baselineMean, 11.4, accuracy: 1e-12)
        XCTAssertEqual(c.variantMean, 13.4, accuracy: 1e-12)
        XCTAssertEqual(c.meanDifference, 2, accuracy: 1e-12)
        XCTAssertEqual(c.standardDeviation, 0.5.squareRoot(), accuracy: 1e-12)
        XCTAssertEqual(c.halfWidth, 2.776445 * 0.5.squareRoot() / 5.0.squareRoot(), accuracy: 1e-6)
        XCTAssertEqual(c.relativeChange, 2 / 11.4, accuracy: 1e-12)
        XCTAssertEqual(c.standardisedSize, 2 / 0.5.squareRoot(), accuracy: 1e-12)
        XCTAssertTrue(c.isSignificant)
        XCTAssertEqual(c.lower, 2 - c.halfWidth, accuracy: 1e-12)

        let lower = PairedComparison(baseline: variant, variant: baseline)
        XCTAssertEqual(lower.meanDifference, -2, accuracy: 1e-12)
        XCTAssertTrue(lower.isSignificant, "an interval wholly below 0 excludes 0 too")
        XCTAssertLessThan(lower.relativeChange, 0)
    }

    func testNoDifferenceAndConstantShift() {
        let same = PairedComparison(baseline: [3, 4, 5], variant: [3, 4, 5])
        XCTAssertEqual(same.meanDifference, 0)
        XCTAssertEqual(same.halfWidth, 0)
        XCTAssertFalse(same.isSignificant, "[0, 0] does not exclude 0")
        XCTAssertEqual(same.standardisedSize, 0)
        let shift = PairedComparison(baseline: [0, 0, 0], variant: [1, 1, 1])
        XCTAssertTrue(shift.isSignificant)
        XCTAssertEqual(shift.standardisedSize, .infinity)
        XCTAssertTrue(shift.relativeChange.isNaN, "no share of a zero baseline")
        XCTAssertEqual(PairedComparison(baseline: [0, 0], variant: [0, 0]).relativeChange, 0)
    }

    func testIncompletePairsAreLeftOut() {
        let c = PairedComparison(baseline: [1, .nan, 3, 4, 9], variant: [2, 5, .nan, 6])
        XCTAssertEqual(c.n, 2, "pairs 0 and 3 only; the unmatched fifth baseline value too")
        XCTAssertEqual(c.baselineMean, 2.5)
        XCTAssertEqual(c.variantMean, 4)
        XCTAssertEqual(c.meanDifference, c.variantMean - c.baselineMean)
        let one = PairedComparison(baseline: [1], variant: [2])
        XCTAssertTrue(one.halfWidth.isNaN)
        XCTAssertFalse(one.isSignificant)
        XCTAssertTrue(one.standardisedSize.isNaN)
    }

    /// Replication k of both runs shares a large common component (the same
    /// arrivals); the variant adds 2 and its own small noise.
    func correlatedPair(seed: UInt64, sign: Double = 1) -> (baseline: [Double], variant: [Double]) {
        var rng = TestRandom(seed: seed)
        var b: [Double] = [], v: [Double] = []
        for _ in 0..<10 {
            let common = 10 * rng.normal()
            b.append(100 + common + rng.normal())
            v.append(102 + sign * common + rng.normal())
        }
        return (b, v)
    }

    func testPairingNarrowsTheIntervalForPositivelyCorrelatedRuns() {
        for seed: UInt64 in 1...5 {
            let (b, v) = correlatedPair(seed: seed)
            XCTAssertGreaterThan(correlation(b, v), 0.9)
            let paired = PairedComparison(baseline: b, variant: v)
            let welch = WelchComparison(baseline: b, variant: v)
            print("seed \(seed): paired ±\(paired.halfWidth), unpaired ±\(welch.halfWidth)")
            XCTAssertEqual(paired.meanDifference, welch.meanDifference, accuracy: 1e-9, "same data, same difference")
            XCTAssertLessThan(paired.halfWidth, welch.halfWidth / 3)
            XCTAssertTrue(paired.isSignificant, "seed \(seed): the paired interval finds the 2")
            XCTAssertFalse(welch.isSignificant, "seed \(seed): the unpaired one drowns it in the common noise")
        }
    }

    func testPairingWidensTheIntervalForNegativelyCorrelatedRuns() {
        for seed: UInt64 in 1...5 {
            let (b, v) = correlatedPair(seed: seed, sign: -1)
            XCTAssertLessThan(correlation(b, v), -0.9)
            XCTAssertGreaterThan(PairedComparison(baseline: b, variant: v).halfWidth,
                                 WelchComparison(baseline: b, variant: v).halfWidth)
        }
    }

    func testWelchAgainstTheFormula() {
        let b = [1.0, 2, 3, 4], v = [2.0, 4, 6, 8, 10]
        let w = WelchComparison(baseline: b, variant: v)
        let qb = (5.0 / 3) / 4, qv = 10.0 / 5
        let df = (qb + qv) * (qb + qv) / (qb * qb / 3 + qv * qv / 4)
        XCTAssertEqual(w.meanDifference, 3.5, accuracy: 1e-12)
        XCTAssertEqual(w.degreesOfFreedom, df, accuracy: 1e-9)
        XCTAssertEqual(w.halfWidth, StudentT.quantile(0.975, degreesOfFreedom: df) * (qb + qv).squareRoot(), accuracy: 1e-9)
        XCTAssertTrue(WelchComparison(baseline: [1], variant: [1, 2]).halfWidth.isNaN)
    }

    func testOrderingByAbsoluteStandardisedSize() {
        let small = PairedComparison(baseline: [1, 2, 3], variant: [1.5, 2.1, 3.7])
        let negativeLarge = PairedComparison(baseline: [10, 10, 10], variant: [5, 5.1, 4.9])
        let constant = PairedComparison(baseline: [0, 0, 0], variant: [0.01, 0.01, 0.01])
        let none = PairedComparison(baseline: [1], variant: [5])
        let zero = PairedComparison(baseline: [1, 2], variant: [1, 2])
        let named = [("small", small), ("none", none), ("zero", zero), ("negativeLarge", negativeLarge),
                     ("constant", constant)]
        let sorted = named.sorted { PairedComparison.largerFirst($0.1, $1.1) }.map(\.0)
        XCTAssertEqual(sorted, ["constant", "negativeLarge", "small", "zero", "none"], "no interval ranks last")
        XCTAssertLessThan(negativeLarge.standardisedSize, -10, "sign kept; order by magnitude")
    }

    func correlation(_ x: [Double], _ y: [Double]) -> Double {
        let mx = x.reduce(0, +) / Double(x.count), my = y.reduce(0, +) / Double(y.count)
        var sxy = 0.0, sxx = 0.0, syy = 0.0
        for (a, b) in zip(x, y) {
            sxy += (a - mx) * (b - my)
            sxx += (a - mx) * (a - mx)
            syy += (b - my) * (b - my)
        }
        return sxy / (sxx * syy).squareRoot()
    }
}
