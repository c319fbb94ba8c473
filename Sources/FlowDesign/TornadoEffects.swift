/// One bar of a tornado chart: the output at a parameter's lowest and highest
/// level, the others held at baseline.
public struct TornadoBar: Sendable, Equatable {
    public let name: String
    public let lowValue: Double
    public let highValue: Double
    public let lowOutput: Double
    public let highOutput: Double
    /// Output of the baseline run (row 0).
    public let baselineOutput: Double
    /// Output change from the baseline run at the lowest and highest levels.
    public var lowChange: Double { lowOutput - baselineOutput }
    public var highChange: Double { highOutput - baselineOutput }
    /// |high − low|: what tornado charts sort by.
    public var swing: Double { abs(highOutput - lowOutput) }
}

/// One-at-a-time effects from a `OneAtATimeDesign`'s outputs.
public enum TornadoEffects {
    /// Bars in parameter order; sort by `swing` (descending) to draw the chart.
    /// - Throws: `DesignError` for a wrong number of outputs or a non-finite one.
    public static func estimate(design: OneAtATimeDesign, outputs: [Double]) throws(DesignError) -> [TornadoBar] {
        try DesignCheck.outputs(outputs, expected: design.points.count)
        return design.parameters.indices.map { i in
            let rows = design.rows[i]
            let values = design.levelValues[i]
            return TornadoBar(
                name: design.parameters[i].name,
                lowValue: values[0], highValue: values[values.count - 1],
                lowOutput: outputs[rows[0]], highOutput: outputs[rows[rows.count - 1]],
                baselineOutput: outputs[0])
        }
    }
}
