import FlowStats
import Foundation
import XCTest

final class TallyTests: XCTestCase {
    private func values(_ n: Int, seed: UInt64, offset: Double, spread: Double) -> [Double] {
        var rng = TestRandom(seed: seed)
        return (0..<n).map { _ in offset + spread * rng.normal() }
    }

    private func tally(_ xs: some Sequence<Double>) -> Tally {
        var t = Tally()
        for x in xs { t.add(x) }
        return t
    }

    func testWelfordMatchesTwoPassOnOrdinaryData() {
        var rng = TestRandom(seed: 1)
        let xs = (0..<10_000).map { _ in rng.exponential(mean: 3) + rng.normal() }
        let t = tally(xs)
        let reference = twoPass(xs)
        XCTAssertEqual(t.count, 10_000)
        XCTAssertLessThan(relativeError(t.mean, reference.mean), 1e-12)
        XCTAssertLessThan(relativeError(t.variance, reference.variance), 1e-12)
        XCTAssertEqual(t.standardDeviation, t.variance.squareRoot())
        XCTAssertEqual(t.min, xs.min()!)
        XCTAssertEqual(t.max, xs.max()!)
        XCTAssertLessThan(relativeError(t.sumSquaredDeviations, reference.variance * 9_999), 1e-12)
    }

    /// Values near 1e9 with a spread of about 1: the naive E[x²] − E[x]²
    /// cancels catastrophically (it is off by orders of magnitude), Welford's
    /// update is not.
    func testWelfordIsAccurateWithLargeOffsetAndSmallSpread() {
        let xs = values(10_000, seed: 2, offset: 1e9, spread: 1)
        let t = tally(xs)
        let reference = twoPass(xs)

        var sum = 0.0, sumSquares = 0.0
        for x in xs { sum += x; sumSquares += x * x }
        let n = Double(xs.count)
        let naive = (sumSquares - sum * sum / n) / (n - 1)
        let naiveError = relativeError(naive, reference.variance)
        let welfordError = relativeError(t.variance, reference.variance)
        print("large offset: reference variance \(reference.variance), Welford \(t.variance) (rel. error \(welfordError)), naive \(naive) (rel. error \(naiveError))")

        XCTAssertEqual(reference.variance, 1, accuracy: 0.05, "the data set has the intended spread")
        XCTAssertGreaterThan(naiveError, 0.5, "the data set must defeat the naive formula, or the test shows nothing")
        XCTAssertLessThan(welfordError, 1e-7)
        XCTAssertLessThan(relativeError(t.mean, reference.mean), 1e-14)
    }

    func testWelfordWithTinySpreadAroundLargeValue() {
        // Spread 1e-3 around 1e9: about 8,000 distinct doubles.
        let xs = values(10_000, seed: 3, offset: 1e9, spread: 1e-3)
        let t = tally(xs)
        let reference = twoPass(xs)
        let error = relativeError(t.variance, reference.variance)
        print("tiny spread: reference variance \(reference.variance), Welford \(t.variance) (rel. error \(error))")
        XCTAssertEqual(reference.variance, 1e-6, accuracy: 1e-7)
        XCTAssertLessThan(error, 1e-4)
        // The running mean carries one rounding of 1e9 (1.2e-7) per update.
        XCTAssertLessThan(relativeError(t.mean, reference.mean), 1e-13)
    }

    func testMergeOfTwoPartsEqualsWhole() {
        var rng = TestRandom(seed: 4)
        let xs = (0..<10_000).map { _ in 50 + rng.exponential(mean: 2) + rng.normal() }
        let whole = tally(xs)
        for cut in [1, 5_000, 3_700, 9_999] {
            var left = tally(xs[..<cut])
            let right = tally(xs[cut...])
            left.merge(right)
            XCTAssertEqual(left.count, whole.count, "cut \(cut)")
            XCTAssertLessThan(relativeError(left.mean, whole.mean), 1e-12, "cut \(cut)")
            XCTAssertLessThan(relativeError(left.variance, whole.variance), 1e-12, "cut \(cut)")
            XCTAssertEqual(left.min, whole.min, "cut \(cut)")
            XCTAssertEqual(left.max, whole.max, "cut \(cut)")
        }
    }

    /// Around 1e9 no streaming method can agree with another to 1e-12 (one
    /// rounding of the mean is 1e-7 of a unit spread); both must still be
    /// as accurate as the data allow.
    func testMergeWithLargeOffsetStaysAccurate() {
        let xs = values(10_000, seed: 6, offset: 1e9, spread: 1)
        let reference = twoPass(xs)
        var left = tally(xs[..<4_321])
        left.merge(tally(xs[4_321...]))
        XCTAssertEqual(left.count, xs.count)
        XCTAssertLessThan(relativeError(left.variance, reference.variance), 1e-6)
        XCTAssertLessThan(relativeError(left.mean, reference.mean), 1e-14)
        XCTAssertEqual(left.min, xs.min()!)
        XCTAssertEqual(left.max, xs.max()!)
    }

    func testMergeOfManyChunksEqualsWhole() {
        var rng = TestRandom(seed: 5)
        let xs = (0..<10_000).map { _ in rng.normal() * 4 + 10 }
        let whole = tally(xs)
        var merged = Tally()
        for start in stride(from: 0, to: xs.count, by: 137) {
            merged.merge(tally(xs[start..<min(start + 137, xs.count)]))
        }
        XCTAssertEqual(merged.count, whole.count)
        XCTAssertLessThan(relativeError(merged.mean, whole.mean), 1e-12)
        XCTAssertLessThan(relativeError(merged.variance, whole.variance), 1e-12)
        XCTAssertEqual(merged.min, whole.min)
        XCTAssertEqual(merged.max, whole.max)
    }

    func testMergingEmptyTallies() {
        let some = tally([3, 1, 4, 1, 5, 9, 2, 6])
        var a = some
        a.merge(Tally())
        XCTAssertEqual(a, some, "merging an empty tally changes nothing")

        var b = Tally()
        b.merge(some)
        XCTAssertEqual(b, some, "an empty tally merged with another becomes it")

        var c = Tally()
        c.merge(Tally())
        XCTAssertEqual(c.count, 0)
        XCTAssertEqual(c.mean, 0)
        XCTAssertTrue(c.variance.isNaN)
        XCTAssertEqual(c.min, .infinity)
        XCTAssertEqual(c.max, -.infinity)
        XCTAssertEqual(c, Tally())
    }

    func testSmallCounts() {
        let empty = Tally()
        XCTAssertEqual(empty.count, 0)
        XCTAssertTrue(empty.variance.isNaN)
        XCTAssertTrue(empty.standardDeviation.isNaN)

        let one = tally([7.5])
        XCTAssertEqual(one.count, 1)
        XCTAssertEqual(one.mean, 7.5)
        XCTAssertTrue(one.variance.isNaN, "sample variance needs two observations")
        XCTAssertEqual(one.min, 7.5)
        XCTAssertEqual(one.max, 7.5)

        let two = tally([1, 3])
        XCTAssertEqual(two.mean, 2)
        XCTAssertEqual(two.variance, 2)
        XCTAssertEqual(two.sumSquaredDeviations, 2)

        let known = tally([2, 4, 4, 4, 5, 5, 7, 9])
        XCTAssertEqual(known.mean, 5)
        XCTAssertEqual(known.variance, 32.0 / 7, accuracy: 1e-14)
        XCTAssertEqual(known.min, 2)
        XCTAssertEqual(known.max, 9)
    }

    func testMergeIsOrderIndependentUpToRounding() {
        let a = tally([1, 2, 3, 10])
        let b = tally([-5, 0.5])
        var ab = a; ab.merge(b)
        var ba = b; ba.merge(a)
        XCTAssertEqual(ab.count, ba.count)
        XCTAssertEqual(ab.mean, ba.mean, accuracy: 1e-14)
        XCTAssertEqual(ab.variance, ba.variance, accuracy: 1e-12)
        XCTAssertEqual(ab.min, -5)
        XCTAssertEqual(ab.max, 10)
        let direct = tally([1, 2, 3, 10, -5, 0.5])
        XCTAssertEqual(ab.variance, direct.variance, accuracy: 1e-12)
    }

    func testCodableRoundTrip() throws {
        let t = tally([0.25, 1.5, 8, 2])
        let data = try JSONEncoder().encode(t)
        let back = try JSONDecoder().decode(Tally.self, from: data)
        XCTAssertEqual(back, t)
    }
}
