import Histogram

/// Fixed-memory quantiles of non-negative durations, in days.
///
/// Backed by an HdrHistogram with three significant digits recorded in
/// seconds: a quantile is exact to one second below 1,000 s and within 0.1%
/// relative error above. Sketches merge exactly (bucket counts add), so
/// shards and threads combine to the same quantiles. Recording is O(1) and
/// allocates only when a value exceeds every value seen so far by a wide
/// margin (the histogram then grows once).
public struct QuantileSketch: Sendable {
    /// Resolution of the recorded values.
    public static let unitsPerDay: Double = 86_400
    @usableFromInline var histogram: Histogram<UInt64>

    public init() {
        histogram = Histogram<UInt64>(
            lowestDiscernibleValue: 1, highestTrackableValue: 86_400 * 366, numberOfSignificantValueDigits: .three)
        histogram.autoResize = true
    }

    public var count: Int { Int(histogram.totalCount) }

    @inlinable @inline(__always)
    public mutating func add(_ days: Double) {
        _ = histogram.record(Self.units(days))
    }

    /// `days` in whole seconds, rounded half away from zero, clamped to
    /// [0, 9e18]. Below 2^52 the rounding is done with a truncation and an
    /// exact subtraction, which gives `rounded()`'s result without its call
    /// into libm (measured: a call per recorded wait).
    @inlinable @inline(__always)
    static func units(_ days: Double) -> UInt64 {
        let x = days * unitsPerDay
        if x >= 0 && x < 4_503_599_627_370_496 {   // 2^52: Double(whole) and x - whole are exact
            let whole = Int64(x)   // a signed conversion is one instruction on x86-64
            return UInt64(x - Double(whole) >= 0.5 ? whole + 1 : whole)
        }
        let scaled = x.rounded()
        return scaled <= 0 ? 0 : (scaled >= 9.0e18 ? UInt64(9.0e18) : UInt64(scaled))
    }

    public mutating func merge(_ other: QuantileSketch) { histogram.add(other.histogram) }

    public mutating func reset() { histogram.reset() }

    /// The q-quantile (0 < q < 1) in days; NaN when empty.
    public func quantile(_ q: Double) -> Double {
        guard histogram.totalCount > 0 else { return .nan }
        return Double(histogram.valueAtPercentile(q * 100)) / Self.unitsPerDay
    }

    /// Share of recorded values at or below `days`; NaN when empty.
    public func share(atOrBelow days: Double) -> Double {
        guard histogram.totalCount > 0 else { return .nan }
        let limit = UInt64(min(9.0e18, max(0, (days * Self.unitsPerDay).rounded())))
        return Double(histogram.count(within: 0...limit)) / Double(histogram.totalCount)
    }
}
