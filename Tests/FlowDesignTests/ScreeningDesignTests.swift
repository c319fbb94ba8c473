import FlowDesign
import XCTest

/// Exact invariants of the one-at-a-time, factorial and Morris designs.
final class ScreeningDesignTests: XCTestCase {
    let params = [
        try! Parameter(name: "a", lower: 0, upper: 1),
        try! Parameter(name: "b", lower: 4, upper: 12, isInteger: true),
        try! Parameter(name: "c", levels: [1, 2, 5, 10]),
    ]

    func testOneAtATimeMovesOneParameterAtATime() throws {
        let d = try OneAtATimeDesign(parameters: params, levels: 3)
        XCTAssertEqual(d.baseline, [0.5, 8, 5], "midpoints; c's middle level of four is index 2 (1.5 rounds up)")
        // a: 0, 0.5*, 1; b: 4, 8*, 12; c: 1, 2, 5*, 10 (* = baseline, reuses row 0).
        XCTAssertEqual(d.points.count, 1 + 2 + 2 + 3)
        XCTAssertEqual(d.points[0], d.baseline)
        for (i, rows) in d.rows.enumerated() {
            XCTAssertEqual(rows.map { d.points[$0][i] }, d.levelValues[i])
            XCTAssertEqual(d.points[rows.first!][i], params[i].lower)
            XCTAssertEqual(d.points[rows.last!][i], params[i].upper)
            for r in rows where r != 0 {
                let moved = (0..<3).filter { d.points[r][$0] != d.baseline[$0] }
                XCTAssertEqual(moved, [i], "row \(r) moves only parameter \(i)")
            }
        }
        XCTAssertEqual(distinctRows(d.points), d.points.count, "no point is run twice")
        for p in d.points { XCTAssertEqual(p[1], p[1].rounded(), "integer parameter stays integral") }
    }

    func testOneAtATimeWithAnOffGridBaseline() throws {
        let d = try OneAtATimeDesign(parameters: params, levels: 3, baseline: [0.2, 5, 2])
        XCTAssertEqual(d.points.count, 1 + 3 + 3 + 3, "only c's level 2 coincides with the baseline")
        XCTAssertThrowsError(try OneAtATimeDesign(parameters: params, baseline: [0.2, 5])) {
            XCTAssertEqual("\($0)", "baseline: expected 3 values (one per parameter), found 2")
        }
        XCTAssertThrowsError(try OneAtATimeDesign(parameters: params, baseline: [2, 5, 2])) {
            XCTAssertEqual("\($0)", "baseline for 'a': expected a value in 0.0..1.0, found 2.0")
        }
        XCTAssertThrowsError(try OneAtATimeDesign(parameters: params, levels: 1)) {
            XCTAssertEqual("\($0)", "levels per parameter: expected at least 2, found 1")
        }
        XCTAssertThrowsError(try OneAtATimeDesign(parameters: [])) {
            XCTAssertEqual("\($0)", "a design needs at least one parameter, found none")
        }
    }

    func testFactorialHasEveryCombinationOnce() throws {
        let three = [params[0], params[1], try Parameter(name: "d", lower: -1, upper: 1)]
        let d = try FactorialDesign(parameters: three, levels: 3)
        XCTAssertEqual(d.points.count, 27)
        XCTAssertEqual(distinctRows(d.points), 27)
        XCTAssertEqual(d.points[0], [0, 4, -1])
        XCTAssertEqual(d.points[1], [0, 4, 0], "last parameter varies fastest")
        XCTAssertEqual(d.points[26], [1, 12, 1])
        for i in 0..<3 {
            XCTAssertEqual(Set(d.points.map { $0[i] }), Set(d.levelValues[i]))
        }

        let mixed = try FactorialDesign(parameters: params, levels: 5)
        XCTAssertEqual(mixed.points.count, 5 * 5 * 4, "explicit levels keep their own count")
        XCTAssertEqual(distinctRows(mixed.points), 100)
        for p in mixed.points { XCTAssertEqual(p[1], p[1].rounded()) }

        let many = (0..<10).map { try! Parameter(name: "p\($0)", lower: 0, upper: 1) }
        XCTAssertThrowsError(try FactorialDesign(parameters: many, levels: 10)) {
            XCTAssertEqual(
                "\($0)",
                "design would have 1000000 points, more than the limit of 100000; use fewer levels or a sampling design")
        }
    }

    func testMorrisTrajectoriesStepOneFactorByDelta() throws {
        let k = 5
        let ps = (0..<k).map { try! Parameter(name: "x\($0)", lower: Double($0), upper: Double($0) + 10) }
        for (levels, candidates) in [(4, nil), (6, nil), (4, 40)] as [(Int, Int?)] {
            let d = try MorrisDesign(parameters: ps, trajectories: 12, levels: levels, seed: 3, candidates: candidates)
            let delta = Double(levels) / (2 * Double(levels - 1))
            XCTAssertEqual(d.delta, delta)
            XCTAssertEqual(d.points.count, 12 * (k + 1))
            for t in 0..<12 {
                XCTAssertEqual(d.changedFactor[t].sorted(), Array(0..<k), "each factor changes once")
                let rows = d.rows(ofTrajectory: t)
                for (s, i) in d.changedFactor[t].enumerated() {
                    let u0 = d.units[rows.lowerBound + s]
                    let u1 = d.units[rows.lowerBound + s + 1]
                    for z in 0..<k where z != i { XCTAssertEqual(u0[z], u1[z]) }
                    XCTAssertEqual(abs(u1[i] - u0[i]), delta, accuracy: 1e-12)
                }
                for u in d.units[rows] {
                    for x in u {
                        let level = x * Double(levels - 1)
                        XCTAssertEqual(level, level.rounded(), accuracy: 1e-9, "on the grid")
                        XCTAssertTrue((0...1).contains(x))
                    }
                }
            }
            for (u, p) in zip(d.units, d.points) {
                for z in 0..<k { XCTAssertEqual(p[z], Double(z) + 10 * u[z], accuracy: 1e-12) }
            }
        }
    }

    func testMorrisIsReproducibleAndChecksItsArguments() throws {
        let a = try MorrisDesign(parameters: params, trajectories: 10, seed: 7)
        let b = try MorrisDesign(parameters: params, trajectories: 10, seed: 7)
        let c = try MorrisDesign(parameters: params, trajectories: 10, seed: 8)
        XCTAssertEqual(a.points, b.points)
        XCTAssertNotEqual(a.units, c.units)
        XCTAssertThrowsError(try MorrisDesign(parameters: params, trajectories: 10, levels: 5, seed: 1)) {
            XCTAssertEqual("\($0)", "Morris grid levels: expected an even number ≥ 2, found 5")
        }
        XCTAssertThrowsError(try MorrisDesign(parameters: params, trajectories: 1, seed: 1)) {
            XCTAssertEqual("\($0)", "Morris trajectories: expected at least 2, found 1")
        }
        XCTAssertThrowsError(try MorrisDesign(parameters: params, trajectories: 10, seed: 1, candidates: 5)) {
            XCTAssertEqual("\($0)", "Morris candidate trajectories: expected at least 10, found 5")
        }
    }

    /// Campolongo selection keeps the most spread trajectories, so their mean
    /// pairwise distance exceeds that of the same number drawn plainly.
    func testCampolongoSelectionSpreadsTrajectories() throws {
        let ps = (0..<4).map { try! Parameter(name: "x\($0)", lower: 0, upper: 1) }
        func spread(_ d: MorrisDesign) -> Double {
            var total = 0.0
            for a in 0..<d.trajectories {
                for b in (a + 1)..<d.trajectories {
                    for x in d.units[d.rows(ofTrajectory: a)] {
                        for y in d.units[d.rows(ofTrajectory: b)] {
                            total += zip(x, y).map { ($0 - $1) * ($0 - $1) }.reduce(0, +).squareRoot()
                        }
                    }
                }
            }
            return total
        }
        let plain = try MorrisDesign(parameters: ps, trajectories: 8, seed: 11)
        let chosen = try MorrisDesign(parameters: ps, trajectories: 8, seed: 11, candidates: 80)
        XCTAssertGreaterThan(spread(chosen), spread(plain))
    }
}
