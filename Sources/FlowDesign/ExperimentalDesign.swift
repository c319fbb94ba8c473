/// What every design gives the sweep: the parameters (columns) and the points
/// (rows) at which to run the simulator, in parameter units.
///
/// Estimators take the concrete design type back with one output per row, in
/// row order, so they know the design's structure (which rows form a Morris
/// trajectory, which are Saltelli's A, B and AB_i).
public protocol ExperimentalDesign: Sendable {
    var parameters: [Parameter] { get }
    /// Row = point, column = parameter, in parameter units.
    var points: [[Double]] { get }
}

extension ExperimentalDesign {
    /// Point `row` as (parameter name, value) pairs, ready to become scenario overrides.
    public func assignments(row: Int) -> [(name: String, value: Double)] {
        zip(parameters, points[row]).map { ($0.name, $1) }
    }
}

/// Shared checks so every design rejects the same bad input the same way.
enum DesignCheck {
    static func parameters(_ p: [Parameter]) throws(DesignError) {
        if p.isEmpty { throw .noParameters }
    }

    static func count(_ what: String, _ n: Int, atLeast minimum: Int) throws(DesignError) {
        if n < minimum { throw .invalidCount(what: what, found: n, expected: "at least \(minimum)") }
    }

    static func outputs(_ y: [Double], expected: Int) throws(DesignError) {
        guard y.count == expected else { throw .outputCount(found: y.count, expected: expected) }
        for (row, v) in y.enumerated() where !v.isFinite { throw .nonFiniteOutput(row: row, found: v) }
    }

    static func confidence(_ c: Double) throws(DesignError) {
        guard c > 0, c < 1 else { throw .invalidConfidence(found: c) }
    }
}
