import FlowEngine
import FlowStats
import Foundation
import Synchronization

/// Runs independent replications of a model, on as many threads as asked.
///
/// Replication k always uses the streams seeded from (seed, k, name) and its
/// result is stored at position k, so the output is the same whatever the
/// thread count or the order in which threads finish.
public enum ReplicationRunner {
    /// - Parameters:
    ///   - firstReplication: index of the first replication (to extend a run).
    ///   - threads: worker threads; 0 means one per core.
    ///   - progress: called after each replication with (done, total), from
    ///     worker threads, one call at a time.
    public static func run(model: NetworkModel, seed: UInt64, replications: Int, firstReplication: Int = 0,
                           threads: Int = 0,
                           progress: (@Sendable (Int, Int) -> Void)? = nil) throws(RandomStreamError) -> RunResults {
        let state = Mutex(RunState(slots: Array(repeating: nil, count: replications)))
        try ParallelWork.forEach(replications, threads: threads) { (k: Int) throws(RandomStreamError) in
            var sim = try NetworkSimulation(model: model, masterSeed: seed, replication: firstReplication + k)
            sim.run()
            let r = sim.result()
            let done = state.withLock { s in
                s.slots[k] = r
                s.done += 1
                return s.done
            }
            progress?(done, replications)
        }
        return RunResults(keys: NetworkMetrics.keys(for: model), results: state.withLock { $0.slots }.compactMap { $0 })
    }
}

struct RunState: Sendable {
    var slots: [ReplicationResult?]
    var done = 0
}

/// Cores available to this process.
public enum ProcessInfoCores {
    public static var count: Int {
        max(1, ProcessInfo.processInfo.activeProcessorCount)
    }
}
