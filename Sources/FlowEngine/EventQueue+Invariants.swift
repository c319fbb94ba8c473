extension EventQueue {
    /// Checks the heap property (no child precedes its parent) and that every
    /// sequence number is unique and below the next one to be issued. A root
    /// already handed out by `next()` is a hole and is not checked.
    /// O(n); meant for tests, which call it after every step of small runs.
    public func checkInvariants() -> [String] {
        var problems: [String] = []
        let first = rootTaken ? 1 : 0
        if rootTaken && heap.isEmpty { problems.append("the root is marked handed out in an empty heap") }
        let base = heap.base
        for i in max(1, first)..<max(heap.count, 1) {
            let parent = (i - 1) / 2
            if parent < first { continue }
            if Event.precedes(base[i], base[parent]) {
                problems.append("event \(i) (t=\(base[i].time)) precedes its parent \(parent) (t=\(base[parent].time))")
            }
        }
        var seen = Set<UInt64>()
        for e in pending {
            if e.sequence >= nextSequence { problems.append("sequence \(e.sequence) not yet issued") }
            if !seen.insert(e.sequence).inserted { problems.append("sequence \(e.sequence) appears twice") }
            // +inf is "never" (a sample beyond Double's range); NaN or -inf would break the order of time.
            if e.time.isNaN || e.time == -.infinity { problems.append("event time \(e.time) is not a time") }
        }
        return problems
    }
}
