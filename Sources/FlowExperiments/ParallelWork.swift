import Dispatch
import Synchronization

/// The worker loop every replication runner shares: indices handed out one
/// at a time to a fixed number of threads, so a slow replication never
/// holds up a batch of others, and the first failure stops new work.
public enum ParallelWork {
    /// Calls `body` once for each index in 0..<count on up to `threads`
    /// workers (0: one per core), each taking the next index when it has
    /// finished one. After an error no new index starts; the first error is
    /// rethrown once every worker has stopped. `body` runs concurrently
    /// with itself: it must guard what it shares.
    public static func forEach<E: Error>(_ count: Int, threads: Int, _ body: @Sendable (Int) throws(E) -> Void) throws(E) {
        guard count > 0 else { return }
        let workers = max(1, min(threads > 0 ? threads : ProcessInfoCores.count, count))
        let state = Mutex(Cursor<E>())
        DispatchQueue.concurrentPerform(iterations: workers) { _ in
            while true {
                let next: Int? = state.withLock { s in
                    guard s.next < count, s.error == nil else { return nil }
                    defer { s.next += 1 }
                    return s.next
                }
                guard let i = next else { return }
                do throws(E) {
                    try body(i)
                } catch {
                    state.withLock { s in s.error = s.error ?? error }
                    return
                }
            }
        }
        if let error = state.withLock({ $0.error }) { throw error }
    }

    private struct Cursor<E: Error>: Sendable {
        var next = 0
        var error: E?
    }
}
