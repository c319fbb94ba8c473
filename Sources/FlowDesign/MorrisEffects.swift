/// Elementary-effect statistics of one parameter (Morris 1991; μ* from
/// Campolongo et al. 2007).
public struct MorrisEffect: Sendable, Equatable {
    public let name: String
    /// Mean effect: its sign says the direction, but effects of opposite sign cancel.
    public let mu: Double
    /// Mean absolute effect: the importance ranking measure.
    public let muStar: Double
    /// Standard deviation (divisor r−1) of the effects: large means
    /// non-linearity or interactions. NaN with fewer than two effects.
    public let sigma: Double
    /// Effects that went into the statistics (r, fewer if rounding an
    /// integer parameter made a step vanish).
    public let count: Int
}

/// Morris elementary effects from a `MorrisDesign`'s outputs.
///
/// The effect of the step that changes parameter i from x to x' is
///   EE_i = (f(x') − f(x)) / ((x'_i − x_i) / (upper_i − lower_i)),
/// the output change per *whole range* of the parameter, in output units.
/// Scaling by the range makes effects comparable across parameters measured
/// in different units (staff, days, probabilities). The actual design values
/// are used, so rounding of integer parameters is accounted for; a step that
/// rounding cancelled is left out. O(r k).
public enum MorrisEffects {
    /// - Throws: `DesignError` for a wrong number of outputs or a non-finite one.
    public static func estimate(design: MorrisDesign, outputs: [Double]) throws(DesignError) -> [MorrisEffect] {
        try DesignCheck.outputs(outputs, expected: design.points.count)
        let k = design.parameters.count
        var effects = [[Double]](repeating: [], count: k)
        for t in 0..<design.trajectories {
            let rows = design.rows(ofTrajectory: t)
            for (s, i) in design.changedFactor[t].enumerated() {
                let from = rows.lowerBound + s
                let dx = design.points[from + 1][i] - design.points[from][i]
                guard dx != 0 else { continue }
                let range = design.parameters[i].range
                effects[i].append((outputs[from + 1] - outputs[from]) / (dx / range))
            }
        }
        return zip(design.parameters, effects).map { p, e in
            let n = Double(e.count)
            let mu = e.isEmpty ? .nan : e.reduce(0, +) / n
            let muStar = e.isEmpty ? .nan : e.reduce(0) { $0 + abs($1) } / n
            let sigma = e.count < 2 ? .nan : (e.reduce(0) { $0 + ($1 - mu) * ($1 - mu) } / (n - 1)).squareRoot()
            return MorrisEffect(name: p.name, mu: mu, muStar: muStar, sigma: sigma, count: e.count)
        }
    }
}
