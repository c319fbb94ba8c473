import FlowEngine
import FlowExperiments
import Synchronization

/// Runs a run's replications on worker threads and commits each to the
/// store as soon as it finishes, skipping those already stored.
///
/// `ReplicationRunner` hands its results back only at the end (its progress
/// callback carries counts, not results), so a stop mid-run would lose them
/// all. Here each worker asks the runner for one replication at a time
/// (`replications: 1, firstReplication: k`): replication k is seeded from
/// (seed, k) alone, so the results equal one big `ReplicationRunner.run`
/// bit for bit, and a resumed run ends identical to an uninterrupted one.
/// Commits go through the store's single connection, one at a time.
public enum StoredReplications {
    /// - Parameters:
    ///   - replications: the run's replications are 0..<replications;
    ///     those already in the store are read back, not recomputed.
    ///   - threads: worker threads; 0 means one per core.
    ///   - progress: (done, total) after each replication, counting those
    ///     stored before; from worker threads, so possibly two at once.
    /// - Returns: every replication 0..<replications, in order.
    public static func run(model: NetworkModel, seed: UInt64, replications: Int, threads: Int = 0,
                           store: ResultsStore, run: Int64,
                           progress: (@Sendable (Int, Int) -> Void)? = nil) throws -> RunResults {
        let stored = Set(try store.completedReplications(run: run)).filter { $0 >= 0 && $0 < replications }
        let todo = (0..<replications).filter { !stored.contains($0) }
        let state = Mutex(Progress(done: stored.count))
        try ParallelWork.forEach(todo.count, threads: threads) { (i: Int) throws(any Error) in
            let k = todo[i]
            let one = try ReplicationRunner.run(model: model, seed: seed, replications: 1, firstReplication: k, threads: 1)
            for r in one.results { try store.record(r, run: run, model: model) }
            let done = state.withLock { s in
                s.results += one.results
                s.done += 1
                return s.done
            }
            progress?(done, replications)
        }
        let computed = state.withLock { $0.results }
        let earlier = stored.isEmpty ? [] : try store.results(run: run, model: model, only: stored).results
        return RunResults(keys: NetworkMetrics.keys(for: model), results: earlier + computed)
    }
}

private struct Progress: Sendable {
    var done: Int
    var results: [ReplicationResult] = []
}
