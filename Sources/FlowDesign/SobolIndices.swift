/// A sensitivity index with its percentile bootstrap confidence interval.
public struct IndexEstimate: Sendable, Equatable {
    public let value: Double
    public let lower: Double
    public let upper: Double
}

/// First-order and total Sobol indices from a `SaltelliDesign`'s outputs.
///
/// - First order (Saltelli et al. 2010, eq. b):
///   S_i = mean_j( f(B_j) · (f(AB_i,j) − f(A_j)) ) / V
/// - Total (Jansen 1999): ST_i = mean_j( (f(A_j) − f(AB_i,j))² ) / (2V)
///
/// V is the variance (divisor 2N) of the 2N outputs at A and B. Confidence
/// intervals are percentile bootstrap: the N base rows are resampled with
/// replacement (each keeping its A, B and AB_i outputs together) and all
/// indices recomputed, `resamples` times. Estimates can fall slightly outside
/// [0, 1] from sampling error; they are not clipped.
/// Cost O(resamples · N · k).
public struct SobolIndices: Sendable, Equatable {
    public let parameterNames: [String]
    public let firstOrder: [IndexEstimate]
    public let total: [IndexEstimate]
    /// Variance of the output over A and B.
    public let variance: Double
    public let confidence: Double
    public let resamples: Int

    /// - Parameters:
    ///   - outputs: one per design point, in the design's row order.
    ///   - resamples: bootstrap resamples (0 for no intervals: lower = upper = value).
    ///   - confidence: two-sided level of the intervals, e.g. 0.95.
    ///   - seed: seeds the resampling (GSL mt19937).
    /// - Throws: `DesignError` for a wrong number of outputs, a non-finite one,
    ///   or a constant output (V = 0).
    public init(
        design: SaltelliDesign, outputs: [Double], resamples: Int = 1000, confidence: Double = 0.95,
        seed: UInt64 = 1
    ) throws(DesignError) {
        let k = design.parameters.count
        let n = design.baseCount
        try DesignCheck.outputs(outputs, expected: design.points.count)
        try DesignCheck.count("bootstrap resamples", resamples, atLeast: 0)
        try DesignCheck.confidence(confidence)

        // Column-major copies: fA[j], fB[j], fAB[i*n + j].
        var fA = [Double](repeating: 0, count: n)
        var fB = [Double](repeating: 0, count: n)
        var fAB = [Double](repeating: 0, count: n * k)
        for j in 0..<n {
            fA[j] = outputs[design.rowA(j)]
            fB[j] = outputs[design.rowB(j)]
            for i in 0..<k { fAB[i * n + j] = outputs[design.rowAB(i, j)] }
        }
        let all = Array(0..<n)
        let point = Self.indices(fA, fB, fAB, k: k, rows: all)
        guard point.variance > 0 else { throw .constantOutput(value: fA[0]) }

        var firstSamples = [[Double]](repeating: [], count: k)
        var totalSamples = [[Double]](repeating: [], count: k)
        if resamples > 0 {
            let random = DesignRandom(seed: seed)
            var rows = [Int](repeating: 0, count: n)
            for _ in 0..<resamples {
                for j in 0..<n { rows[j] = random.index(below: n) }
                let b = Self.indices(fA, fB, fAB, k: k, rows: rows)
                guard b.variance > 0 else { continue }
                for i in 0..<k {
                    firstSamples[i].append(b.first[i])
                    totalSamples[i].append(b.total[i])
                }
            }
        }
        func estimate(_ value: Double, _ samples: [Double]) -> IndexEstimate {
            guard !samples.isEmpty else { return IndexEstimate(value: value, lower: value, upper: value) }
            let sorted = samples.sorted()
            let alpha = (1 - confidence) / 2
            return IndexEstimate(
                value: value, lower: Self.percentile(sorted, alpha), upper: Self.percentile(sorted, 1 - alpha))
        }
        self.parameterNames = design.parameters.map(\.name)
        self.firstOrder = (0..<k).map { estimate(point.first[$0], firstSamples[$0]) }
        self.total = (0..<k).map { estimate(point.total[$0], totalSamples[$0]) }
        self.variance = point.variance
        self.confidence = confidence
        self.resamples = resamples
    }

    /// The indices over the base rows listed in `rows` (repeats allowed).
    private static func indices(
        _ fA: [Double], _ fB: [Double], _ fAB: [Double], k: Int, rows: [Int]
    ) -> (first: [Double], total: [Double], variance: Double) {
        let n = fA.count
        let m = Double(rows.count)
        return fA.withUnsafeBufferPointer { a in
            fB.withUnsafeBufferPointer { b in
                fAB.withUnsafeBufferPointer { ab in
                    rows.withUnsafeBufferPointer { r in
                        var sum = 0.0
                        for j in r { sum += a[j] + b[j] }
                        let mean = sum / (2 * m)
                        var ss = 0.0
                        for j in r {
                            let da = a[j] - mean
                            let db = b[j] - mean
                            ss += da * da + db * db
                        }
                        let v = ss / (2 * m)
                        var first = [Double](repeating: 0, count: k)
                        var total = [Double](repeating: 0, count: k)
                        for i in 0..<k {
                            let base = i * n
                            var s1 = 0.0
                            var st = 0.0
                            for j in r {
                                let d = ab[base + j] - a[j]
                                s1 += b[j] * d
                                st += d * d
                            }
                            first[i] = s1 / m / v
                            total[i] = st / m / (2 * v)
                        }
                        return (first, total, v)
                    }
                }
            }
        }
    }

    /// Linear interpolation between order statistics (type 7, as R and NumPy).
    static func percentile(_ sorted: [Double], _ q: Double) -> Double {
        let h = q * Double(sorted.count - 1)
        let lo = Int(h.rounded(.down))
        let hi = min(lo + 1, sorted.count - 1)
        return sorted[lo] + (h - Double(lo)) * (sorted[hi] - sorted[lo])
    }
}
