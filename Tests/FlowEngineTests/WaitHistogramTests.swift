@testable import FlowEngine
import FlowStats
import XCTest

final class WaitHistogramTests: XCTestCase {
    /// Every query answers as QuantileSketch does for the same values:
    /// zeros, sub-second, days, and waits of years (past the first buckets,
    /// so both grow).
    func testAnswersEqualQuantileSketch() {
        var h = WaitHistogram(), sketch = QuantileSketch()
        var state: UInt64 = 7
        func uniform() -> Double {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Double(state >> 11) / Double(1 << 53)
        }
        for i in 0..<20_000 {
            let x: Double
            switch i % 4 {
            case 0: x = 0
            case 1: x = uniform() / 86_400 * 3          // under three seconds
            case 2: x = -log(1 - uniform()) * 0.7        // exponential, days
            default: x = uniform() * 3_000               // up to about eight years
            }
            h.add(x)
            sketch.add(x)
        }
        XCTAssertEqual(h.count, sketch.count)
        for q in [0.001, 0.1, 0.25, 0.5, 0.75, 0.9, 0.95, 0.99, 0.999] {
            XCTAssertEqual(h.quantile(q).bitPattern, sketch.quantile(q).bitPattern, "quantile \(q)")
        }
        for d in [0.0, 1e-6, 0.5, 1, 14, 28, 365, 5_000] {
            XCTAssertEqual(h.share(atOrBelow: d).bitPattern, sketch.share(atOrBelow: d).bitPattern, "share at \(d)")
        }
        XCTAssertTrue(WaitHistogram().quantile(0.5).isNaN)
        XCTAssertTrue(WaitHistogram().share(atOrBelow: 1).isNaN)
    }

    /// A copy made unique before it records leaves the original's counts.
    func testCopyMadeUniqueKeepsTheOriginal() {
        var h = WaitHistogram()
        for _ in 0..<10 { h.add(1) }
        var copy = h
        copy.makeUnique()
        for _ in 0..<30 { copy.add(5) }
        XCTAssertEqual(h.count, 10)
        XCTAssertEqual(h.quantile(0.9), 1, accuracy: 1e-3)
        XCTAssertEqual(copy.count, 40)
        XCTAssertEqual(copy.quantile(0.9), 5, accuracy: 5e-3)
    }

    /// Values are bucketed a batch at a time; a query with values still
    /// pending answers as one after `settle()`, leaves the pending values
    /// where they were, and settling twice changes nothing.
    func testPendingValuesCountBeforeAndAfterSettling() {
        var h = WaitHistogram(), sketch = QuantileSketch()
        for n in [1, WaitHistogram.batch - 1, 1, WaitHistogram.batch + 3] {   // across batch boundaries
            h.makeUnique()   // as the owner does after a copy
            for k in 0..<n {
                let x = Double(k % 97) * 0.37
                h.add(x)
                sketch.add(x)
            }
            let pending = h
            XCTAssertEqual(h.count, sketch.count)
            XCTAssertEqual(h.quantile(0.9).bitPattern, sketch.quantile(0.9).bitPattern)
            XCTAssertEqual(h.share(atOrBelow: 7).bitPattern, sketch.share(atOrBelow: 7).bitPattern)
            var settled = pending
            settled.makeUnique()
            settled.settle()
            settled.settle()
            XCTAssertEqual(settled.count, sketch.count)
            XCTAssertEqual(settled.quantile(0.5).bitPattern, sketch.quantile(0.5).bitPattern)
            XCTAssertEqual(pending.quantile(0.5).bitPattern, sketch.quantile(0.5).bitPattern, "the copy's settling left the original")
        }
    }
}
