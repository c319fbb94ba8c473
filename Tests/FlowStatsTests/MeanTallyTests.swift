import FlowStats
import XCTest

final class MeanTallyTests: XCTestCase {
    func testEmptyHasNoMean() {
        let t = MeanTally()
        XCTAssertEqual(t.count, 0)
        XCTAssertEqual(t.sum, 0)
        XCTAssertTrue(t.mean.isNaN)
    }

    func testCountSumAndMean() {
        var t = MeanTally()
        for x in [0.5, 1.5, 4.0, 0.0] { t.add(x) }
        XCTAssertEqual(t.count, 4)
        XCTAssertEqual(t.sum, 6)
        XCTAssertEqual(t.mean, 1.5)
    }

    /// A million tenths: the plain sum drifts by about 1e-6; the compensated
    /// sum stays within an ulp or two of 100,000, and the mean agrees with
    /// Welford's (Tally) to 1e-15.
    func testCompensatedSumDoesNotDrift() {
        var t = MeanTally(), welford = Tally()
        var plain = 0.0
        for _ in 0..<1_000_000 {
            t.add(0.1)
            welford.add(0.1)
            plain += 0.1
        }
        XCTAssertGreaterThan(abs(plain - 100_000), 1e-7, "the plain sum drifts (what the compensation is for)")
        XCTAssertEqual(t.sum, 100_000, accuracy: 100_000 * 4 * Double.ulpOfOne)
        XCTAssertEqual(t.mean, 0.1, accuracy: 0.1 * 4 * Double.ulpOfOne)
        XCTAssertEqual(t.mean, welford.mean, accuracy: 1e-15)
    }

    /// Small values after a large one are not lost.
    func testSmallAfterLarge() {
        var t = MeanTally()
        t.add(1e16)
        for _ in 0..<1_000 { t.add(1) }
        XCTAssertEqual(t.sum, 1e16 + 1_000)
        XCTAssertEqual(t.count, 1_001)
    }
}
