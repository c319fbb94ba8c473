import ArgumentParser
import FlowEngine
import FlowExperiments
import FlowScenario
import FlowStore
import Foundation

/// Options shared by `batch`, `sweep` and `plan`: where results go, how
/// the work is split and resumed.
struct ExperimentOptions: ParsableArguments {
    @Option(name: [.short, .long], help: "Replications per point (default: the plan's, else each scenario's run.replications).")
    var replications: Int?

    @Option(name: .long, help: "Master seed, shared by every point (common random numbers).")
    var seed: UInt64?

    @Option(name: [.short, .long], help: "Worker threads; 0 means one per core.")
    var threads: Int = 0

    @Option(name: [.short, .long], help: "Directory for the results files (default: out/<file name>, with -sweep or -plan added for those).")
    var out: String?

    @Option(name: .long, help: ArgumentHelp(
        "SQLite results store (default: results.sqlite in the --out directory). Each replication is committed as it finishes.",
        valueName: "file"))
    var store: String?

    @Flag(name: .long, help: "Continue the same experiment found in the store: skip every stored replication, compute the rest.")
    var resume = false

    @Option(name: .long, help: ArgumentHelp(
        "Run only slice i of N (1-based) of the replications, for cluster array jobs; merge the shards' stores with `flowsim merge`.",
        valueName: "i/N"))
    var shard: String?

    @Option(name: .long, help: "Confidence level of the intervals.")
    var confidence: Double = 0.95

    @Option(name: .long, help: "Census interval for time series in the store, e.g. 1d; default none (keeps big batches small).")
    var interval: String?

    @Flag(name: .long, help: "Show progress on standard error even when it is not a terminal.")
    var progress = false

    @Flag(name: [.customShort("q"), .long], help: "Print nothing but errors.")
    var quiet = false

    func validate() throws {
        if let r = replications, r < 1 { throw ValidationError("--replications must be at least 1, found \(r)") }
        if threads < 0 { throw ValidationError("--threads must be 0 (all cores) or more, found \(threads)") }
        if !(confidence > 0 && confidence < 1) { throw ValidationError("--confidence must be between 0 and 1, found \(confidence)") }
        if let shard, Shard(shard) == nil {
            throw ValidationError("--shard must be i/N with 1 <= i <= N, such as 2/8; found \(shard)")
        }
        if let interval, intervalDays(interval) == nil {
            throw ValidationError("--interval must be a duration such as 1d or \"1 week\"; found \(interval)")
        }
    }

    var parsedShard: Shard? { shard.flatMap(Shard.init) }

    var intervalDays: Double? { interval.flatMap(intervalDays) }

    func intervalDays(_ text: String) -> Double? {
        if case .success(let d) = Units.duration(text), d > 0, d.isFinite { return d }
        return nil
    }

    /// `--out`, else out/<file name><suffix>.
    func directory(for file: String, suffix: String = "") -> String {
        out ?? "out/" + URL(fileURLWithPath: file).deletingPathExtension().lastPathComponent + suffix
    }

    func storePath(directory: String) -> String {
        store ?? (directory as NSString).appendingPathComponent("results.sqlite")
    }

    /// Runs the experiment into the store (or its shard), with progress,
    /// then reads every finished point's summaries back from the store.
    func execute(_ experiment: Experiment, directory: String) throws -> (summary: ExperimentSummary, outcome: StoredExperiment.Outcome, store: String) {
        let path = storePath(directory: directory)
        let store: ResultsStore
        let runs: ExperimentRuns
        do {
            try FileManager.default.createDirectory(at: URL(fileURLWithPath: path).deletingLastPathComponent(),
                                                    withIntermediateDirectories: true)
            store = try ResultsStore(path: path)
            runs = try store.beginExperiment(experiment, confidence: confidence,
                                             commandLine: StoreOption.commandLine(CommandLine.arguments), resume: resume)
        } catch let error as ResultsStoreError {
            if case .experimentExists = error {
                Terminal.error("flowsim: \(path): \(error.description)")
                throw Exit.usage
            }
            throw StoredRun.failed(path, error)
        } catch {
            throw StoredRun.failed(path, error)
        }
        if runs.sameNameOtherDefinition > 0 && !quiet {
            Terminal.error("flowsim: warning: \(path) holds '\(experiment.name)' with another definition (a scenario file, "
                + "an override, the seed or the replications changed), so nothing is resumed: this starts it anew beside the old one")
        }
        let units = experiment.units(shard: parsedShard).count
        if !quiet {
            let slice = parsedShard.map { ", shard \($0)" } ?? ""
            Terminal.error("flowsim: \(experiment.kind.rawValue) '\(experiment.name)': \(experiment.points.count) points, "
                + "\(units) replications\(slice)\(runs.resumed ? " (resuming)" : "") into \(path)")
        }
        let bar = ProgressLine(enabled: !quiet && (progress || Terminal.stderrIsTerminal))
        let outcome: StoredExperiment.Outcome
        do {
            outcome = try StoredExperiment.run(experiment, store: store, runs: runs, shard: parsedShard, threads: threads) {
                bar.update(done: $0, total: $1)
            }
        } catch let error as RandomStreamError {
            Terminal.error("flowsim: run failed: \(error)")
            throw Exit.runtime
        } catch {
            throw StoredRun.failed(path, error)
        }
        do {
            let points = try runs.runs.map { try store.summaries(run: $0) }
            return (ExperimentSummary(experiment: experiment, confidence: confidence, points: points), outcome, path)
        } catch {
            throw StoredRun.failed(path, error)
        }
    }
}

/// Writing results files: a failure prints where and why, exit 74.
enum ResultsOutput {
    static func writing<T>(_ directory: String, _ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch {
            Terminal.error("flowsim: cannot write results to \(directory): \(error.localizedDescription)")
            throw Exit.io
        }
    }
}

/// Loading scenarios and plans for experiment commands: problems printed
/// together, exit 65.
enum ExperimentInput {
    static func loaded<T>(_ body: () throws(ScenarioError) -> T) throws -> T {
        do {
            return try body()
        } catch {
            Terminal.error(error.description)
            throw Exit.invalidScenario
        }
    }
}
