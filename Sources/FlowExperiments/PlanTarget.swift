import FlowEngine
import FlowScenario
import FlowStats

/// A service target a plan must meet, such as
/// `wait_mean_days@cmht <= 28 days` or `utilisation@beds < 0.85`.
///
/// Written `METRIC[@STATION][/GROUP] OP VALUE [UNIT]`; the station
/// defaults to the whole system and the group to everyone. A metric ending
/// in `_days` takes a duration ("4 weeks"), others a plain number.
/// `NAME.p90` (or `.median`, `.p95`, `.mean`) names the wait statistic of
/// `NAME`: `wait_treatment_days.p90` is `wait_treatment_p90_days`.
public struct PlanTarget: Sendable, Equatable, CustomStringConvertible {
    public enum Comparison: String, Sendable, CaseIterable {
        case atMost = "<=", below = "<", atLeast = ">=", above = ">"
    }

    public var key: MetricKey
    public var comparison: Comparison
    /// In the metric's own unit (days for `_days` metrics).
    public var threshold: Double
    /// As the user wrote it, for messages and reports.
    public var text: String

    public var description: String { text }

    /// Parses one target; `and` between targets is split by `parseAll`.
    public static func parse(_ text: String) -> Result<PlanTarget, PlanTargetError> {
        let t = text.trimmingCharacters(in: .whitespaces)
        // Longest operators first, so "<=" is not read as "<".
        guard let op = [Comparison.atMost, .atLeast, .below, .above].first(where: { t.contains($0.rawValue) }),
              let range = t.range(of: op.rawValue) else {
            return .failure(PlanTargetError(text: text, problem: "no comparison", expected: "one of <=, <, >=, >"))
        }
        let name = t[..<range.lowerBound].trimmingCharacters(in: .whitespaces)
        let value = t[range.upperBound...].trimmingCharacters(in: .whitespaces)
        guard !name.isEmpty else {
            return .failure(PlanTargetError(text: text, problem: "no metric before \(op.rawValue)",
                                            expected: "METRIC[@STATION] \(op.rawValue) VALUE"))
        }
        guard let key = OutputMetric.parse(name) else {
            return .failure(PlanTargetError(text: text, problem: "the metric '\(name)'",
                                            expected: "METRIC[@STATION][/GROUP], such as wait_mean_days@cmht"))
        }
        let metric = key.metric
        let threshold: Double
        if metric.hasSuffix("_days"), Double(value) == nil {
            guard case .success(let d) = Units.duration(value) else {
                return .failure(PlanTargetError(text: text, problem: "'\(value)'",
                                                expected: "a duration such as \"28 days\" or \"4 weeks\""))
            }
            threshold = d
        } else {
            let plain = value.hasSuffix("%") ? Double(value.dropLast()).map { $0 / 100 } : Double(value)
            guard let v = plain, v.isFinite else {
                return .failure(PlanTargetError(text: text, problem: "'\(value)'", expected: "a number such as 0.85 or 85%"))
            }
            threshold = v
        }
        return .success(PlanTarget(key: key, comparison: op,
                                   threshold: threshold, text: t))
    }

    /// Targets joined by `and` (in one argument or several).
    public static func parseAll(_ texts: [String]) -> Result<[PlanTarget], PlanTargetError> {
        var out: [PlanTarget] = []
        for text in texts {
            for part in text.components(separatedBy: " and ") {
                switch parse(part) {
                case .success(let t): out.append(t)
                case .failure(let e): return .failure(e)
                }
            }
        }
        return .success(out)
    }

    /// Whether a point's replications meet the target at `confidence`:
    /// the one-sided Student-t bound on the mean lies on the right side of
    /// the threshold, so a point passes only if the target holds with that
    /// confidence, not merely on average.
    public func evaluate(_ s: MetricSummary, confidence: Double) -> PlanCheck {
        let bound: Double
        if s.n >= 2, s.standardDeviation.isFinite {
            let margin = StudentT.quantile(confidence, degreesOfFreedom: Double(s.n - 1))
                * s.standardDeviation / Double(s.n).squareRoot()
            bound = comparison == .atMost || comparison == .below ? s.mean + margin : s.mean - margin
        } else {
            bound = .nan
        }
        let met: Bool = switch comparison {
        case .atMost: bound <= threshold
        case .below: bound < threshold
        case .atLeast: bound >= threshold
        case .above: bound > threshold
        }
        return PlanCheck(target: self, mean: s.mean, halfWidth: s.halfWidth, bound: bound, met: met && bound.isFinite)
    }
}

/// A target checked at one point.
public struct PlanCheck: Sendable, Equatable {
    public var target: PlanTarget
    public var mean: Double
    /// Two-sided half-width at the run's confidence (for charts).
    public var halfWidth: Double
    /// The one-sided confidence bound compared with the threshold.
    public var bound: Double
    public var met: Bool
}

public struct PlanTargetError: Error, Sendable, CustomStringConvertible {
    public var text: String
    public var problem: String
    public var expected: String

    public var description: String { "target \"\(text)\": found \(problem), expected \(expected)" }
}
