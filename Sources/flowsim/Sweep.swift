import ArgumentParser
import FlowDesign
import FlowEngine
import FlowExperiments
import FlowReport
import FlowScenario
import Foundation

struct SweepCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sweep",
        abstract: "Vary scenario numbers by a design and measure each output's sensitivity to them.",
        discussion: """
            Every number in a scenario is addressed by its key path (--param \
            stations.cmht.capacity=4..12). Ranges are uniform; x=4,6,8 gives levels; \
            x=triangular(1,2,4), x=normal(10,2) or x=normal(10,2,5..15) give distributions for \
            probabilistic sensitivity analysis (used by the lhs and sobol designs through their \
            quantiles). Designs: oat (each parameter through --levels about the midpoint: a \
            tornado), factorial (every combination of --levels: PRCC), lhs (a Latin hypercube of \
            --samples points: PRCC with intervals), sobol (Saltelli's scheme on GSL's Sobol \
            sequence, --samples base rows, N(k+2) points: first-order and total indices with \
            bootstrap intervals), morris (--trajectories Morris trajectories: mu* and sigma).

            Each point runs the same replications under common random numbers and its output is \
            the mean over them. Writes points.csv (the design with its values), experiment.csv \
            (every point × metric), sensitivity.csv (output, method, parameter, statistic, value, \
            lower, upper) and the results store; resumable and shardable like a batch.
            """
    )

    @Argument(help: "The scenario file (YAML).")
    var file: String

    @Option(name: .long, help: ArgumentHelp("A parameter: key.path=LOW..HIGH, =A,B,C, =triangular(lo,mode,hi) or =normal(mean,sd[,lo..hi]), then a unit for durations (\"=5..15 min\"); repeatable.", valueName: "key=spec"))
    var param: [String] = []

    @Option(name: .long, help: "Design: oat, factorial, lhs, sobol or morris.")
    var design: String = "oat"

    @Option(name: .long, help: "Levels per parameter (oat, factorial; default 3) or Morris grid levels (default 4, even).")
    var levels: Int?

    @Option(name: .long, help: "Points of a Latin hypercube (default 50), or Sobol base rows N (default 64; N(k+2) points).")
    var samples: Int?

    @Option(name: .long, help: "Morris trajectories (default 10; k+1 points each).")
    var trajectories: Int?

    @Option(name: .customLong("metric"), help: ArgumentHelp("An output as METRIC[@STATION] (repeatable; default time_in_system_mean_days of the system).", valueName: "metric"))
    var metrics: [String] = []

    @Option(name: .long, help: "Bootstrap resamples for the Sobol intervals.")
    var bootstrap: Int = 1000

    @Option(name: .customLong("set"), help: "Override a scenario value at every point: key.path=value (repeatable).")
    var overrides: [String] = []

    @Option(name: .long, help: "Also write a self-contained HTML report of the sweep to this file.")
    var report: String?

    @OptionGroup var options: ExperimentOptions

    var kind: Sweep.Kind {
        get throws {
            guard let k = Sweep.Kind(rawValue: design) else {
                throw ValidationError("--design must be one of \(Sweep.Kind.allCases.map(\.rawValue).joined(separator: ", ")); found \(design)")
            }
            return k
        }
    }

    /// The parameters and, for duration keys, the unit written after the
    /// specification (`--param "stations.gp.service.mean=5..15 min"`).
    var parameters: (parameters: [Parameter], units: [String?]) {
        get throws {
            if param.isEmpty { throw ValidationError("give at least one --param, such as --param stations.cmht.capacity=4..12") }
            var seen = Set<String>()
            var units: [String?] = []
            let parsed = try param.map { text in
                var spec = text.trimmingCharacters(in: .whitespaces), unit: String?
                if let space = spec.lastIndex(of: " "), spec.contains("=") {
                    let word = String(spec[spec.index(after: space)...])
                    if Units.allUnitNames.contains(word) {
                        unit = word
                        spec = String(spec[..<space]).trimmingCharacters(in: .whitespaces)
                    }
                }
                units.append(unit)
                do {
                    let p = try Parameter.parse(spec)
                    guard seen.insert(p.name).inserted else { throw ValidationError("--param \(p.name) is given twice") }
                    return p
                } catch let error as ParameterError {
                    throw ValidationError("--param \(text): \(error.description)"
                        + (text.contains(" ") ? " (a unit goes once, after the whole specification: =5..15 min)" : ""))
                }
            }
            return (parsed, units)
        }
    }

    var outputs: [MetricKey] {
        get throws {
            if metrics.isEmpty { return [MetricKey(metric: "time_in_system_mean_days", station: NetworkMetrics.systemLabel)] }
            return try metrics.map { m in
                guard let key = OutputMetric.parse(m) else {
                    throw ValidationError("--metric must be METRIC[@STATION], such as wait_mean_days@cmht; found \(m)")
                }
                return key
            }
        }
    }

    func validate() throws {
        _ = try kind
        _ = try parameters
        _ = try outputs
        if bootstrap < 0 { throw ValidationError("--bootstrap must be 0 or more, found \(bootstrap)") }
    }

    func run() throws {
        let probe = try ExperimentInput.loaded { () throws(ScenarioError) in try ScenarioLoader.load(path: file, overrides: overrides) }
        let seed = options.seed ?? probe.seed
        let sweep: Sweep
        do {
            let (parameters, units) = try parameters
            sweep = try Sweep(kind: try kind, parameters: parameters, units: units, levels: levels, samples: samples,
                              trajectories: trajectories, seed: seed)
        } catch let error as DesignError {
            Terminal.error("flowsim: sweep design: \(error.description)")
            throw Exit.usage
        }
        let name = URL(fileURLWithPath: file).deletingPathExtension().lastPathComponent + " sweep " + design
        let experiment = try ExperimentInput.loaded { () throws(ScenarioError) in
            try sweep.experiment(file: file, name: name, baseOverrides: overrides, seed: seed,
                                 replications: options.replications, interval: options.intervalDays)
        }
        let directory = options.directory(for: file, suffix: "-sweep")
        let (summary, _, store) = try options.execute(experiment, directory: directory)
        if options.parsedShard != nil {
            if !options.quiet { print("shard \(options.shard ?? "") stored in \(store); merge the shards, then run sweep --resume on the merged store") }
            return
        }
        var written = try ResultsOutput.writing(directory) { try ExperimentFiles.write(summary, to: directory) }
        let keys = try outputs
        let sensitivities: [OutputSensitivity]
        do {
            sensitivities = try sweep.analyse(summary, outputs: keys, resamples: bootstrap, confidence: options.confidence, seed: seed)
        } catch {
            Terminal.error("flowsim: \(error.description); the points' results are in \(written.joined(separator: ", "))")
            throw Exit.runtime
        }
        written.append(try ResultsOutput.writing(directory) { try SensitivityFiles.write(sensitivities, to: directory) })
        if let report {
            var data = ExperimentReportData(
                title: probe.name + ": sensitivity sweep",
                description: "\(sweep.kind.rawValue) design over \(sweep.parameters.count) parameter"
                    + "\(sweep.parameters.count == 1 ? "" : "s") of \(file), outputs "
                    + keys.map(OutputMetric.label).joined(separator: ", ") + ".",
                summary: summary, outputs: keys)
            data.sensitivities = sensitivities
            try ExperimentReportFile.write(data, to: report)
            written.append(report)
        }
        guard !options.quiet else { return }
        print(SensitivityTable.render(sensitivities))
        print("\(experiment.points.count) points × replications in \(store). Wrote " + written.joined(separator: ", "))
    }
}

/// What `sweep` prints: per output, each parameter's headline measure.
enum SensitivityTable {
    static func render(_ all: [OutputSensitivity]) -> String {
        var out: [String] = []
        for s in all {
            out.append("\(s.output):")
            var rows: [[String]] = []
            if !s.tornado.isEmpty {
                rows.append(["parameter", "low level → output", "high level → output", "swing"])
                for t in s.tornado.sorted(by: { abs($0.outputAtHigh - $0.outputAtLow) > abs($1.outputAtHigh - $1.outputAtLow) }) {
                    rows.append([t.name, "\(ExperimentBuilder.format(t.lowLevel)) → \(f(t.outputAtLow))", "\(ExperimentBuilder.format(t.highLevel)) → \(f(t.outputAtHigh))",
                                 f(abs(t.outputAtHigh - t.outputAtLow))])
                }
            }
            if !s.firstOrder.isEmpty {
                rows.append(["parameter", "first-order S", "total ST"])
                for (a, b) in zip(s.firstOrder, s.totalOrder) {
                    rows.append([a.name, "\(f(a.value)) [\(f(a.lower)), \(f(a.upper))]", "\(f(b.value)) [\(f(b.lower)), \(f(b.upper))]"])
                }
            }
            if !s.morris.isEmpty {
                rows.append(["parameter", "mu*", "sigma"])
                for m in s.morris.sorted(by: { $0.muStar > $1.muStar }) { rows.append([m.name, f(m.muStar), f(m.sigma)]) }
            }
            if !s.prcc.isEmpty {
                rows.append(["parameter", "PRCC", "interval"])
                for e in s.prcc.sorted(by: { abs($0.value) > abs($1.value) }) {
                    rows.append([e.name, f(e.value), "[\(f(e.lower)), \(f(e.upper))]"])
                }
            }
            out += TextTable.render(rows, indent: "  ")
        }
        return out.joined(separator: "\n")
    }

    static func f(_ x: Double) -> String { HeadlineTable.format(x) }
}
