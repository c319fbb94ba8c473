import FlowEngine
import FlowScenario

/// The least value of one scenario number (staff, beds, slots) that meets
/// every target with a stated confidence, and the curve of each target
/// metric against the value.
///
/// Every candidate runs the same replications under common random numbers,
/// so the curve is smooth where the systems share their randomness and the
/// differences between neighbours are not noise of separate seeds.
public struct CapacityPlan: Sendable {
    /// The scenario key path varied, e.g. `stations.cmht.capacity`.
    public var parameter: String
    public var candidates: [Double]
    public var targets: [PlanTarget]
    public var confidence: Double

    public init(parameter: String, candidates: [Double], targets: [PlanTarget], confidence: Double) {
        self.parameter = parameter
        self.candidates = candidates
        self.targets = targets
        self.confidence = confidence
    }

    /// Candidates from `lo..hi`: every `step` (default 1 for whole
    /// bounds, else a tenth of the range), ascending, `hi` included.
    public static func candidates(_ range: String, step: Double?) -> Swift.Result<[Double], PlanTargetError> {
        let parts = range.components(separatedBy: "..")
        guard parts.count == 2, let lo = Double(parts[0].trimmingCharacters(in: .whitespaces)),
              let hi = Double(parts[1].trimmingCharacters(in: .whitespaces)), lo.isFinite, hi.isFinite, lo <= hi else {
            return .failure(PlanTargetError(text: range, problem: "'\(range)'", expected: "a range LOW..HIGH such as 4..12"))
        }
        let whole = lo == lo.rounded() && hi == hi.rounded()
        let s = step ?? (whole ? 1 : (hi - lo) / 10)
        guard s > 0 || lo == hi else {
            return .failure(PlanTargetError(text: range, problem: "a step of \(s)", expected: "a step > 0"))
        }
        if lo == hi { return .success([lo]) }
        let count = Int(((hi - lo) / s + 1e-9).rounded(.down)) + 1
        guard count <= 10_000 else {
            return .failure(PlanTargetError(text: range, problem: "\(count) candidates", expected: "at most 10,000 (a larger --step)"))
        }
        return .success((0..<count).map { lo + Double($0) * s })
    }

    /// The experiment: one point per candidate, labelled `parameter=value`.
    public func experiment(file: String, name: String, baseOverrides: [String], seed: UInt64?, replications: Int?,
                           interval: Double?) throws(ScenarioError) -> Experiment {
        let points = try ExperimentBuilder.points(
            file: file, baseOverrides: baseOverrides, parameters: [parameter], values: candidates.map { [$0] },
            replications: replications, interval: interval) { [candidates, parameter] i in
            "\(parameter)=\(ExperimentBuilder.format(candidates[i]))"
        }
        let masterSeed = seed ?? points.first?.scenario.seed ?? 1
        return Experiment(kind: .plan, name: name, seed: masterSeed, parameters: [parameter], points: points,
                          design: ["targets": targets.map(\.text).joined(separator: " and "),
                                   "confidence": "\(confidence)"])
    }

    /// One candidate's checks.
    public struct Row: Sendable {
        public var value: Double
        public var checks: [PlanCheck]
        public var met: Bool { !checks.isEmpty && checks.allSatisfy(\.met) }
    }

    public struct Result: Sendable {
        public var rows: [Row]
        /// The least candidate meeting every target; nil when none does.
        public var answer: Double?
        /// A larger candidate than the answer that fails a target: the
        /// metric is not monotone in the value, or the replications too few.
        public var failsAbove: [Double]
        /// Targets whose metric no candidate reports (a misspelt name).
        public var unknown: [PlanTarget]
    }

    public func evaluate(_ summary: ExperimentSummary) -> Result {
        var unknown: [PlanTarget] = []
        var rows: [Row] = []
        for (p, value) in candidates.enumerated() {
            var checks: [PlanCheck] = []
            for t in targets {
                if let s = summary.summary(t.key, point: p) {
                    checks.append(t.evaluate(s, confidence: confidence))
                } else if !unknown.contains(t) && !summary.points[p].isEmpty {
                    unknown.append(t)
                }
            }
            rows.append(Row(value: value, checks: checks))
        }
        let answerIndex = unknown.isEmpty ? rows.firstIndex(where: \.met) : nil
        let failsAbove = answerIndex.map { i in rows[(i + 1)...].filter { !$0.met }.map(\.value) } ?? []
        return Result(rows: rows, answer: answerIndex.map { rows[$0].value }, failsAbove: failsAbove, unknown: unknown)
    }
}
