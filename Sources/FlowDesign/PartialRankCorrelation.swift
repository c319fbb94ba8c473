import CGSL
import Foundation

/// The partial rank correlation of one input with the output, controlling
/// for the other inputs, with its significance.
public struct PartialRankCorrelation: Sendable, Equatable {
    public let name: String
    /// In [−1, 1]; NaN for an input that is constant over the sample.
    public let coefficient: Double
    /// Two-sided p-value of H0: coefficient = 0, from
    /// t = r·√(df / (1 − r²)) with df = n − 2 − c (c = other inputs controlled for).
    public let pValue: Double
    /// Fisher-z confidence interval: tanh(atanh r ± z_{1−α/2} / √(n − 3 − c)).
    public let lower: Double
    public let upper: Double
    public let degreesOfFreedom: Int
}

/// Partial rank correlation coefficients (PRCC; Marino et al. 2008), the
/// measure for monotone but non-linear input–output relations in a Latin
/// hypercube sample.
///
/// Inputs and output are rank-transformed (average ranks for ties). The PRCC
/// of input i is the correlation of the residuals of rank(x_i) and rank(y)
/// after linear regression on the other inputs' ranks; all of them come at
/// once from the regression of rank(y) on every input's rank (β = R⁻¹ r_y):
/// PRCC_i = β_i / √(β_i² + (1 − R²)(R⁻¹)_ii). Cost O(n k² + k³ + k n log n),
/// so k = 20 and n = 10,000 is instant.
///
/// A constant input gets NaN and is left out of the others' controls; a
/// constant output, collinear inputs or too few points throw.
public enum PRCC {
    public static func estimate(
        design: LatinHypercubeDesign, outputs: [Double], confidence: Double = 0.95
    ) throws(DesignError) -> [PartialRankCorrelation] {
        try estimate(names: design.parameters.map(\.name), inputs: design.points, outputs: outputs, confidence: confidence)
    }

    /// Any sample: `inputs` row = point, column = parameter named in `names`.
    public static func estimate(
        names: [String], inputs: [[Double]], outputs: [Double], confidence: Double = 0.95
    ) throws(DesignError) -> [PartialRankCorrelation] {
        _ = gslErrorHandlerOff
        guard !names.isEmpty else { throw .noParameters }
        try DesignCheck.outputs(outputs, expected: inputs.count)
        try DesignCheck.confidence(confidence)
        for (row, x) in inputs.enumerated() {
            guard x.count == names.count else { throw .inputShape(row: row, found: x.count, expected: names.count) }
            if let column = x.firstIndex(where: { !$0.isFinite }) {
                throw .nonFiniteInput(row: row, column: column, found: x[column])
            }
        }
        let n = inputs.count
        guard let y0 = outputs.first, outputs.contains(where: { $0 != y0 }) else {
            throw .constantOutput(value: outputs.first ?? .nan)
        }
        var columns: [[Double]] = []
        var used: [Int] = []
        for j in names.indices {
            let column = inputs.map { $0[j] }
            if column.contains(where: { $0 != column[0] }) {
                columns.append(Ranks.of(column))
                used.append(j)
            }
        }
        let controls = max(used.count - 1, 0)
        guard n - 3 - controls >= 1 else {
            throw .tooFewPoints(found: n, expected: "at least \(used.count + 3) (varying inputs + 3)")
        }
        columns.append(Ranks.of(outputs))
        let full = correlation(columns)
        let y = used.count
        // Only the inputs' matrix is inverted: an output that the inputs explain exactly (a
        // deterministic model, or common random numbers that make a parameter's effect exact)
        // is a perfect fit, not an error. With β = R⁻¹ r_y and R² = r_yᵀβ, the partial
        // correlation is β_i / √(β_i² + (1 − R²)·(R⁻¹)_ii), the t-statistic identity.
        let inverse = try invert(Array(full[0..<y].map { Array($0[0..<y]) }))
        let ry = (0..<y).map { full[$0][y] }
        let beta = (0..<y).map { i in (0..<y).reduce(0.0) { $0 + inverse[i][$1] * ry[$1] } }
        let unexplained = max(0, 1 - zip(ry, beta).reduce(0.0) { $0 + $1.0 * $1.1 })
        let df = n - 2 - controls
        let zq = gsl_cdf_ugaussian_Pinv(1 - (1 - confidence) / 2)
        let se = 1 / Double(n - 3 - controls).squareRoot()

        var result = names.map {
            PartialRankCorrelation(name: $0, coefficient: .nan, pValue: .nan, lower: .nan, upper: .nan, degreesOfFreedom: df)
        }
        for (c, j) in used.enumerated() {
            let denominator = beta[c] * beta[c] + unexplained * inverse[c][c]
            // β = 0 with nothing left unexplained: the input has no effect the others leave room for.
            let r = denominator > 0 ? min(max(beta[c] / denominator.squareRoot(), -1), 1) : 0
            let p: Double
            if abs(r) == 1 {
                p = 0
            } else {
                let t = r * (Double(df) / (1 - r * r)).squareRoot()
                p = min(2 * gsl_cdf_tdist_Q(abs(t), Double(df)), 1)
            }
            let z = atanh(r)
            result[j] = PartialRankCorrelation(
                name: names[j], coefficient: r, pValue: p,
                lower: tanh(z - zq * se), upper: tanh(z + zq * se), degreesOfFreedom: df)
        }
        return result
    }

    /// Pearson correlation matrix of the columns. O(n m²).
    static func correlation(_ columns: [[Double]]) -> [[Double]] {
        let centred = columns.map { c -> [Double] in
            let mean = c.reduce(0, +) / Double(c.count)
            return c.map { $0 - mean }
        }
        let m = centred.count
        var cov = [[Double]](repeating: [Double](repeating: 0, count: m), count: m)
        for a in 0..<m {
            for b in a..<m {
                var s = 0.0
                centred[a].withUnsafeBufferPointer { x in
                    centred[b].withUnsafeBufferPointer { z in
                        for i in 0..<x.count { s += x[i] * z[i] }
                    }
                }
                cov[a][b] = s
                cov[b][a] = s
            }
        }
        return (0..<m).map { a in (0..<m).map { b in cov[a][b] / (cov[a][a] * cov[b][b]).squareRoot() } }
    }

    /// Gauss–Jordan inverse with partial pivoting; a pivot below 1e-10 (the
    /// matrix has unit diagonal) means collinear inputs.
    static func invert(_ matrix: [[Double]]) throws(DesignError) -> [[Double]] {
        let m = matrix.count
        var a = matrix
        var inv = (0..<m).map { i in (0..<m).map { $0 == i ? 1.0 : 0.0 } }
        for col in 0..<m {
            var pivot = col
            for r in (col + 1)..<m where abs(a[r][col]) > abs(a[pivot][col]) { pivot = r }
            guard abs(a[pivot][col]) > 1e-10 else { throw .collinearInputs }
            a.swapAt(col, pivot)
            inv.swapAt(col, pivot)
            let d = a[col][col]
            for c in 0..<m {
                a[col][c] /= d
                inv[col][c] /= d
            }
            for r in 0..<m where r != col && a[r][col] != 0 {
                let f = a[r][col]
                for c in 0..<m {
                    a[r][c] -= f * a[col][c]
                    inv[r][c] -= f * inv[col][c]
                }
            }
        }
        return inv
    }
}
