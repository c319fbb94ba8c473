extension EventQueue {
    /// Checks the heap property (no child precedes its parent) and that every
    /// sequence number is unique and below the next one to be issued.
    /// O(n); meant for tests, which call it after every step of small runs.
    public func checkInvariants() -> [String] {
        var problems: [String] = []
        for i in 1..<max(storage.count, 1) {
            let parent = (i - 1) / 2
            if Event.precedes(storage[i], storage[parent]) {
                problems.append("event \(i) (t=\(storage[i].time)) precedes its parent \(parent) (t=\(storage[parent].time))")
            }
        }
        var seen = Set<UInt64>()
        for e in storage {
            if e.sequence >= nextSequence { problems.append("sequence \(e.sequence) not yet issued") }
            if !seen.insert(e.sequence).inserted { problems.append("sequence \(e.sequence) appears twice") }
            // +inf is "never" (a sample beyond Double's range); NaN or -inf would break the order of time.
            if e.time.isNaN || e.time == -.infinity { problems.append("event time \(e.time) is not a time") }
        }
        return problems
    }
}
