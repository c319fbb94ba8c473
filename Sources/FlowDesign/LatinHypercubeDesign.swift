/// A Latin hypercube sample (McKay, Beckman & Conover 1979): n points in
/// which each parameter's n equal-probability strata are each hit exactly once.
///
/// For parameter j, point i falls in stratum π_j(i) of a random permutation
/// π_j, at a uniform random position inside it: u = (π_j(i) + U) / n, then
/// value = `quantile(u)`. Strata are of probability, so a normal parameter's
/// strata are narrow near its mean. Deterministic given the seed
/// (GSL mt19937). O(n k) time and memory.
public struct LatinHypercubeDesign: ExperimentalDesign {
    public let parameters: [Parameter]
    public let seed: UInt64
    /// The unit-cube coordinates before the inverse CDF, row = point.
    public let units: [[Double]]
    public let points: [[Double]]

    public init(parameters: [Parameter], count: Int, seed: UInt64) throws(DesignError) {
        try DesignCheck.parameters(parameters)
        try DesignCheck.count("Latin hypercube points", count, atLeast: 2)
        let random = DesignRandom(seed: seed)
        var units = [[Double]](repeating: [Double](repeating: 0, count: parameters.count), count: count)
        for j in parameters.indices {
            let strata = random.permutation(count)
            for i in 0..<count {
                units[i][j] = min((Double(strata[i]) + random.uniformPositive()) / Double(count), 1.0.nextDown)
            }
        }
        self.parameters = parameters
        self.seed = seed
        self.units = units
        self.points = units.map { u in zip(parameters, u).map { $0.quantile($1) } }
    }
}
