/// Why a parameter specification was refused: each case names what was found
/// and what was expected, so `flowsim sweep` can print it as it stands.
public enum ParameterError: Error, Equatable, CustomStringConvertible {
    /// The text has no `=` separating the name from its range.
    case missingEquals(text: String)
    case emptyName(text: String)
    case emptySpecification(name: String)
    case notANumber(name: String, found: String)
    /// Neither a range, a list of levels nor a distribution.
    case unrecognisedSpecification(name: String, found: String)
    /// Lower bound not below the upper bound.
    case reversedBounds(name: String, lower: Double, upper: Double)
    case unknownDistribution(name: String, found: String)
    case wrongArgumentCount(name: String, distribution: String, found: Int, expected: String)
    case modeOutsideBounds(name: String, lower: Double, mode: Double, upper: Double)
    case nonPositiveStandardDeviation(name: String, found: Double)
    /// The truncation interval holds (numerically) no probability.
    case emptyTruncation(name: String, lower: Double, upper: Double)
    case tooFewLevels(name: String, found: Int)
    case duplicateLevel(name: String, level: Double)
    case nonIntegerValue(name: String, found: Double)
    case nonFinite(name: String, found: Double)

    public var description: String {
        switch self {
        case .missingEquals(let text):
            "parameter '\(text)': expected name=range (for example x=1..5), found no '='"
        case .emptyName(let text):
            "parameter '\(text)': expected a name before '=', found nothing"
        case .emptySpecification(let name):
            "parameter '\(name)': expected a range (lo..hi), levels (a,b,c) or a distribution after '=', found nothing"
        case .unrecognisedSpecification(let name, let found):
            "parameter '\(name)': expected lo..hi, levels a,b,c or a distribution such as triangular(lo,mode,hi), found '\(found)'"
        case .notANumber(let name, let found):
            "parameter '\(name)': expected a number, found '\(found)'"
        case .reversedBounds(let name, let lower, let upper):
            "parameter '\(name)': expected lower bound < upper bound, found \(lower)..\(upper)"
        case .unknownDistribution(let name, let found):
            "parameter '\(name)': unknown distribution '\(found)'; expected uniform(lo,hi), "
                + "triangular(lo,mode,hi) or normal(mean,sd) / normal(mean,sd,lo..hi)"
        case .wrongArgumentCount(let name, let distribution, let found, let expected):
            "parameter '\(name)': \(distribution) takes \(expected) arguments, found \(found)"
        case .modeOutsideBounds(let name, let lower, let mode, let upper):
            "parameter '\(name)': expected lower <= mode <= upper, found triangular(\(lower),\(mode),\(upper))"
        case .nonPositiveStandardDeviation(let name, let found):
            "parameter '\(name)': expected a standard deviation > 0, found \(found)"
        case .emptyTruncation(let name, let lower, let upper):
            "parameter '\(name)': the truncation interval \(lower)..\(upper) holds no probability of the normal distribution"
        case .tooFewLevels(let name, let found):
            "parameter '\(name)': expected at least 2 levels, found \(found)"
        case .duplicateLevel(let name, let level):
            "parameter '\(name)': expected distinct levels, found \(level) twice"
        case .nonIntegerValue(let name, let found):
            "parameter '\(name)': integer-valued, expected whole-number bounds and levels, found \(found)"
        case .nonFinite(let name, let found):
            "parameter '\(name)': expected a finite number, found \(found)"
        }
    }
}
