import ArgumentParser
import FlowEngine
import FlowExperiments
import FlowReport
import FlowScenario
import FlowStats
import Foundation

struct Run: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run a scenario's replications and write its results files.",
        discussion: """
            Replications run on all cores by default; the results are byte-identical for any --threads \
            and for the same seed. Writes summary.json, replications.csv, timeseries.csv and \
            results.sqlite into the --out directory, and prints a short table of headline metrics; \
            `flowsim metrics` explains every metric.
            """
    )

    @Argument(help: "The scenario file (YAML).")
    var file: String

    @Option(name: [.short, .long], help: "Number of replications (default: the scenario's run.replications).")
    var replications: Int?

    @Option(name: .long, help: "Master seed (default: the scenario's run.seed).")
    var seed: UInt64?

    @Option(name: [.short, .long], help: "Worker threads; 0 means one per core.")
    var threads: Int = 0

    @Option(name: [.short, .long], help: "Directory for the results files (default: out/<scenario file name>).")
    var out: String?

    @Option(name: .customLong("set"), help: "Override a scenario value: key.path=value (repeatable), e.g. stations.desk.capacity=3.")
    var overrides: [String] = []

    @Option(name: .long, help: "Confidence level of the intervals.")
    var confidence: Double = 0.95

    @Option(name: .customLong("warm-up"),
            help: "Warm-up to discard, e.g. 180d or \"26 weeks\" (overrides run.warm_up), or auto: MSER-5 on the daily count of people in the system.")
    var warmUp: String?

    @Option(name: .customLong("target-halfwidth"),
            help: "Add replications until each target metric's relative half-width is at most this, e.g. 5% or 0.05.")
    var targetHalfWidth: String?

    @Option(name: .customLong("target-metric"),
            help: "A metric for --target-halfwidth as metric@station (repeatable; default: every station's utilisation and the system's time in system).")
    var targetMetrics: [String] = []

    @Option(name: .customLong("max-replications"), help: "Upper bound on replications with --target-halfwidth.")
    var maxReplications: Int = 1000

    @Option(name: .long, help: "Census interval of timeseries.csv (waiting lists, caseloads, occupancy), e.g. 1d or \"1 week\"; 0 for none.")
    var interval: String = "1 day"

    @Option(name: .long, help: "Also write a self-contained HTML report (charts with intervals, STRESS-DES model account) to this file.")
    var report: String?

    @Option(name: .customLong("event-log"),
            help: "Write replication 0's event log (case, activity, ISO timestamp, team, lifecycle) to this CSV file.")
    var eventLog: String?

    @OptionGroup var storeOption: StoreOption

    @Flag(name: .long, help: "Show progress on standard error even when it is not a terminal.")
    var progress = false

    @Flag(name: [.short, .long], help: "Print nothing but errors.")
    var quiet = false

    @Flag(name: .long, help: "Print summary.json on standard output instead of the table (for scripts).")
    var json = false

    func validate() throws {
        if let r = replications, r < 1 { throw ValidationError("--replications must be at least 1, found \(r)") }
        if threads < 0 { throw ValidationError("--threads must be 0 (all cores) or more, found \(threads)") }
        if !(confidence > 0 && confidence < 1) { throw ValidationError("--confidence must be between 0 and 1, found \(confidence)") }
        if let t = targetHalfWidth, Self.fraction(t) == nil {
            throw ValidationError("--target-halfwidth must be a share such as 5% or 0.05, found \(t)")
        }
        if maxReplications < 2 { throw ValidationError("--max-replications must be at least 2, found \(maxReplications)") }
        for m in targetMetrics where !m.contains("@") {
            throw ValidationError("--target-metric must be metric@station, such as wait_mean_days@cmht, found \(m)")
        }
    }

    /// `--set` overrides plus a fixed `--warm-up`, as applied to the scenario and recorded in summary.json.
    var allOverrides: [String] {
        (warmUp.flatMap { $0 == "auto" ? nil : ["run.warm_up=\($0)"] } ?? []) + overrides
    }

    func run() throws {
        var scenario: Scenario
        do {
            scenario = try ScenarioLoader.load(path: file, overrides: allOverrides)
        } catch {
            Terminal.error(error.description)
            throw Exit.invalidScenario
        }
        if interval != "0" {
            switch Units.duration(interval) {
            case .success(let d) where d > 0: scenario.model.seriesInterval = d
            default:
                Terminal.error("flowsim: --interval must be a duration such as 1d or \"1 week\", or 0; found \(interval)")
                throw Exit.usage
            }
        }
        let n = replications ?? scenario.replications
        let masterSeed = seed ?? scenario.seed
        if warmUp == "auto" {
            do {
                scenario.model.warmUp = try detectWarmUp(scenario.model, seed: masterSeed, replications: n)
            } catch {
                Terminal.error("flowsim: warm-up detection failed: \(error)")
                throw Exit.runtime
            }
        }
        let directory = out ?? "out/" + URL(fileURLWithPath: file).deletingPathExtension().lastPathComponent
        let stored = try storeOption.begin(scenario: scenario, seed: masterSeed, replications: n,
                                           confidence: confidence, directory: directory)
        let bar = ProgressLine(enabled: !quiet && (progress || Terminal.stderrIsTerminal))
        let started = Date()
        var results: RunResults
        do {
            if let stored {
                results = try stored.run(replications: n, threads: threads) { bar.update(done: $0, total: $1) }
            } else {
                results = try ReplicationRunner.run(model: scenario.model, seed: masterSeed, replications: n, threads: threads) {
                    bar.update(done: $0, total: $1)
                }
            }
            if let t = targetHalfWidth.flatMap(Self.fraction) {
                results = try addReplicationsUntil(t, results, scenario: scenario, seed: masterSeed, quietly: quiet)
            }
        } catch let exit as ExitCode {
            throw exit
        } catch {
            Terminal.error("flowsim: run failed: \(error)")
            throw Exit.runtime
        }
        let elapsed = Date().timeIntervalSince(started)
        try stored?.finish(results)
        var info = RunInfo(scenarioName: scenario.name, scenarioHash: scenario.hash, files: scenario.files, seed: masterSeed,
                           generator: scenario.model.generator, duration: scenario.model.duration,
                           warmUp: scenario.model.warmUp, confidence: confidence)
        info.overrides = allOverrides
        let written: [String]
        do {
            written = try RunFiles.write(results, info: info, to: directory)
                + [try RunFiles.writeSeries(results, model: scenario.model, to: directory)].compactMap { $0 }
        } catch {
            Terminal.error("flowsim: cannot write results to \(directory): \(error.localizedDescription)")
            throw Exit.io
        }
        if let eventLog {
            do {
                try writeEventLog(eventLog, model: scenario.model, seed: masterSeed)
            } catch {
                Terminal.error("flowsim: cannot write the event log \(eventLog): \(error.localizedDescription)")
                throw Exit.io
            }
        }
        if let report {
            do {
                try writeReport(results: results, info: info, scenario: scenario, to: report)
            } catch {
                Terminal.error("flowsim: cannot write the report \(report): \(error.localizedDescription)")
                throw Exit.io
            }
        }
        guard !quiet else { return }
        if json {
            print(RunFiles.summaryJSON(results, info: info), terminator: "")
            return
        }
        print(HeadlineTable.render(results, model: scenario.model, confidence: confidence))
        print(String(format: "%d replications, %llu events in %.3f s. Wrote %@", results.results.count, results.totalEvents, elapsed,
                     (written + [report, stored?.path].compactMap { $0 }).joined(separator: ", ")))
    }
}

/// The short table `run` prints: headline metrics per station and system.
enum HeadlineTable {
    static let stationMetrics = ["wait_mean_days", "wait_p90_days", "queue_length_mean", "utilisation", "served"]
    static let systemMetrics = ["time_in_system_mean_days", "in_system_mean", "arrivals"]

    static func render(_ results: RunResults, model: NetworkModel, confidence: Double) -> String {
        let level = Int((confidence * 100).rounded())
        var rows: [[String]] = [["station", "metric", "mean", "± \(level)% CI", "n"]]
        for st in model.stations {
            for m in stationMetrics { rows.append(row(results, m, st.name, confidence)) }
        }
        for m in systemMetrics { rows.append(row(results, m, NetworkMetrics.systemLabel, confidence)) }
        return TextTable.render(rows, rightFrom: 2).joined(separator: "\n")
    }

    static func row(_ results: RunResults, _ metric: String, _ station: String, _ confidence: Double) -> [String] {
        let s = results.summary(metric, station: station, confidence: confidence)
        if metric.hasSuffix("_days") {
            // Durations read best in the unit that suits their size: a crisis line waits seconds, a team weeks.
            let (scale, unit) = durationUnit(s.mean)
            return [station, metric, s.mean.isFinite ? String(format: "%.3g %@", s.mean * scale, unit) : "-",
                    s.halfWidth.isFinite ? String(format: "%.2g %@", s.halfWidth * scale, unit) : "-", "\(s.n)"]
        }
        return [station, metric, format(s.mean), s.halfWidth.isFinite ? format(s.halfWidth) : "-", "\(s.n)"]
    }

    static func durationUnit(_ days: Double) -> (Double, String) {
        let a = abs(days)
        if !a.isFinite || a == 0 || a >= 1 { return (1, "d") }
        if a >= 1.0 / 24 { return (24, "h") }
        if a >= 1.0 / 1440 { return (1440, "min") }
        return (86_400, "s")
    }

    static func format(_ x: Double) -> String {
        guard x.isFinite else { return "-" }
        if x != 0 && (abs(x) >= 1e6 || abs(x) < 1e-3) { return String(format: "%.3e", x) }
        return String(format: "%.4f", x)
    }
}
