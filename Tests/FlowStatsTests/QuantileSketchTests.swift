import FlowStats
import Foundation
import XCTest

final class QuantileSketchTests: XCTestCase {
    private let secondsPerDay = 86_400.0
    private let probabilities = [0.001, 0.01, 0.1, 0.25, 0.5, 0.75, 0.9, 0.95, 0.99, 0.999]

    /// 100,000 exponential durations with the given mean in seconds, in days.
    private func draws(meanSeconds: Double, seed: UInt64, count: Int = 100_000) -> [Double] {
        var rng = TestRandom(seed: seed)
        return (0..<count).map { _ in rng.exponential(mean: meanSeconds) / 86_400 }
    }

    private func sketch(_ xs: some Sequence<Double>) -> QuantileSketch {
        var s = QuantileSketch()
        for x in xs { s.add(x) }
        return s
    }

    /// The exact q-quantile of sorted data: the ⌈q n⌉-th smallest value.
    private func exactQuantile(_ sorted: [Double], _ q: Double) -> Double {
        sorted[max(0, Int((q * Double(sorted.count)).rounded(.up)) - 1)]
    }

    /// The stated accuracy: exact to one second below 1,000 s, 0.1% relative above.
    private func assertWithinStatedError(_ sketchDays: Double, _ exactDays: Double, _ label: String,
                                         file: StaticString = #filePath, line: UInt = #line) {
        let got = sketchDays * secondsPerDay, want = exactDays * secondsPerDay
        let tolerance = want < 1_000 ? 1.0 : 0.001 * want
        XCTAssertLessThanOrEqual(abs(got - want), tolerance,
                                 "\(label): sketch \(got) s, exact \(want) s", file: file, line: line)
    }

    func testQuantilesOfExponentialDrawsWithinStatedError() {
        // Mean 600 s: quantiles from under a second to about an hour, so both
        // the one-second and the relative regime are exercised.
        let xs = draws(meanSeconds: 600, seed: 11)
        let s = sketch(xs)
        let sorted = xs.sorted()
        XCTAssertEqual(s.count, xs.count)
        var below = 0, above = 0
        for q in probabilities {
            let exact = exactQuantile(sorted, q)
            if exact * secondsPerDay < 1_000 { below += 1 } else { above += 1 }
            assertWithinStatedError(s.quantile(q), exact, "q = \(q)")
        }
        XCTAssertGreaterThan(below, 3)
        XCTAssertGreaterThan(above, 2)
    }

    func testQuantilesOfLongDurationsWithinRelativeError() {
        // Mean 20 days: every quantile of interest is far above 1,000 s.
        let xs = draws(meanSeconds: 20 * 86_400, seed: 12)
        let s = sketch(xs)
        let sorted = xs.sorted()
        for q in probabilities where q >= 0.01 {
            let exact = exactQuantile(sorted, q)
            XCTAssertGreaterThan(exact * secondsPerDay, 1_000)
            assertWithinStatedError(s.quantile(q), exact, "q = \(q)")
        }
    }

    func testValuesBeyondAYearAreTracked() {
        // The histogram was sized for a year; larger values must still be kept.
        var s = QuantileSketch()
        for v in [1_000.0, 2_000.0, 400.0, 5.0, 3_000.0] { s.add(v) }
        XCTAssertEqual(s.count, 5)
        XCTAssertEqual(s.quantile(0.5), 1_000, accuracy: 1)
        XCTAssertEqual(s.quantile(0.99), 3_000, accuracy: 3)
        XCTAssertEqual(s.quantile(0.01), 5, accuracy: 0.005)
    }

    func testMergeEqualsRecordingAll() {
        let xs = draws(meanSeconds: 3_000, seed: 13)
        let whole = sketch(xs)
        var merged = sketch(xs[0..<10_000])
        merged.merge(sketch(xs[10_000..<65_000]))
        merged.merge(sketch(xs[65_000...]))
        merged.merge(QuantileSketch())
        XCTAssertEqual(merged.count, whole.count)
        for q in probabilities + [0.123, 0.5, 0.875] {
            XCTAssertEqual(merged.quantile(q), whole.quantile(q), "q = \(q)")
        }
        for days in [0.0, 0.001, 0.01, 0.05, 0.2, 1] {
            XCTAssertEqual(merged.share(atOrBelow: days), whole.share(atOrBelow: days), "share at \(days)")
        }

        var intoEmpty = QuantileSketch()
        intoEmpty.merge(whole)
        XCTAssertEqual(intoEmpty.count, whole.count)
        XCTAssertEqual(intoEmpty.quantile(0.9), whole.quantile(0.9))
    }

    func testMergeOfSketchWithLargerValues() {
        // The second sketch has grown past a year; merging must grow the first.
        var a = sketch([0.5, 1, 2])
        let b = sketch([500, 800])
        a.merge(b)
        XCTAssertEqual(a.count, 5)
        XCTAssertEqual(a.quantile(0.99), 800, accuracy: 0.8)
        XCTAssertEqual(a.quantile(0.5), 2, accuracy: 0.002)
    }

    func testShareAtOrBelow() {
        let xs = draws(meanSeconds: 600, seed: 14)
        let s = sketch(xs)
        let n = Double(xs.count)
        let seconds = xs.map { ($0 * secondsPerDay).rounded() }
        // Below 1,000 s the resolution is one second, so the share is exact
        // for the values rounded to the second.
        for limit in [0.0, 1, 30, 60, 300, 600, 999] {
            let expected = Double(seconds.filter { $0 <= limit }.count) / n
            XCTAssertEqual(s.share(atOrBelow: limit / secondsPerDay), expected, accuracy: 1e-12, "limit \(limit) s")
        }
        // Above, values within the bucket width (0.1%) of the limit may be
        // counted either way.
        for limit in [1_500.0, 3_600, 7_200] {
            let low = Double(seconds.filter { $0 <= limit * 0.999 }.count) / n
            let high = Double(seconds.filter { $0 <= limit * 1.001 }.count) / n
            let share = s.share(atOrBelow: limit / secondsPerDay)
            XCTAssertGreaterThanOrEqual(share, low, "limit \(limit) s")
            XCTAssertLessThanOrEqual(share, high, "limit \(limit) s")
        }
        XCTAssertEqual(s.share(atOrBelow: 10), 1, "every value is below ten days")
        XCTAssertEqual(s.share(atOrBelow: 1_000), 1, "a limit beyond the histogram's range counts everything")
    }

    func testEmptyAndReset() {
        var s = QuantileSketch()
        XCTAssertEqual(s.count, 0)
        XCTAssertTrue(s.quantile(0.5).isNaN)
        XCTAssertTrue(s.share(atOrBelow: 1).isNaN)
        s.add(0.25)
        s.add(0.75)
        XCTAssertEqual(s.count, 2)
        s.reset()
        XCTAssertEqual(s.count, 0)
        XCTAssertTrue(s.quantile(0.9).isNaN)
    }

    func testZeroAndNegativeDurationsCountAsZero() {
        var s = QuantileSketch()
        for _ in 0..<10 { s.add(0) }
        s.add(-3)
        s.add(1)
        XCTAssertEqual(s.count, 12)
        XCTAssertEqual(s.quantile(0.5), 0)
        XCTAssertEqual(s.share(atOrBelow: 0), 11.0 / 12, accuracy: 1e-12)
        XCTAssertEqual(s.quantile(0.99), 1, accuracy: 0.001)
    }

    /// Whole seconds as the sketch counts them are `rounded()` (half away
    /// from zero) and clamped, for every kind of value: exact halves with
    /// even and odd integer parts, the double just below one half, values
    /// near 2^52 where the fast path ends, huge, negative and tiny values.
    func testUnitsAreRoundedHalfAwayFromZeroAndClamped() {
        func expected(_ x: Double) -> UInt64 {
            let r = x.rounded()
            return r <= 0 ? 0 : (r >= 9.0e18 ? UInt64(9.0e18) : UInt64(r))
        }
        let twoTo52 = 4_503_599_627_370_496.0
        var xs: [Double] = [0, -0.0, 0.5, 1.5, 2.5, 3.5, 0.49999999999999994, 0.5000000000000001, 1e-300, -0.5, -3,
                            twoTo52 - 0.5, twoTo52 - 1.5, twoTo52 - 1, twoTo52.nextDown, twoTo52, twoTo52 + 1, 1e19, 9.0e18,
                            .greatestFiniteMagnitude, .infinity, -.infinity]
        var rng = TestRandom(seed: 5)
        for _ in 0..<100_000 {
            let u = rng.uniform()
            xs.append(Double(Int(u * 1e6)) + [0, 0.5, 0.25, 0.75][Int(u * 1e9) % 4])   // many exact halves
            xs.append(u * pow(2, Double(Int(u * 1e7) % 60)))
        }
        for x in xs {
            XCTAssertEqual(QuantileSketch.units(scaled: x), expected(x), "\(x) s")
        }
        // Buckets never reverse the order of values.
        let sorted = xs.map { QuantileSketch.units(scaled: $0) }.sorted()
        for (a, b) in zip(sorted, sorted.dropFirst()) {
            XCTAssertLessThanOrEqual(QuantileSketch.bucket(ofUnits: a), QuantileSketch.bucket(ofUnits: b))
        }
    }
}
