/// A streaming summary of observations: count, mean, variance, min and max.
///
/// Uses Welford's update, which stays accurate where the naive sum of squares
/// cancels catastrophically, and Chan et al.'s pairwise merge, so tallies kept
/// apart (threads, shards) combine into the tally of all observations.
/// `add` and `merge` are O(1) and allocate nothing. `add` is inlinable: the
/// engine calls it several times per event from another module, and a call
/// across modules cannot otherwise be inlined.
public struct Tally: Sendable, Equatable, Codable {
    // Stored under underscored names so that the inlinable `add` may write
    // them while callers only read; the coding keys keep the public names.
    @usableFromInline var _count: Int = 0
    @usableFromInline var _mean: Double = 0
    @usableFromInline var _sumSquaredDeviations: Double = 0
    @usableFromInline var _min: Double = .infinity
    @usableFromInline var _max: Double = -.infinity

    public var count: Int { _count }
    public var mean: Double { _mean }
    /// Sum of squared deviations from the mean (M2 in Welford's notation).
    public var sumSquaredDeviations: Double { _sumSquaredDeviations }
    public var min: Double { _min }
    public var max: Double { _max }

    enum CodingKeys: String, CodingKey {
        case _count = "count", _mean = "mean", _sumSquaredDeviations = "sumSquaredDeviations"
        case _min = "min", _max = "max"
    }

    public init() {}

    @inlinable @inline(__always)
    public mutating func add(_ x: Double) {
        _count += 1
        if x == 0 && _mean == 0 {
            // Counts that are mostly zero (hand-offs, rejections per person):
            // Welford's update would add exact zeros to the mean and M2, so
            // skipping the division leaves every bit as it was.
            if x < _min { _min = x }
            if x > _max { _max = x }
            return
        }
        let delta = x - _mean
        _mean += delta / Double(_count)
        _sumSquaredDeviations += delta * (x - _mean)
        if x < _min { _min = x }
        if x > _max { _max = x }
    }

    /// Combines another tally as if its observations had been added here.
    public mutating func merge(_ other: Tally) {
        guard other.count > 0 else { return }
        guard count > 0 else { self = other; return }
        let n = Double(_count + other._count)
        let delta = other._mean - _mean
        _mean += delta * Double(other._count) / n
        _sumSquaredDeviations += other._sumSquaredDeviations
            + delta * delta * Double(_count) * Double(other._count) / n
        _count += other._count
        _min = Swift.min(_min, other._min)
        _max = Swift.max(_max, other._max)
    }

    /// Sample variance (n − 1 denominator); NaN below two observations.
    public var variance: Double { count > 1 ? sumSquaredDeviations / Double(count - 1) : .nan }
    public var standardDeviation: Double { variance.squareRoot() }
}
