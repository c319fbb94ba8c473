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
/// The owner makes it unique after a copy, as with every `HotBuffer`
/// (`NetworkSimulation.makeUnique()`). Recording is O(1) and allocates only
/// when a value exceeds the buckets (they then double); queries are O(buckets).
struct WaitHistogram {
    private var buckets: HotBuffer<UInt64>
    private(set) var total: UInt64 = 0
    private var maxValue: UInt64 = 0
    private var minNonZeroValue: UInt64 = .max

    init() {
        buckets = HotBuffer(capacity: QuantileSketch.initialBucketCount)
        for _ in 0..<QuantileSketch.initialBucketCount { buckets.append(0) }
    }

    var count: Int { Int(total) }

    @inline(__always)
    mutating func add(_ days: Double) {
        let (i, v) = QuantileSketch.bucket(ofDays: days)
        if i >= buckets.count { grow(to: i) }
        buckets[i] &+= 1
        total &+= 1
        if v > maxValue { maxValue = v }
        if v < minNonZeroValue, v != 0 { minNonZeroValue = v }
    }

    /// Makes `index` addressable, doubling as `QuantileSketch.grow` does.
    private mutating func grow(to index: Int) {
        let target = Swift.max(index + 1, 2 * buckets.count)
        while buckets.count < target { buckets.append(0) }
    }

    mutating func makeUnique() { buckets.makeUnique() }

    private var counts: QuantileSketch.Counts {
        QuantileSketch.Counts(buckets: buckets.elements, total: total, maxValue: maxValue, minNonZeroValue: minNonZeroValue)
    }

    /// The q-quantile (0 < q < 1) in days; NaN when empty.
    func quantile(_ q: Double) -> Double { withExtendedLifetime(buckets) { counts.quantile(q) } }

    /// Share of recorded values at or below `days`; NaN when empty.
    func share(atOrBelow days: Double) -> Double { withExtendedLifetime(buckets) { counts.share(atOrBelow: days) } }
}
