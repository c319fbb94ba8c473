import FlowDesign
import XCTest

/// Exact invariants of the Latin hypercube, Sobol and Saltelli designs.
final class SamplingDesignTests: XCTestCase {
    func testLatinHypercubeHitsEachStratumOnce() throws {
        for k in [1, 3, 8] {
            for n in [2, 7, 50, 333] {
                let ps = (0..<k).map { try! Parameter(name: "x\($0)", lower: Double($0), upper: Double($0) + 2) }
                let d = try LatinHypercubeDesign(parameters: ps, count: n, seed: UInt64(10 * k + n))
                XCTAssertEqual(d.points.count, n)
                for j in 0..<k {
                    // In value space, from the uniform CDF, not from the design's units.
                    let strata = d.points.map { Int((($0[j] - Double(j)) / 2 * Double(n)).rounded(.down)) }
                    XCTAssertEqual(strata.sorted(), Array(0..<n), "k \(k), n \(n), column \(j)")
                }
            }
        }
    }

    func testLatinHypercubeStrataAreOfProbabilityForNonUniformInputs() throws {
        let ps = [
            try Parameter.normal(name: "n", mean: 10, sd: 2),
            try Parameter(name: "t", lower: 1, upper: 4, distribution: .triangular(mode: 2)),
        ]
        let n = 200
        let d = try LatinHypercubeDesign(parameters: ps, count: n, seed: 5)
        let normalStrata = d.points.map { Int((normalCDF(($0[0] - 10) / 2) * Double(n)).rounded(.down)) }
        XCTAssertEqual(normalStrata.sorted(), Array(0..<n))
        func triangularCDF(_ x: Double) -> Double { x <= 2 ? (x - 1) * (x - 1) / 3 : 1 - (4 - x) * (4 - x) / 6 }
        // The CDF inverts the quantile to ~1e-15, far from a stratum edge unless
        // the uniform draw inside the stratum is within 1e-13 of 0 or 1.
        let triangularStrata = d.points.map { Int((triangularCDF($0[1]) * Double(n)).rounded(.down)) }
        XCTAssertEqual(triangularStrata.sorted(), Array(0..<n))
    }

    func testLatinHypercubeSeeds() throws {
        let ps = [try Parameter(name: "x", lower: 0, upper: 1), try Parameter(name: "y", lower: 0, upper: 1)]
        let a = try LatinHypercubeDesign(parameters: ps, count: 20, seed: 42)
        let b = try LatinHypercubeDesign(parameters: ps, count: 20, seed: 42)
        let c = try LatinHypercubeDesign(parameters: ps, count: 20, seed: 43)
        let high = try LatinHypercubeDesign(parameters: ps, count: 20, seed: 42 | 1 << 40)
        XCTAssertEqual(a.points, b.points, "same seed, same design")
        XCTAssertNotEqual(a.points, c.points)
        XCTAssertNotEqual(a.points, high.points, "seeds differing only above bit 32 still differ")
        let integer = try LatinHypercubeDesign(
            parameters: [try Parameter(name: "s", lower: 4, upper: 12, isInteger: true)], count: 30, seed: 1)
        XCTAssertTrue(integer.points.allSatisfy { $0[0] == $0[0].rounded() && (4...12).contains($0[0]) })
        XCTAssertThrowsError(try LatinHypercubeDesign(parameters: ps, count: 1, seed: 1)) {
            XCTAssertEqual("\($0)", "Latin hypercube points: expected at least 2, found 1")
        }
    }

    /// The Sobol sequence's first 2^m points put exactly one point in each of
    /// the 2^m equal intervals of every coordinate (a (0, m, 1)-net). GSL
    /// omits the leading origin, so its first 2^m − 1 points plus the origin do.
    func testSobolOneDimensionalProjectionsAreBalanced() throws {
        let m = 6
        let count = 1 << m
        let u = try SobolSequence.points(dimension: 10, count: count - 1)
        XCTAssertEqual(u[0], [Double](repeating: 0.5, count: 10), "GSL starts after the origin")
        for j in 0..<10 {
            let intervals = [0] + u.map { Int($0[j] * Double(count)) }
            XCTAssertEqual(intervals.sorted(), Array(0..<count), "dimension \(j)")
        }
        XCTAssertFalse(u.contains { $0.contains(0) }, "no coordinate is 0")
        let d = try SobolDesign(parameters: [try Parameter(name: "x", lower: 2, upper: 4)], count: 3)
        XCTAssertEqual(d.points.map { $0[0] }, [3, 3.5, 2.5], "van der Corput: 1/2, 3/4, 1/4")
        let skipped = try SobolDesign(parameters: [try Parameter(name: "x", lower: 2, upper: 4)], count: 2, skip: 1)
        XCTAssertEqual(skipped.points.map { $0[0] }, [3.5, 2.5])
    }

    func testSobolDimensionLimit() throws {
        let max = SobolSequence.maxDimension
        XCTAssertEqual(max, 40, "GSL 2.x")
        XCTAssertEqual(try SobolSequence.points(dimension: max, count: 2).first?.count, max)
        XCTAssertThrowsError(try SobolSequence.points(dimension: max + 1, count: 2)) {
            XCTAssertEqual($0 as? DesignError, .sobolDimension(found: 41, maximum: 40))
            XCTAssertEqual("\($0)", "Sobol sequence: GSL supports at most 40 dimensions, found 41")
        }
    }

    func testSaltelliBlocksHoldAABiAndB() throws {
        let k = 4
        let ps = (0..<k).map { try! Parameter(name: "x\($0)", lower: 0, upper: Double($0 + 1)) }
        let n = 64
        let d = try SaltelliDesign(parameters: ps, baseCount: n)
        XCTAssertEqual(d.points.count, n * (k + 2))
        let base = try SobolSequence.points(dimension: 2 * k, count: n)
        for j in 0..<n {
            let a = d.points[d.rowA(j)]
            let b = d.points[d.rowB(j)]
            XCTAssertEqual(a, (0..<k).map { base[j][$0] * Double($0 + 1) }, "A = first k Sobol columns")
            XCTAssertEqual(b, (0..<k).map { base[j][k + $0] * Double($0 + 1) }, "B = last k Sobol columns")
            for i in 0..<k {
                var expected = a
                expected[i] = b[i]
                XCTAssertEqual(d.points[d.rowAB(i, j)], expected)
            }
        }
        XCTAssertEqual(d.rowA(1), k + 2)
        let twentyOne = (0..<21).map { try! Parameter(name: "x\($0)", lower: 0, upper: 1) }
        XCTAssertThrowsError(try SaltelliDesign(parameters: twentyOne, baseCount: 8)) {
            XCTAssertEqual($0 as? DesignError, .sobolDimension(found: 42, maximum: 40))
        }
    }
}
