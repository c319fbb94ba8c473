import FlowStats
import XCTest

/// MSER-5 on series whose transient is known by construction.
final class MSERTests: XCTestCase {
    /// 2,000 points of N(0, 1) noise around a mean that starts at 10 and
    /// reaches 0 at point 200, then stays there.
    func series(seed: UInt64, shape: (Int) -> Double) -> [Double] {
        var rng = TestRandom(seed: seed)
        return (0..<2000).map { i in (i < 200 ? shape(i) : 0) + rng.normal() }
    }

    func testLinearTransientIsCutNearItsEnd() throws {
        for seed: UInt64 in 1...8 {
            let y = series(seed: seed) { i in 10 * (1 - Double(i) / 200) }
            let r = try XCTUnwrap(MSER.truncation(y))
            print("seed \(seed): truncation \(r.truncation), MSER \(r.statistic), mean \(r.truncatedMean)")
            XCTAssertTrue((150...260).contains(r.truncation), "seed \(seed): truncation \(r.truncation)")
            XCTAssertEqual(r.truncation % 5, 0)
            XCTAssertFalse(r.reachedSearchLimit)
            XCTAssertEqual(r.truncatedMean, 0, accuracy: 0.12, "the kept data are the stationary part")
        }
    }

    func testExponentialTransientIsCutWhereTheBiasIsBelowTheNoise() throws {
        // 10·e^(−i/25): below 0.1 by point 115, 0.003 at 200.
        for seed: UInt64 in 11...18 {
            let y = series(seed: seed) { i in 10 * exp(-Double(i) / 25) }
            let r = try XCTUnwrap(MSER.truncation(y))
            print("seed \(seed): truncation \(r.truncation)")
            XCTAssertTrue((50...200).contains(r.truncation), "seed \(seed): truncation \(r.truncation)")
            let untruncated = y.reduce(0, +) / Double(y.count)
            XCTAssertLessThan(abs(r.truncatedMean), abs(untruncated), "truncation removes bias")
        }
    }

    func testStationarySeriesKeepsAlmostEverything() throws {
        for seed: UInt64 in 21...28 {
            var rng = TestRandom(seed: seed)
            let y = (0..<2000).map { _ in 5 + rng.normal() }
            let r = try XCTUnwrap(MSER.truncation(y))
            XCTAssertLessThanOrEqual(r.truncation, 50, "seed \(seed)")
        }
    }

    func testStatisticMatchesTheDefinition() throws {
        var rng = TestRandom(seed: 3)
        let y = (0..<103).map { i in Double(i % 7) + rng.normal() }
        let stats = MSER.statistics(y)
        let z = try XCTUnwrap(MSER.batchMeans(y, batchSize: 5))
        XCTAssertEqual(z.count, 20, "the 3 trailing observations do not make a batch")
        XCTAssertEqual(stats.count, 11, "d = 0 through m/2")
        for d in stats.indices {
            let kept = Array(z[d...])
            let mean = kept.reduce(0, +) / Double(kept.count)
            let ss = kept.map { ($0 - mean) * ($0 - mean) }.reduce(0, +)
            XCTAssertEqual(stats[d], ss / Double(kept.count * kept.count), accuracy: 1e-12)
        }
        let r = try XCTUnwrap(MSER.truncation(y))
        XCTAssertEqual(r.statistic, stats.min())
        XCTAssertEqual(r.batches, 20)
    }

    func testTrendThroughoutReachesTheSearchLimit() throws {
        let y = (0..<500).map { Double(500 - $0) }
        let r = try XCTUnwrap(MSER.truncation(y))
        XCTAssertTrue(r.reachedSearchLimit, "a series that never settles is too short to judge")
        XCTAssertEqual(r.batchesDeleted, 50)
    }

    func testWarmUpTimeAndEdgeCases() throws {
        let y = [Double](repeating: 10, count: 40) + (0..<160).map { Double($0 % 2) }
        let r = try XCTUnwrap(MSER.truncation(y, batchSize: 1))
        XCTAssertEqual(r.truncation, 40)
        let times = y.indices.map { Double($0) * 0.5 }
        XCTAssertEqual(r.warmUp(times: times), 20)
        XCTAssertNil(r.warmUp(times: [0, 1]))
        XCTAssertNil(MSER.truncation([1, 2, 3, 4, 5, 6, 7, 8, 9]), "fewer than four batches")
        XCTAssertNil(MSER.truncation((0..<50).map { $0 == 7 ? .nan : Double($0) }))
        XCTAssertNil(MSER.truncation((0..<50).map(Double.init), batchSize: 0))
        XCTAssertEqual(MSER.truncation([Double](repeating: 2, count: 50))?.truncation, 0, "constant: nothing to cut")
    }
}
