/// Why a design could not be built or an estimator could not be computed.
/// Each case names what was found and what was expected.
public enum DesignError: Error, Equatable, CustomStringConvertible {
    case noParameters
    /// A count (points, levels, trajectories, resamples) out of its range.
    case invalidCount(what: String, found: Int, expected: String)
    case invalidConfidence(found: Double)
    /// GSL's Sobol generator supports at most `maximum` dimensions.
    case sobolDimension(found: Int, maximum: Int)
    case tooManyPoints(found: Int, limit: Int)
    case baselineLength(found: Int, expected: Int)
    case baselineOutsideBounds(parameter: String, found: Double, lower: Double, upper: Double)
    /// Estimators need exactly one output per design point.
    case outputCount(found: Int, expected: Int)
    case nonFiniteOutput(row: Int, found: Double)
    /// Variance-based and correlation measures are undefined for a constant output.
    case constantOutput(value: Double)
    /// Too few points for the degrees of freedom the statistic needs.
    case tooFewPoints(found: Int, expected: String)
    /// Inputs are (numerically) collinear, so partial correlations do not exist.
    case collinearInputs
    case inputShape(row: Int, found: Int, expected: Int)
    case nonFiniteInput(row: Int, column: Int, found: Double)

    public var description: String {
        switch self {
        case .noParameters:
            "a design needs at least one parameter, found none"
        case .invalidCount(let what, let found, let expected):
            "\(what): expected \(expected), found \(found)"
        case .invalidConfidence(let found):
            "confidence level: expected a value strictly between 0 and 1, found \(found)"
        case .sobolDimension(let found, let maximum):
            "Sobol sequence: GSL supports at most \(maximum) dimensions, found \(found)"
        case .tooManyPoints(let found, let limit):
            "design would have \(found) points, more than the limit of \(limit); use fewer levels or a sampling design"
        case .baselineLength(let found, let expected):
            "baseline: expected \(expected) values (one per parameter), found \(found)"
        case .baselineOutsideBounds(let parameter, let found, let lower, let upper):
            "baseline for '\(parameter)': expected a value in \(lower)..\(upper), found \(found)"
        case .outputCount(let found, let expected):
            "outputs: expected one per design point (\(expected)), found \(found)"
        case .nonFiniteOutput(let row, let found):
            "output at design point \(row): expected a finite number, found \(found)"
        case .constantOutput(let value):
            "output is constant (\(value)) at every design point; sensitivity indices are undefined"
        case .tooFewPoints(let found, let expected):
            "sample: expected \(expected) points, found \(found)"
        case .collinearInputs:
            "inputs are collinear (one is a linear function of the others); partial correlations are undefined"
        case .inputShape(let row, let found, let expected):
            "input row \(row): expected \(expected) values, found \(found)"
        case .nonFiniteInput(let row, let column, let found):
            "input row \(row), column \(column): expected a finite number, found \(found)"
        }
    }
}
