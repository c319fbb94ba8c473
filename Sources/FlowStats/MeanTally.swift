/// The count and mean of a stream of observations, and nothing else: what
/// the engine keeps per person per station, where only means are reported
/// (intervals come from replications, not from within one run).
///
///     var waits = MeanTally()
///     waits.add(0.5)
///     waits.add(1.5)
///     waits.mean   // 1.0
///
/// `add` is an increment and a compensated (Kahan) addition: no division,
/// where Welford's update in `Tally` divides on every observation, and a
/// sum whose rounding error does not grow with the count (Higham 2002,
/// §4.3), so the mean is as accurate as `Tally`'s. Use `Tally` when the
/// spread of the observations is wanted. O(1), allocates nothing; inlinable
/// because the engine calls it from another module several times per event.
public struct MeanTally: Sendable, Equatable {
    @usableFromInline var _count: Int = 0
    @usableFromInline var _sum: Double = 0
    /// The low-order part lost from `_sum`, negated (Kahan's compensation).
    @usableFromInline var _lost: Double = 0

    public init() {}

    public var count: Int { _count }
    /// The sum of the observations.
    public var sum: Double { _sum - _lost }
    /// NaN when nothing was observed.
    public var mean: Double { _count > 0 ? sum / Double(_count) : .nan }

    @inlinable @inline(__always)
    public mutating func add(_ x: Double) {
        _count &+= 1
        let y = x - _lost
        let t = _sum + y
        _lost = (t - _sum) - y
        _sum = t
    }
}
