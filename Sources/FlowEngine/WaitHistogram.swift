import FlowStats

/// The engine's quantile sketch of waits: `QuantileSketch`'s buckets,
/// counted in a `HotBuffer` (no copy-on-write check per recorded value, as
/// the sketch's array made on two of every customer's events), queried
/// through `QuantileSketch.Counts`, so every answer is the sketch's.
///
///     var waits = WaitHistogram()
///     waits.add(0.25)
///     waits.quantile(0.9)   // what QuantileSketch gives for the same values
///
/// Values are bucketed in batches of `batch`. The buckets span 128 KiB per
/// sketch, so one bucket written per event missed the cache on nearly every
/// wait and held up the event behind it (`network` ran 8% faster with no
/// sketches at all); a batch's increments are independent, so their misses
/// overlap. Counts add, so the answers do not depend on the batching.
///
/// The owner makes it unique after a copy, as with every `HotBuffer`
/// (`NetworkSimulation.makeUnique()`), and calls `settle()` when a run ends
/// so that queries read the buckets in place; a query with values still
/// pending works on a settled copy. Recording is O(1) amortised and
/// allocates only when a value exceeds the buckets (they then double);
/// queries are O(buckets).
struct WaitHistogram {
    /// Values held before they are bucketed.
    static let batch = 256

    private var buckets: HotBuffer<UInt64>
    /// Values (days) recorded since the last `settle()`.
    private var pending: HotBuffer<Double>
    /// `settle()`'s bucket index of each pending value.
    private var index: HotBuffer<Int>
    /// Values already bucketed.
    private var bucketed: UInt64 = 0
    private var maxValue: UInt64 = 0
    private var minNonZeroValue: UInt64 = .max

    init() {
        buckets = HotBuffer(capacity: QuantileSketch.initialBucketCount)
        for _ in 0..<QuantileSketch.initialBucketCount { buckets.append(0) }
        pending = HotBuffer(capacity: Self.batch)
        index = HotBuffer(capacity: Self.batch)
        for _ in 0..<Self.batch { index.append(0) }
    }

    var count: Int { Int(bucketed) + pending.count }

    @inline(__always)
    mutating func add(_ days: Double) {
        pending.append(days)
        if pending.count == Self.batch { settle() }
    }

    /// Buckets the pending values in two passes: the arithmetic first, then
    /// a loop of bare increments, whose cache misses the processor overlaps
    /// (in one loop, the arithmetic between increments left room for few).
    mutating func settle() {
        let n = pending.count
        guard n > 0 else { return }
        var high = maxValue, low = minNonZeroValue
        for k in 0..<n {
            let v = QuantileSketch.units(scaled: pending[k] * QuantileSketch.unitsPerDay)
            index[k] = QuantileSketch.bucket(ofUnits: v)
            high = Swift.max(high, v)
            low = Swift.min(low, v == 0 ? .max : v)
        }
        (maxValue, minNonZeroValue) = (high, low)
        // Buckets are in the order of values, so the largest value's is the last needed.
        let last = QuantileSketch.bucket(ofUnits: high)
        if last >= buckets.count { grow(to: last) }
        for k in 0..<n { buckets[index[k]] &+= 1 }
        bucketed &+= UInt64(n)
        pending.removeAll()
    }

    /// Makes `index` addressable, doubling as `QuantileSketch.grow` does.
    private mutating func grow(to index: Int) {
        let target = Swift.max(index + 1, 2 * buckets.count)
        while buckets.count < target { buckets.append(0) }
    }

    mutating func makeUnique() {
        buckets.makeUnique()
        pending.makeUnique()
        index.makeUnique()
    }

    /// The sketch's query over settled buckets: in place when nothing is
    /// pending, else on a copy (so a query never writes a shared block).
    private func query<T>(_ body: (QuantileSketch.Counts) -> T) -> T {
        if pending.isEmpty {
            return withExtendedLifetime(buckets) {
                body(QuantileSketch.Counts(buckets: buckets.elements, total: bucketed,
                                           maxValue: maxValue, minNonZeroValue: minNonZeroValue))
            }
        }
        var copy = self
        copy.makeUnique()
        copy.settle()
        return copy.query(body)
    }

    /// The q-quantile (0 < q < 1) in days; NaN when empty.
    func quantile(_ q: Double) -> Double { query { $0.quantile(q) } }

    /// Share of recorded values at or below `days`; NaN when empty.
    func share(atOrBelow days: Double) -> Double { query { $0.share(atOrBelow: days) } }
}
