import CGSL

/// Points of GSL's Sobol low-discrepancy sequence (`gsl_qrng_sobol`, Antonov &
/// Saleev's Gray-code construction with Bratley & Fox's direction numbers) in
/// the unit cube [0, 1)^d.
///
/// Quasi-random, hence deterministic: there is no seed. GSL omits the
/// sequence's leading origin, so its first point is (1/2, …, 1/2): the
/// "skip the first point" other libraries do to avoid the origin (a bound, or
/// −∞ under an unbounded normal) is already done. The first 2^m − 1 GSL
/// points plus the origin put one point in each of 2^m equal intervals of
/// every coordinate, so power-of-two-minus-one counts balance best.
public enum SobolSequence {
    /// The largest dimension GSL's Sobol generator supports (40 in GSL 2.x).
    public static var maxDimension: Int { Int(flowsim_qrng_sobol().pointee.max_dimension) }

    /// The first `count` points after skipping `skip`, row = point.
    /// - Throws: `DesignError.sobolDimension` beyond `maxDimension`.
    public static func points(dimension: Int, count: Int, skip: Int = 0) throws(DesignError) -> [[Double]] {
        _ = gslErrorHandlerOff
        try DesignCheck.count("Sobol dimension", dimension, atLeast: 1)
        try DesignCheck.count("Sobol points", count, atLeast: 1)
        try DesignCheck.count("Sobol points skipped", skip, atLeast: 0)
        guard dimension <= maxDimension else { throw .sobolDimension(found: dimension, maximum: maxDimension) }
        guard let q = gsl_qrng_alloc(flowsim_qrng_sobol(), UInt32(dimension)) else {
            throw .sobolDimension(found: dimension, maximum: maxDimension)
        }
        defer { gsl_qrng_free(q) }
        var x = [Double](repeating: 0, count: dimension)
        for _ in 0..<skip { _ = gsl_qrng_get(q, &x) }
        var rows: [[Double]] = []
        rows.reserveCapacity(count)
        for _ in 0..<count {
            _ = gsl_qrng_get(q, &x)
            rows.append(x)
        }
        return rows
    }
}

/// Sobol quasi-random points mapped through each parameter's inverse CDF: a
/// space-filling sample that converges faster than Monte Carlo for smooth
/// outputs. Never contains the origin (see `SobolSequence`).
public struct SobolDesign: ExperimentalDesign {
    public let parameters: [Parameter]
    public let units: [[Double]]
    public let points: [[Double]]

    public init(parameters: [Parameter], count: Int, skip: Int = 0) throws(DesignError) {
        try DesignCheck.parameters(parameters)
        let units = try SobolSequence.points(dimension: parameters.count, count: count, skip: skip)
        self.parameters = parameters
        self.units = units
        self.points = units.map { u in zip(parameters, u).map { $0.quantile($1) } }
    }
}
