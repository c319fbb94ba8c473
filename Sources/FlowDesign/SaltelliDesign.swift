/// Saltelli's sampling scheme for first-order and total Sobol indices
/// (Saltelli 2002; Saltelli et al. 2010).
///
/// Two base matrices A and B of N rows come from one 2k-dimensional Sobol
/// sequence: A is its first k columns, B its last k. GSL's sequence already
/// omits the origin (the point other implementations skip), so by default
/// nothing more is skipped; `skip` drops further leading points. AB_i is
/// A with column i taken from B. The design has N·(k+2) points, in blocks of
/// k+2 rows per base row j (the order SALib uses):
///
///     row j·(k+2)          A_j
///     row j·(k+2) + 1 + i  AB_i,j   (i = 0..<k)
///     row j·(k+2) + k + 1  B_j
///
/// Keeping a base row's points together lets the bootstrap resample base rows.
/// Deterministic (quasi-random, no seed); N = 2^m − 1 balances best (see
/// `SobolSequence`), though any N works.
/// 2k must not exceed `SobolSequence.maxDimension`.
public struct SaltelliDesign: ExperimentalDesign {
    public let parameters: [Parameter]
    /// N, the number of base rows.
    public let baseCount: Int
    public let points: [[Double]]

    public init(parameters: [Parameter], baseCount: Int, skip: Int = 0) throws(DesignError) {
        try DesignCheck.parameters(parameters)
        try DesignCheck.count("Saltelli base points N", baseCount, atLeast: 2)
        let k = parameters.count
        let units = try SobolSequence.points(dimension: 2 * k, count: baseCount, skip: skip)
        var points: [[Double]] = []
        points.reserveCapacity(baseCount * (k + 2))
        for u in units {
            let a = (0..<k).map { parameters[$0].quantile(u[$0]) }
            let b = (0..<k).map { parameters[$0].quantile(u[k + $0]) }
            points.append(a)
            for i in 0..<k {
                var ab = a
                ab[i] = b[i]
                points.append(ab)
            }
            points.append(b)
        }
        self.parameters = parameters
        self.baseCount = baseCount
        self.points = points
    }

    public var blockSize: Int { parameters.count + 2 }
    /// Row of A_j.
    public func rowA(_ j: Int) -> Int { j * blockSize }
    /// Row of B_j.
    public func rowB(_ j: Int) -> Int { j * blockSize + parameters.count + 1 }
    /// Row of AB_i,j (A_j with parameter i's value from B_j).
    public func rowAB(_ i: Int, _ j: Int) -> Int { j * blockSize + 1 + i }
}
