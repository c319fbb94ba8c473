import FlowEngine
import FlowScenario
import Foundation

/// One scenario variant of an experiment: a batch item, a sweep's design
/// point or a plan's candidate capacity.
public struct ExperimentPoint: Sendable {
    public var label: String
    public var scenario: Scenario
    /// The `key.path=value` settings that make this point (beyond the file).
    public var overrides: [String]
    public var replications: Int
    /// Design coordinates in parameter units, one per `Experiment.parameters`
    /// (empty for a batch).
    public var values: [Double]

    public init(label: String, scenario: Scenario, overrides: [String], replications: Int, values: [Double] = []) {
        self.label = label
        self.scenario = scenario
        self.overrides = overrides
        self.replications = replications
        self.values = values
    }
}

/// Scenarios × replications under one master seed: what `batch`, `sweep`
/// and `plan` run, store, shard and resume.
///
/// Every point uses the same seed and replication indices, so replication
/// k of every point sees the same random numbers wherever their models
/// share a stream (common random numbers), and any slice of the work
/// computed anywhere gives the same rows.
public struct Experiment: Sendable {
    public enum Kind: String, Sendable { case batch, sweep, plan }

    public var kind: Kind
    public var name: String
    public var seed: UInt64
    /// Names of the varied key paths (sweeps and plans).
    public var parameters: [String]
    public var points: [ExperimentPoint]
    /// Design details that belong to the identity (e.g. `{"design":"sobol","n":64}`), as JSON members.
    public var design: [String: String]

    public init(kind: Kind, name: String, seed: UInt64, parameters: [String] = [], points: [ExperimentPoint],
                design: [String: String] = [:]) {
        self.kind = kind
        self.name = name
        self.seed = seed
        self.parameters = parameters
        self.points = points
        self.design = design
    }

    /// The definition as stored: everything that fixes the results. Two
    /// runs of the same plan over the same files give the same text, so
    /// its hash (`fingerprint`) finds the experiment to resume or merge.
    /// Paths are left out (the scenario hash covers the files' bytes), so
    /// a plan run from another directory or node is the same experiment.
    public var definition: String {
        func q(_ s: String) -> String {
            let data = try? JSONEncoder().encode(s)
            return data.map { String(decoding: $0, as: UTF8.self) } ?? "\"\""
        }
        let design = self.design.sorted { $0.key < $1.key }.map { "\(q($0.key)):\(q($0.value))" }.joined(separator: ",")
        let points = self.points.map { p in
            "{\"label\":\(q(p.label)),\"scenario_hash\":\(q(p.scenario.hash)),"
                + "\"overrides\":[\(p.overrides.map(q).joined(separator: ","))],\"replications\":\(p.replications),"
                + "\"values\":[\(p.values.map { String($0) }.joined(separator: ","))]"
                + ",\"interval_days\":\(p.scenario.model.seriesInterval.map { String($0) } ?? "null")}"
        }.joined(separator: ",\n  ")
        return "{\"kind\":\(q(kind.rawValue)),\"name\":\(q(name)),\"seed\":\(seed),"
            + "\"parameters\":[\(parameters.map(q).joined(separator: ","))],\"design\":{\(design)},\n"
            + "\"points\":[\n  \(points)\n]}\n"
    }

    public var fingerprint: String { ScenarioLoader.fnv1a(Array(definition.utf8)) }

    public var totalReplications: Int { points.reduce(0) { $0 + $1.replications } }

    /// The (point, replication) pairs of the whole experiment, point by
    /// point, or of one shard: every `count`-th pair starting at the
    /// shard's own, so shards get equal shares of every point and together
    /// cover each pair exactly once.
    public func units(shard: Shard? = nil) -> [WorkUnit] {
        var out: [WorkUnit] = []
        var i = 0
        for (p, point) in points.enumerated() {
            for k in 0..<point.replications {
                if shard.map({ i % $0.count == $0.index - 1 }) ?? true { out.append(WorkUnit(point: p, replication: k)) }
                i += 1
            }
        }
        return out
    }
}

/// One replication of one point.
public struct WorkUnit: Sendable, Hashable {
    public var point: Int
    public var replication: Int

    public init(point: Int, replication: Int) {
        self.point = point
        self.replication = replication
    }
}

/// `i/N`: the i-th of N deterministic slices of an experiment (1-based,
/// as Slurm's array task ids are usually written).
public struct Shard: Sendable, Equatable, CustomStringConvertible {
    public let index: Int
    public let count: Int

    public init?(index: Int, count: Int) {
        guard count >= 1, index >= 1, index <= count else { return nil }
        self.index = index
        self.count = count
    }

    /// Parses `i/N`; nil unless 1 <= i <= N.
    public init?(_ text: String) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let i = Int(parts[0].trimmingCharacters(in: .whitespaces)),
              let n = Int(parts[1].trimmingCharacters(in: .whitespaces)) else { return nil }
        self.init(index: i, count: n)
    }

    public var description: String { "\(index)/\(count)" }
}
