import FlowDesign
import Foundation
import XCTest

/// Morris effects, PRCC and tornado bars on functions whose importance order
/// (and for Morris, whose exact effects) are known by construction.
final class ScreeningEstimatorTests: XCTestCase {
    /// y = 0.08·x1 + 4·x2² − 0.1·x3 + 0·x4 + 2·x5, with ranges chosen so the
    /// effect per whole range is 8 (x1 on 0..100), 4·(2x + Δ) ∈ {8/3, 16/3}
    /// (x2 on 0..1, p = 4, Δ = 2/3), −1 (x3 on −5..5), 0 (dummy x4) and 10
    /// (x5, integer 0..5, whose grid values get rounded).
    func testMorrisEffectsAreExactForLinearTermsAndRankTheInputs() throws {
        let ps = [
            try Parameter(name: "x1", lower: 0, upper: 100),
            try Parameter(name: "x2", lower: 0, upper: 1),
            try Parameter(name: "x3", lower: -5, upper: 5),
            try Parameter(name: "x4", lower: 0, upper: 1),
            try Parameter(name: "x5", lower: 0, upper: 5, isInteger: true),
        ]
        let d = try MorrisDesign(parameters: ps, trajectories: 20, seed: 4)
        let y = d.points.map { x in 0.08 * x[0] + 4 * x[1] * x[1] - 0.1 * x[2] + 0 * x[3] + 2 * x[4] }
        let e = try MorrisEffects.estimate(design: d, outputs: y)
        XCTAssertEqual(e.map(\.name), ["x1", "x2", "x3", "x4", "x5"])
        XCTAssertEqual(e[0].muStar, 8, accuracy: 1e-9)
        XCTAssertEqual(e[0].mu, 8, accuracy: 1e-9)
        XCTAssertEqual(e[0].sigma, 0, accuracy: 1e-9, "a linear term has one effect everywhere")
        XCTAssertEqual(e[2].mu, -1, accuracy: 1e-9, "mu keeps the sign")
        XCTAssertEqual(e[2].muStar, 1, accuracy: 1e-9)
        XCTAssertEqual(e[3].muStar, 0, "the dummy has no effect")
        XCTAssertEqual(e[4].muStar, 10, accuracy: 1e-9, "rounding to integers is accounted for")
        XCTAssertTrue((8.0 / 3 - 1e-9...16.0 / 3 + 1e-9).contains(e[1].muStar))
        XCTAssertGreaterThan(e[1].sigma, 0.5, "x2 is non-linear")
        XCTAssertTrue(e.allSatisfy { $0.count == 20 })
        let order = e.indices.sorted { e[$0].muStar > e[$1].muStar }
        XCTAssertEqual(order, [4, 0, 1, 2, 3])
        XCTAssertThrowsError(try MorrisEffects.estimate(design: d, outputs: [1])) {
            XCTAssertEqual($0 as? DesignError, .outputCount(found: 1, expected: 120))
        }
    }

    func testRanksAverageTies() {
        XCTAssertEqual(Ranks.of([3, 1, 3, 2]), [3.5, 1, 3.5, 2])
        XCTAssertEqual(Ranks.of([5, 5, 5]), [2, 2, 2])
        XCTAssertEqual(Ranks.of([0.3, -1, 9]), [2, 1, 3])
    }

    func sample(n: Int, seed: UInt64) throws -> (LatinHypercubeDesign, [Double]) {
        let ps = (1...4).map { try! Parameter(name: "x\($0)", lower: 0, upper: 1) }
        let d = try LatinHypercubeDesign(parameters: ps, count: n, seed: seed)
        var noise = TestRandom(seed: seed)
        let y = d.points.map { x in exp(2 * x[0]) + 3 * x[1] + x[2] + 0 * x[3] + 0.3 * noise.normal() }
        return (d, y)
    }

    /// y = e^{2 x1} + 3 x2 + x3 + 0·x4 + 0.3 ε: monotone in x1..x3 with
    /// decreasing strength, x4 a dummy. n = 1000, so the standard error of a
    /// null PRCC is about 1/√996 ≈ 0.032: we require |PRCC(x4)| < 0.1 (≈ 3 se).
    func testPRCCRanksTheInputsAndFindsTheDummy() throws {
        let (d, y) = try sample(n: 1000, seed: 21)
        let r = try PRCC.estimate(design: d, outputs: y)
        for c in r { print("\(c.name): \(c.coefficient) p \(c.pValue) [\(c.lower), \(c.upper)]") }
        XCTAssertGreaterThan(r[0].coefficient, r[1].coefficient)
        XCTAssertGreaterThan(r[1].coefficient, r[2].coefficient)
        XCTAssertGreaterThan(r[2].coefficient, 0.3)
        XCTAssertLessThan(abs(r[3].coefficient), 0.1)
        for c in r.prefix(3) { XCTAssertLessThan(c.pValue, 1e-10, c.name) }
        XCTAssertGreaterThan(r[3].pValue, 0.001)
        XCTAssertEqual(r[0].degreesOfFreedom, 1000 - 2 - 3)
        // Fisher z interval: atanh(bound) = atanh(r) ± z_0.975 / √(n − 3 − c).
        for c in r {
            XCTAssertEqual(atanh(c.upper) - atanh(c.coefficient), 1.959963985 / (1000.0 - 3 - 3).squareRoot(), accuracy: 1e-7)
            XCTAssertEqual(atanh(c.coefficient) - atanh(c.lower), 1.959963985 / (1000.0 - 3 - 3).squareRoot(), accuracy: 1e-7)
        }
    }

    /// With two inputs the PRCC has a closed form in the Spearman correlations:
    /// r_xy·z = (r_xy − r_xz r_yz) / √((1 − r_xz²)(1 − r_yz²)).
    func testPRCCMatchesTheClosedFormForTwoInputs() throws {
        let ps = [try Parameter(name: "x", lower: 0, upper: 1), try Parameter(name: "z", lower: 0, upper: 1)]
        let d = try LatinHypercubeDesign(parameters: ps, count: 300, seed: 8)
        var noise = TestRandom(seed: 8)
        let y = d.points.map { x in x[0] * x[0] + 0.5 * x[1] + 0.2 * noise.normal() }
        func pearson(_ a: [Double], _ b: [Double]) -> Double {
            let ma = a.reduce(0, +) / Double(a.count)
            let mb = b.reduce(0, +) / Double(b.count)
            let sab = zip(a, b).map { ($0 - ma) * ($1 - mb) }.reduce(0, +)
            let saa = a.map { ($0 - ma) * ($0 - ma) }.reduce(0, +)
            let sbb = b.map { ($0 - mb) * ($0 - mb) }.reduce(0, +)
            return sab / (saa * sbb).squareRoot()
        }
        let rx = Ranks.of(d.points.map { $0[0] })
        let rz = Ranks.of(d.points.map { $0[1] })
        let ry = Ranks.of(y)
        let (xy, xz, yz) = (pearson(rx, ry), pearson(rx, rz), pearson(ry, rz))
        let expectedX = (xy - xz * yz) / ((1 - xz * xz) * (1 - yz * yz)).squareRoot()
        let expectedZ = (yz - xz * xy) / ((1 - xz * xz) * (1 - xy * xy)).squareRoot()
        let r = try PRCC.estimate(design: d, outputs: y)
        XCTAssertEqual(r[0].coefficient, expectedX, accuracy: 1e-10)
        XCTAssertEqual(r[1].coefficient, expectedZ, accuracy: 1e-10)
    }

    func testPRCCConstantAndDegenerateInputs() throws {
        let (d, y) = try sample(n: 200, seed: 3)
        var withConstant = d.points
        for i in withConstant.indices { withConstant[i][3] = 7 }
        let names = ["x1", "x2", "x3", "x4"]
        let r = try PRCC.estimate(names: names, inputs: withConstant, outputs: y)
        XCTAssertTrue(r[3].coefficient.isNaN, "a constant input has no PRCC")
        let without = try PRCC.estimate(
            names: Array(names.prefix(3)), inputs: d.points.map { Array($0.prefix(3)) }, outputs: y)
        for i in 0..<3 { XCTAssertEqual(r[i].coefficient, without[i].coefficient, accuracy: 1e-12, "left out of the controls") }

        XCTAssertThrowsError(try PRCC.estimate(design: d, outputs: [Double](repeating: 2, count: 200))) {
            XCTAssertEqual($0 as? DesignError, .constantOutput(value: 2))
        }
        let collinear = d.points.map { [$0[0], 2 * $0[0] + 1, $0[2]] }
        XCTAssertThrowsError(try PRCC.estimate(names: ["a", "b", "c"], inputs: collinear, outputs: y)) {
            XCTAssertEqual("\($0)", "inputs are collinear (one is a linear function of the others); partial correlations are undefined")
        }
        XCTAssertThrowsError(
            try PRCC.estimate(names: names, inputs: Array(d.points.prefix(6)), outputs: Array(y.prefix(6)))
        ) {
            XCTAssertEqual("\($0)", "sample: expected at least 7 (varying inputs + 3) points, found 6")
        }
        XCTAssertThrowsError(try PRCC.estimate(names: ["a"], inputs: d.points, outputs: y)) {
            XCTAssertEqual("\($0)", "input row 0: expected 1 values, found 4")
        }
        var infinite = d.points
        infinite[4][2] = .infinity
        XCTAssertThrowsError(try PRCC.estimate(names: names, inputs: infinite, outputs: y)) {
            XCTAssertEqual("\($0)", "input row 4, column 2: expected a finite number, found inf")
        }
        XCTAssertThrowsError(try PRCC.estimate(names: names, inputs: d.points, outputs: y, confidence: 0)) {
            XCTAssertEqual($0 as? DesignError, .invalidConfidence(found: 0))
        }
        XCTAssertThrowsError(try PRCC.estimate(names: [], inputs: [], outputs: [])) {
            XCTAssertEqual($0 as? DesignError, .noParameters)
        }
        XCTAssertThrowsError(try PRCC.estimate(design: d, outputs: Array(y.prefix(10)))) {
            XCTAssertEqual($0 as? DesignError, .outputCount(found: 10, expected: 200))
        }
    }

    /// k = 20, n = 10,000: O(n k²) work, well under a second even in debug.
    func testPRCCScalesToTwentyInputsAndTenThousandPoints() throws {
        let ps = (0..<20).map { try! Parameter(name: "x\($0)", lower: 0, upper: 1) }
        let d = try LatinHypercubeDesign(parameters: ps, count: 10_000, seed: 1)
        let y = d.points.map { x in (0..<20).map { Double(20 - $0) * x[$0] }.reduce(0, +) }
        let start = Date()
        let r = try PRCC.estimate(design: d, outputs: y)
        let seconds = Date().timeIntervalSince(start)
        print("PRCC k = 20, n = 10,000: \(seconds) s")
        XCTAssertLessThan(seconds, 5)
        for i in 1..<20 { XCTAssertGreaterThan(r[i - 1].coefficient, r[i].coefficient, "weights decrease") }
    }

    func testTornadoBarsAreTheEndLevelOutputs() throws {
        let ps = [
            try Parameter(name: "a", lower: 0, upper: 2),
            try Parameter(name: "b", lower: 4, upper: 12, isInteger: true),
            try Parameter(name: "c", levels: [1, 3, 10]),
        ]
        let d = try OneAtATimeDesign(parameters: ps, levels: 5, baseline: [1, 6, 3])
        func f(_ x: [Double]) -> Double { 2 * x[0] - x[1] + x[2] * x[2] }
        let bars = try TornadoEffects.estimate(design: d, outputs: d.points.map(f))
        let base = f([1, 6, 3])
        XCTAssertEqual(bars.map(\.baselineOutput), [base, base, base])
        XCTAssertEqual(bars[0].lowValue, 0)
        XCTAssertEqual(bars[0].highValue, 2)
        XCTAssertEqual(bars[0].lowChange, -2)
        XCTAssertEqual(bars[0].highChange, 2)
        XCTAssertEqual(bars[1].lowOutput, f([1, 4, 3]))
        XCTAssertEqual(bars[1].highOutput, f([1, 12, 3]))
        XCTAssertEqual(bars[1].swing, 8)
        XCTAssertEqual(bars[2].lowChange, 1 - 9)
        XCTAssertEqual(bars[2].highChange, 100 - 9)
        XCTAssertEqual(bars.sorted { $0.swing > $1.swing }.map(\.name), ["c", "b", "a"])
        XCTAssertThrowsError(try TornadoEffects.estimate(design: d, outputs: [])) {
            XCTAssertEqual($0 as? DesignError, .outputCount(found: 0, expected: d.points.count))
        }
    }
}

/// An output the inputs explain exactly (a deterministic model, or common
/// random numbers that make an effect exact) is a perfect fit, not an error.
final class PRCCPerfectFitTests: XCTestCase {
    func testAnOutputOfOneInputOnlyGivesOneAndZero() throws {
        let d = try LatinHypercubeDesign(parameters: [try Parameter(name: "a", lower: 0, upper: 1),
                                                      try Parameter(name: "b", lower: 0, upper: 1)], count: 30, seed: 3)
        let y = d.points.map { exp(3 * $0[0]) }
        let r = try PRCC.estimate(design: d, outputs: y)
        XCTAssertEqual(r[0].coefficient, 1, accuracy: 1e-9)
        XCTAssertEqual(r[1].coefficient, 0, accuracy: 1e-9, "b has no effect once a is known")
        XCTAssertEqual(r[0].pValue, 0)
        let falling = try PRCC.estimate(design: d, outputs: d.points.map { -$0[1] })
        XCTAssertEqual(falling[1].coefficient, -1, accuracy: 1e-9)
    }
}
