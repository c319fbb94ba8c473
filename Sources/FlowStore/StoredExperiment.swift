import FlowEngine
import FlowExperiments
import FlowScenario
import Foundation
import GRDB
import Synchronization

/// An experiment's rows in a store: its id and the run of each point.
public struct ExperimentRuns: Sendable, Equatable {
    public let experiment: Int64
    /// `runs[p]` is point p's run.
    public let runs: [Int64]
    /// True when the store already held the experiment (a resumed one).
    public let resumed: Bool
    /// With `--resume` and no experiment of this fingerprint: the stored
    /// experiments of the same name and kind, whose definition differs (a
    /// scenario file or an option changed), so the user learns why nothing
    /// was resumed.
    public var sameNameOtherDefinition = 0
}

extension ResultsStore {
    /// Finds the experiment with `experiment`'s fingerprint, or records it
    /// with one run per point, all in one transaction.
    ///
    /// - Parameter resume: continue the experiment if the store holds it.
    ///   Without it, finding it is an error: repeating a finished batch
    ///   into the same store could only duplicate it, and the user should
    ///   choose between continuing and starting elsewhere.
    public func beginExperiment(_ experiment: Experiment, confidence: Double, commandLine: String,
                                resume: Bool) throws -> ExperimentRuns {
        let fingerprint = experiment.fingerprint
        let definition = experiment.definition
        let files = experiment.points.map { p in
            p.scenario.files.map { ScenarioFile(path: $0, text: (try? String(contentsOfFile: $0, encoding: .utf8)) ?? "") }
        }
        return try queue.write { db in
            if let id = try Int64.fetchOne(db, sql: "SELECT id FROM experiments WHERE fingerprint = ?", arguments: [fingerprint]) {
                guard resume else {
                    let done = try Int.fetchOne(db, sql: """
                        SELECT COUNT(*) FROM completed_replications c JOIN experiment_points p ON p.run_id = c.run_id
                        WHERE p.experiment_id = ?
                        """, arguments: [id]) ?? 0
                    throw ResultsStoreError.experimentExists(name: experiment.name, done: done,
                                                             planned: experiment.totalReplications)
                }
                let runs = try Int64.fetchAll(db, sql: "SELECT run_id FROM experiment_points WHERE experiment_id = ? ORDER BY point",
                                              arguments: [id])
                guard runs.count == experiment.points.count else {
                    throw ResultsStoreError.experimentMismatch(name: experiment.name, points: experiment.points.count,
                                                               found: runs.count)
                }
                return ExperimentRuns(experiment: id, runs: runs, resumed: true)
            }
            let others = resume ? try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM experiments WHERE name = ? AND kind = ?",
                                                   arguments: [experiment.name, experiment.kind.rawValue]) ?? 0 : 0
            let createdAt = ISO8601DateFormatter().string(from: Date())
            try db.execute(sql: "INSERT INTO experiments (kind, name, fingerprint, definition, created_at) VALUES (?, ?, ?, ?, ?)",
                           arguments: [experiment.kind.rawValue, experiment.name, fingerprint, definition, createdAt])
            let id = db.lastInsertedRowID
            var runs: [Int64] = []
            for (p, point) in experiment.points.enumerated() {
                let model = point.scenario.model
                let info = StoreRunInfo(scenarioName: point.scenario.name, scenarioHash: point.scenario.hash,
                                        seed: experiment.seed, model: model, confidence: confidence,
                                        replicationsPlanned: point.replications, commandLine: commandLine)
                let run = try Self.insertRun(db, info, scenarioFiles: files[p], keys: NetworkMetrics.keys(for: model),
                                             createdAt: createdAt)
                try db.execute(sql: "INSERT INTO experiment_points (experiment_id, point, label, overrides, run_id) VALUES (?, ?, ?, ?, ?)",
                               arguments: [id, p, point.label, try Self.jsonArray(point.overrides), run])
                runs.append(run)
            }
            var started = ExperimentRuns(experiment: id, runs: runs, resumed: false)
            started.sameNameOtherDefinition = others
            return started
        }
    }

    /// Replications stored per run of the experiment, as a set of work units.
    func completedUnits(_ runs: ExperimentRuns) throws -> Set<WorkUnit> {
        var point: [Int64: Int] = [:]
        for (p, r) in runs.runs.enumerated() { point[r] = p }
        return try queue.read { db in
            var out = Set<WorkUnit>()
            let rows = try Row.fetchCursor(db, sql: """
                SELECT c.run_id, c.replication FROM completed_replications c
                JOIN experiment_points p ON p.run_id = c.run_id WHERE p.experiment_id = ?
                """, arguments: [runs.experiment])
            while let row = try rows.next() {
                if let p = point[row[0]] { out.insert(WorkUnit(point: p, replication: row[1])) }
            }
            return out
        }
    }
}

/// Runs an experiment's work units on worker threads, committing each
/// replication to the store as it finishes.
///
/// Nothing but counts is kept in memory, so ten thousand replications
/// take the memory of one per thread; results come back from the store
/// (`finishRun`'s summaries). Replication k of point p is seeded from
/// (seed, k) whichever thread or shard computes it, so a resumed or
/// sharded experiment stores exactly the rows of an uninterrupted one.
public enum StoredExperiment {
    public struct Outcome: Sendable {
        /// Replications computed now, and those found already stored.
        public var computed: Int
        public var skipped: Int
        /// Points whose every replication is in the store (and summarised).
        public var finished: [Bool]
        public var events: UInt64
    }

    /// - Parameters:
    ///   - shard: run only this slice of the work; nil for all of it.
    ///   - threads: worker threads; 0 means one per core.
    ///   - progress: (done, total) over this invocation's units, counting
    ///     those already stored; from worker threads.
    public static func run(_ experiment: Experiment, store: ResultsStore, runs: ExperimentRuns, shard: Shard? = nil,
                           threads: Int = 0, progress: (@Sendable (Int, Int) -> Void)? = nil) throws -> Outcome {
        let all = experiment.units(shard: shard)
        let stored = try store.completedUnits(runs)
        let todo = all.filter { !stored.contains($0) }
        let skipped = all.count - todo.count
        let state = Mutex(State())
        if !todo.isEmpty { progress?(skipped, all.count) }
        try ParallelWork.forEach(todo.count, threads: threads) { (i: Int) throws(any Error) in
            let unit = todo[i]
            let model = experiment.points[unit.point].scenario.model
            var sim = try NetworkSimulation(model: model, masterSeed: experiment.seed, replication: unit.replication)
            sim.run()
            let result = sim.result()
            try store.record(result, run: runs.runs[unit.point], model: model)
            let done = state.withLock { s in
                s.done += 1
                s.events += result.events
                return s.done
            }
            progress?(skipped + done, all.count)
        }
        // Summaries are made once a point is complete; a point this call added nothing to keeps
        // the summaries it already has (resuming a long sweep does not re-read every replication).
        let touched = Set(todo.map(\.point))
        var finished: [Bool] = []
        for (p, point) in experiment.points.enumerated() {
            let complete = try store.completedReplications(run: runs.runs[p]).count >= point.replications
            if complete, try touched.contains(p) || !store.isFinished(runs.runs[p]) { try store.finishRun(runs.runs[p]) }
            finished.append(complete)
        }
        return Outcome(computed: todo.count, skipped: skipped, finished: finished, events: state.withLock { $0.events })
    }

    private struct State: Sendable {
        var done = 0
        var events: UInt64 = 0
    }
}
