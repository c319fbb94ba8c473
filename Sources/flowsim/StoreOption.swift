import ArgumentParser
import FlowEngine
import FlowExperiments
import FlowScenario
import FlowStore
import Foundation

/// `--store FILE` and `--no-store`: the SQLite results store a run appends
/// to, by default `results.sqlite` beside `summary.json`.
///
/// On by default because it is what later batch and sweep work appends to
/// and resumes from; each replication is committed as it finishes, so an
/// interrupted run keeps what it computed.
struct StoreOption: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp(
        "SQLite results store to append this run to (default: results.sqlite in the --out directory).",
        valueName: "file"))
    var store: String?

    @Flag(name: .customLong("no-store"), help: "Write no SQLite results store.")
    var noStore = false

    func validate() throws {
        if noStore, store != nil { throw ValidationError("--store and --no-store cannot both be given") }
    }

    /// The store's path for results written to `directory`; nil with `--no-store`.
    func path(directory: String) -> String? {
        noStore ? nil : store ?? (directory as NSString).appendingPathComponent("results.sqlite")
    }

    /// Opens (or creates) the store and records the run's identity,
    /// scenario text and metric layout; nil with `--no-store`. Prints the
    /// reason and throws `Exit.io` when the store cannot be written.
    func begin(scenario: Scenario, seed: UInt64, replications: Int, confidence: Double,
               directory: String) throws -> StoredRun? {
        guard let path = path(directory: directory) else { return nil }
        do {
            let parent = URL(fileURLWithPath: path).deletingLastPathComponent()
            try FileManager.default.createDirectory(at: parent, withIntermediateDirectories: true)
            let store = try ResultsStore(path: path)
            let info = StoreRunInfo(scenarioName: scenario.name, scenarioHash: scenario.hash, seed: seed,
                                    model: scenario.model, confidence: confidence, replicationsPlanned: replications,
                                    commandLine: Self.commandLine(CommandLine.arguments))
            // The text as read for this run, so the store alone can reproduce it after the files change.
            let files = scenario.files.map { ScenarioFile(path: $0, text: (try? String(contentsOfFile: $0, encoding: .utf8)) ?? "") }
            let id = try store.beginRun(info, scenarioFiles: files, keys: NetworkMetrics.keys(for: scenario.model))
            return StoredRun(store: store, id: id, model: scenario.model, seed: seed)
        } catch {
            throw StoredRun.failed(path, error)
        }
    }

    /// The command as a shell would take it back, words quoted when needed;
    /// the program by name, not by where it was installed.
    static func commandLine(_ arguments: [String]) -> String {
        let words = arguments.isEmpty ? [] : [(arguments[0] as NSString).lastPathComponent] + arguments.dropFirst()
        return words.map(shellWord).joined(separator: " ")
    }

    /// One word as a POSIX shell reads it back: as is when plain, else single-quoted.
    static func shellWord(_ word: String) -> String {
        let plain = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_./=:@%+,")
        return !word.isEmpty && word.allSatisfy(plain.contains) ? word : "'" + word.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}

/// A run being written to the results store.
struct StoredRun {
    let store: ResultsStore
    let id: Int64
    let model: NetworkModel
    let seed: UInt64

    /// The store's file, for the "Wrote ..." line.
    var path: String { store.path }

    /// Runs replications 0..<replications, committing each to the store as
    /// it finishes (see `StoredReplications`); the results equal
    /// `ReplicationRunner.run` for any thread count. Simulation errors pass
    /// through; a store that cannot be written prints why and throws `Exit.io`.
    func run(replications: Int, threads: Int, progress: (@Sendable (Int, Int) -> Void)? = nil) throws -> RunResults {
        do {
            return try StoredReplications.run(model: model, seed: seed, replications: replications, threads: threads,
                                              store: store, run: id, progress: progress)
        } catch let error as RandomStreamError {
            throw error
        } catch {
            throw Self.failed(store.path, error)
        }
    }

    /// Stores any replications added after `run` (the precision advisor's)
    /// and writes the run's summaries; the run is then marked finished.
    func finish(_ results: RunResults) throws {
        do {
            try store.record(results, run: id, model: model)
            try store.finishRun(id)
        } catch {
            throw Self.failed(store.path, error)
        }
    }

    static func failed(_ path: String, _ error: any Error) -> ExitCode {
        Terminal.error("flowsim: cannot write results to the store \(path): \(error.localizedDescription)")
        return Exit.io
    }
}
