import FlowDesign
import FlowEngine
import FlowScenario

/// A sweep: parameters (scenario key paths with ranges or distributions)
/// and the design that places points among them; then, given the points'
/// results, the sensitivity of each output to each parameter.
///
/// Each point's output is the mean over its replications; every point runs
/// the same replications under common random numbers, so differences
/// between points are the parameters' doing, not separate seeds'.
public struct Sweep: Sendable {
    public enum Kind: String, Sendable, CaseIterable {
        /// Each parameter through its levels about a baseline: tornado.
        case oat
        /// Every combination of levels: PRCC.
        case factorial
        /// Latin hypercube of `samples` points: PRCC (probabilistic sensitivity).
        case lhs
        /// Saltelli's scheme on Sobol points, N(k+2) runs: first-order and total indices.
        case sobol
        /// `trajectories` Morris trajectories of k+1 points: μ*, σ.
        case morris
    }

    enum Built: Sendable {
        case oat(OneAtATimeDesign), factorial(FactorialDesign), lhs(LatinHypercubeDesign), sobol(SaltelliDesign)
        case morris(MorrisDesign)
    }

    public let kind: Kind
    public let parameters: [Parameter]
    /// Unit word written after each parameter's values (`min`), or nil.
    public let units: [String?]
    let built: Built
    /// What the design's identity adds to the experiment's (sizes, seed).
    public let settings: [String: String]

    /// - Parameters:
    ///   - levels: per parameter for `oat` and `factorial` (default 3), grid levels for `morris` (default 4).
    ///   - samples: points for `lhs` (default 50), base rows N for `sobol` (default 64).
    ///   - trajectories: for `morris` (default 10).
    ///   - seed: for the random designs (`lhs`, `morris`).
    public init(kind: Kind, parameters: [Parameter], units: [String?] = [], levels: Int? = nil, samples: Int? = nil,
                trajectories: Int? = nil, seed: UInt64) throws(DesignError) {
        self.kind = kind
        self.parameters = parameters
        self.units = parameters.indices.map { $0 < units.count ? units[$0] : nil }
        var settings = ["design": kind.rawValue]
        switch kind {
        case .oat:
            let l = levels ?? 3
            built = .oat(try OneAtATimeDesign(parameters: parameters, levels: l))
            settings["levels"] = "\(l)"
        case .factorial:
            let l = levels ?? 3
            built = .factorial(try FactorialDesign(parameters: parameters, levels: l, maxPoints: 20_000))
            settings["levels"] = "\(l)"
        case .lhs:
            let n = samples ?? 50
            built = .lhs(try LatinHypercubeDesign(parameters: parameters, count: n, seed: seed))
            settings["samples"] = "\(n)"
            settings["design_seed"] = "\(seed)"
        case .sobol:
            let n = samples ?? 64
            built = .sobol(try SaltelliDesign(parameters: parameters, baseCount: n))
            settings["samples"] = "\(n)"
        case .morris:
            let r = trajectories ?? 10, l = levels ?? 4
            built = .morris(try MorrisDesign(parameters: parameters, trajectories: r, levels: l, seed: seed))
            settings["trajectories"] = "\(r)"
            settings["levels"] = "\(l)"
            settings["design_seed"] = "\(seed)"
        }
        settings["parameters"] = zip(parameters, self.units).map { Self.describe($0) + ($1.map { " " + $0 } ?? "") }
            .joined(separator: "; ")
        self.settings = settings
    }

    public var points: [[Double]] {
        switch built {
        case .oat(let d): d.points
        case .factorial(let d): d.points
        case .lhs(let d): d.points
        case .sobol(let d): d.points
        case .morris(let d): d.points
        }
    }

    static func describe(_ p: Parameter) -> String {
        let kind: String = switch p.distribution {
        case .uniform: "uniform"
        case .triangular(let mode): "triangular mode \(mode)"
        case .normal(let mean, let sd, _): "normal \(mean) sd \(sd)"
        }
        let levels = p.explicitLevels.map { " levels " + $0.map { "\($0)" }.joined(separator: ",") } ?? ""
        return "\(p.name) \(p.lower)..\(p.upper) \(kind)\(p.isInteger ? " integer" : "")\(levels)"
    }

    /// The experiment: one point per design row, labelled by its number.
    public func experiment(file: String, name: String, baseOverrides: [String], seed: UInt64, replications: Int?,
                           interval: Double?) throws(ScenarioError) -> Experiment {
        let points = try ExperimentBuilder.points(file: file, baseOverrides: baseOverrides, parameters: parameters.map(\.name),
                                                  values: self.points, units: units, replications: replications,
                                                  interval: interval)
        return Experiment(kind: .sweep, name: name, seed: seed, parameters: parameters.map(\.name), points: points,
                          design: settings)
    }
}
