/// Fixed-memory quantiles of non-negative durations, in days.
///
///     var waits = QuantileSketch()
///     waits.add(0.25)            // six hours
///     waits.quantile(0.9)        // days
///
/// An HdrHistogram (Tene; the layout of HdrHistogram/hdrhistogram-swift)
/// with three significant digits recorded in seconds: a quantile is exact to
/// one second below 1,000 s and within 0.1% relative error above. Sketches
/// merge exactly (bucket counts add), so shards and threads combine to the
/// same quantiles.
///
/// The bucket arithmetic is written out here, for the one layout FlowSim
/// uses, rather than called in the Histogram package: the engine records
/// two values per person, and the package's generic index functions are not
/// inlined across modules (measured: about 9% of the instructions of
/// `mmc`). Every answer equals the package's to the bit: the tests record
/// the same values in both and compare every query. Recording is O(1) and
/// allocates only when a value exceeds every value seen so far by a wide
/// margin (the counts then grow once); a quantile or share is O(buckets).
public struct QuantileSketch: Sendable {
    /// Resolution of the recorded values.
    public static let unitsPerDay: Double = 86_400

    // The layout for lowest discernible value 1 and three significant digits:
    // 2,048 sub-buckets (unit magnitude 0), half of them per bucket above the first.
    @usableFromInline static let subBucketHalfCountMagnitude = 10
    @usableFromInline static let subBucketHalfCount = 1 << subBucketHalfCountMagnitude
    @usableFromInline static let subBucketMask: UInt64 = 2_047
    @usableFromInline static let leadingZeroCountBase = 53
    /// Buckets to cover a year in seconds, as the package sizes them.
    static let initialCounts = 16 * 1_024

    @usableFromInline var counts: [UInt64]
    @usableFromInline var totalCount: UInt64 = 0
    @usableFromInline var maxValue: UInt64 = 0
    @usableFromInline var minNonZeroValue: UInt64 = .max

    public init() {
        counts = Array(repeating: 0, count: Self.initialCounts)
    }

    public var count: Int { Int(totalCount) }

    @inlinable @inline(__always)
    public mutating func add(_ days: Double) {
        record(Self.units(days))
    }

    /// `days` in whole seconds, rounded half away from zero, clamped to
    /// [0, 9e18].
    @inlinable @inline(__always)
    static func units(_ days: Double) -> UInt64 { units(scaled: days * unitsPerDay) }

    /// `x` seconds as `units` counts them: rounded half away from zero and
    /// clamped to [0, 9e18]; non-decreasing in `x`.
    ///
    /// Below 2^52 without a call into libm or a checked conversion: adding
    /// 2^52 rounds `x` to the nearest integer (ties to even) in the low bits,
    /// and a tie rounded down (`x` exactly half above it; the difference is
    /// exact) gets its one back. Measured: `rounded()` was a call per
    /// recorded wait, and a truncating conversion two range checks.
    @inlinable @inline(__always)
    public static func units(scaled x: Double) -> UInt64 {
        let twoTo52 = 4_503_599_627_370_496.0
        if x >= 0 && x < twoTo52 {
            let nearest = (x + twoTo52).bitPattern &- twoTo52.bitPattern
            // A 0 or 1 added, not a branch: which way a wait rounds is a coin toss.
            let tie: UInt64 = x - Double(Int64(bitPattern: nearest)) == 0.5 ? 1 : 0
            return nearest &+ tie
        }
        let scaled = x.rounded()
        return scaled <= 0 ? 0 : (scaled >= 9.0e18 ? UInt64(9.0e18) : UInt64(scaled))
    }

    @inlinable @inline(__always)
    static func index(_ value: UInt64) -> Int {
        // Wrapping arithmetic: bucket is in 0...52 and value >> bucket below
        // 2,048, so nothing can overflow, and the checks cost a branch each.
        let bucket = leadingZeroCountBase &- (value | subBucketMask).leadingZeroBitCount
        return ((bucket &+ 1) &<< subBucketHalfCountMagnitude) &+ Int(truncatingIfNeeded: value &>> UInt64(bucket))
            &- subBucketHalfCount
    }

    @inlinable @inline(__always)
    mutating func record(_ value: UInt64) {
        let i = Self.index(value)
        if i >= counts.count { grow(to: i) }
        counts[i] &+= 1
        totalCount &+= 1
        if value > maxValue { maxValue = value }
        if value < minNonZeroValue, value != 0 { minNonZeroValue = value }
    }

    /// Makes `index` addressable, doubling so that growth happens rarely.
    @usableFromInline
    mutating func grow(to index: Int) {
        counts.append(contentsOf: repeatElement(0, count: Swift.max(index + 1, 2 * counts.count) - counts.count))
    }

    public mutating func merge(_ other: QuantileSketch) {
        if other.counts.count > counts.count { grow(to: other.counts.count - 1) }
        for (i, c) in other.counts.enumerated() where c != 0 { counts[i] &+= c }
        totalCount &+= other.totalCount
        maxValue = Swift.max(maxValue, other.maxValue)
        minNonZeroValue = Swift.min(minNonZeroValue, other.minNonZeroValue)
    }

    public mutating func reset() {
        for i in counts.indices { counts[i] = 0 }
        totalCount = 0
        maxValue = 0
        minNonZeroValue = .max
    }

    /// The q-quantile (0 < q < 1) in days; NaN when empty.
    public func quantile(_ q: Double) -> Double {
        counts.withUnsafeBufferPointer { Counts(buckets: $0, of: self).quantile(q) }
    }

    /// Share of recorded values at or below `days`; NaN when empty.
    public func share(atOrBelow days: Double) -> Double {
        counts.withUnsafeBufferPointer { Counts(buckets: $0, of: self).share(atOrBelow: days) }
    }

    // MARK: Counts kept by the caller

    /// Where a value of `units` (whole seconds, as `units(scaled:)` gives
    /// them) is counted, for a caller that keeps the bucket counts itself;
    /// non-decreasing in `units`.
    @inlinable @inline(__always)
    public static func bucket(ofUnits units: UInt64) -> Int { index(units) }

    /// Buckets a new sketch starts with (a year in seconds).
    public static var initialBucketCount: Int { initialCounts }

    /// A sketch's bucket counts and extremes kept by its caller: the engine
    /// writes its own counts without a copy-on-write check per recorded value
    /// (FlowEngine's `WaitHistogram`, with `units(scaled:)` and `bucket(ofUnits:)`). The queries
    /// are the sketch's own, so they answer exactly as a sketch that recorded
    /// the same values.
    public struct Counts {
        public var buckets: UnsafeBufferPointer<UInt64>
        public var total: UInt64
        public var maxValue: UInt64
        public var minNonZeroValue: UInt64

        public init(buckets: UnsafeBufferPointer<UInt64>, total: UInt64, maxValue: UInt64, minNonZeroValue: UInt64) {
            self.buckets = buckets
            self.total = total
            self.maxValue = maxValue
            self.minNonZeroValue = minNonZeroValue
        }

        init(buckets: UnsafeBufferPointer<UInt64>, of s: QuantileSketch) {
            self.init(buckets: buckets, total: s.totalCount, maxValue: s.maxValue, minNonZeroValue: s.minNonZeroValue)
        }

        /// The q-quantile (0 < q < 1) in days; NaN when empty.
        public func quantile(_ q: Double) -> Double {
            guard total > 0 else { return .nan }
            return Double(valueAtPercentile(q * 100)) / QuantileSketch.unitsPerDay
        }

        /// Share of recorded values at or below `days`; NaN when empty.
        public func share(atOrBelow days: Double) -> Double {
            guard total > 0 else { return .nan }
            let limit = UInt64(min(9.0e18, max(0, (days * QuantileSketch.unitsPerDay).rounded())))
            let high = Swift.min(QuantileSketch.index(limit), buckets.count - 1)
            var n: UInt64 = 0
            for i in 0...high { n += buckets[i] }
            return Double(n) / Double(total)
        }

        // The package's queries, for this layout.

        /// The smallest value recorded (0 if any zero was).
        var minValue: UInt64 { (buckets[0] > 0 || total == 0) ? 0 : minNonZeroValue }

        func valueAtPercentile(_ percentile: Double) -> UInt64 {
            guard percentile != 0.0 else { return minValue }
            guard percentile < 100.0 else { return maxValue }
            // One ulp below, so that round-off does not reach into the next bucket.
            let requested = Swift.min(Swift.max(percentile.nextDown, 0.0), 100.0)
            let countAtPercentile = Swift.max(1, UInt64(((requested * Double(total)) / 100.0).rounded(.up)))
            var running: UInt64 = 0
            for i in 0..<buckets.count {
                running += buckets[i]
                if running >= countAtPercentile {
                    return Swift.max(Swift.min(QuantileSketch.highestEquivalent(QuantileSketch.valueFromIndex(i)), maxValue),
                                     minValue)
                }
            }
            return 0
        }
    }

    static func valueFromIndex(_ index: Int) -> UInt64 {
        var bucket = (index >> subBucketHalfCountMagnitude) - 1
        var subBucket = (index & (subBucketHalfCount - 1)) + subBucketHalfCount
        if bucket < 0 {
            subBucket -= subBucketHalfCount
            bucket = 0
        }
        return UInt64(subBucket) << bucket
    }

    /// The largest value counted in the same bucket as `value`.
    static func highestEquivalent(_ value: UInt64) -> UInt64 {
        let bucket = leadingZeroCountBase - (value | subBucketMask).leadingZeroBitCount
        let subBucket = Int(truncatingIfNeeded: value >> UInt64(bucket))
        let lowest = UInt64(subBucket) << bucket
        let size = UInt64(1) << (subBucket >= 2 * subBucketHalfCount ? bucket + 1 : bucket)
        return lowest + size - 1
    }
}
