/// Each parameter moved through its levels while the others stay at a
/// baseline: the design behind a tornado chart.
///
/// Row 0 is the baseline. Then, parameter by parameter, one row per level
/// (ascending), except that a level equal to the baseline value reuses row 0
/// instead of repeating it. `rows[i][j]` is the row of parameter i's j-th
/// level, so `rows[i].first` and `rows[i].last` are its lowest and highest.
public struct OneAtATimeDesign: ExperimentalDesign {
    public let parameters: [Parameter]
    public let baseline: [Double]
    /// Levels of each parameter, ascending (explicit levels, or `levels` evenly spaced).
    public let levelValues: [[Double]]
    /// Row index of each parameter's each level; row 0 where it equals the baseline.
    public let rows: [[Int]]
    public let points: [[Double]]

    /// - Parameters:
    ///   - levels: levels per parameter (≥ 2), including both bounds; ignored
    ///     for parameters with explicit levels.
    ///   - baseline: one value per parameter; `nil` means every parameter's `midpoint`.
    public init(parameters: [Parameter], levels: Int = 3, baseline: [Double]? = nil) throws(DesignError) {
        try DesignCheck.parameters(parameters)
        try DesignCheck.count("levels per parameter", levels, atLeast: 2)
        let base = baseline ?? parameters.map(\.midpoint)
        guard base.count == parameters.count else {
            throw .baselineLength(found: base.count, expected: parameters.count)
        }
        for (p, v) in zip(parameters, base) where !(v >= p.lower && v <= p.upper) {
            throw .baselineOutsideBounds(parameter: p.name, found: v, lower: p.lower, upper: p.upper)
        }
        var points = [base]
        var rows: [[Int]] = []
        var values: [[Double]] = []
        for (i, p) in parameters.enumerated() {
            let lv = p.levels(count: levels)
            values.append(lv)
            rows.append(lv.map { v in
                if v == base[i] { return 0 }
                var point = base
                point[i] = v
                points.append(point)
                return points.count - 1
            })
        }
        self.parameters = parameters
        self.baseline = base
        self.levelValues = values
        self.rows = rows
        self.points = points
    }
}
