/// Every combination of every parameter's levels.
///
/// Rows are in lexicographic order of level indices with the *last*
/// parameter varying fastest (like nested loops, first parameter outermost).
/// Size is the product of the level counts, so it is capped by `maxPoints`.
public struct FactorialDesign: ExperimentalDesign {
    public let parameters: [Parameter]
    /// Levels of each parameter, ascending.
    public let levelValues: [[Double]]
    public let points: [[Double]]

    /// - Parameters:
    ///   - levels: levels per parameter (≥ 2), ignored for explicit levels.
    ///   - maxPoints: refuse designs larger than this rather than exhaust memory.
    public init(parameters: [Parameter], levels: Int = 3, maxPoints: Int = 100_000) throws(DesignError) {
        try DesignCheck.parameters(parameters)
        try DesignCheck.count("levels per parameter", levels, atLeast: 2)
        let lv = parameters.map { $0.levels(count: levels) }
        var total = 1
        for l in lv {
            let (product, overflow) = total.multipliedReportingOverflow(by: l.count)
            if overflow || product > maxPoints { throw .tooManyPoints(found: overflow ? Int.max : product, limit: maxPoints) }
            total = product
        }
        var points: [[Double]] = []
        points.reserveCapacity(total)
        var index = [Int](repeating: 0, count: lv.count)
        for _ in 0..<total {
            points.append(zip(lv, index).map { $0[$1] })
            var j = lv.count - 1
            while j >= 0 {
                index[j] += 1
                if index[j] < lv[j].count { break }
                index[j] = 0
                j -= 1
            }
        }
        self.parameters = parameters
        self.levelValues = lv
        self.points = points
    }
}
