import FlowStats
import Histogram
import XCTest

/// QuantileSketch writes out HdrHistogram's bucket arithmetic for its one
/// layout; every answer must equal the Histogram package's to the bit.
final class QuantileSketchReferenceTests: XCTestCase {
    /// What QuantileSketch recorded before it had its own buckets.
    private func reference() -> Histogram<UInt64> {
        var h = Histogram<UInt64>(lowestDiscernibleValue: 1, highestTrackableValue: 86_400 * 366,
                                  numberOfSignificantValueDigits: .three)
        h.autoResize = true
        return h
    }

    private func record(_ days: Double, _ s: inout QuantileSketch, _ h: inout Histogram<UInt64>) {
        s.add(days)
        let scaled = (days * QuantileSketch.unitsPerDay).rounded()
        h.record(scaled <= 0 ? 0 : (scaled >= 9.0e18 ? UInt64(9.0e18) : UInt64(scaled)))
    }

    private func assertSame(_ s: QuantileSketch, _ h: Histogram<UInt64>, _ context: String) {
        XCTAssertEqual(s.count, Int(h.totalCount), context)
        for q in [1e-9, 0.001, 0.01, 0.1, 0.25, 0.5, 0.75, 0.9, 0.95, 0.99, 0.999, 1 - 1e-12] {
            let expected = Double(h.valueAtPercentile(q * 100)) / QuantileSketch.unitsPerDay
            XCTAssertEqual(s.quantile(q), expected, "\(context), q = \(q)")
        }
        for days in [0.0, 1e-6, 0.0001, 0.01, 0.3, 1, 7, 28, 126, 365, 400, 5_000, 1e12] {
            let limit = UInt64(min(9.0e18, max(0, (days * QuantileSketch.unitsPerDay).rounded())))
            let expected = Double(h.count(within: 0...limit)) / Double(h.totalCount)
            XCTAssertEqual(s.share(atOrBelow: days), expected, "\(context), share at \(days)")
        }
    }

    func testEveryQueryMatchesTheHistogramPackage() {
        var state: UInt64 = 99
        func uniform() -> Double {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Double(state >> 11) / 9_007_199_254_740_992
        }
        // Zeros, sub-second values, halves of a second (the rounding edge), waits of
        // minutes to years, and values past the histogram's first size.
        var parts: [(QuantileSketch, Histogram<UInt64>)] = []
        for part in 0..<4 {
            var s = QuantileSketch(), h = reference()
            for i in 0..<20_000 {
                let u = uniform()
                let days: Double
                switch i % 6 {
                case 0: days = 0
                case 1: days = (Double(Int(u * 1_000)) + 0.5) / QuantileSketch.unitsPerDay
                case 2: days = u * 1e-5
                case 3: days = -log(1 - u) * 20
                case 4: days = u * 400 * Double(part + 1)
                default: days = exp(u * 12) / 100
                }
                record(days, &s, &h)
            }
            assertSame(s, h, "part \(part)")
            parts.append((s, h))
        }
        var s = QuantileSketch(), h = reference()
        for (ps, ph) in parts.reversed() {
            s.merge(ps)
            h.add(ph)
            assertSame(s, h, "merged")
        }
        s.reset()
        h.reset()
        record(3, &s, &h)
        assertSame(s, h, "after reset")
    }
}
