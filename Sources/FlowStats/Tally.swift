/// A streaming summary of observations: count, mean, variance, min and max.
///
/// Uses Welford's update, which stays accurate where the naive sum of squares
/// cancels catastrophically, and Chan et al.'s pairwise merge, so tallies kept
/// apart (threads, shards) combine into the tally of all observations.
/// `add` and `merge` are O(1) and allocate nothing.
public struct Tally: Sendable, Equatable, Codable {
    public private(set) var count: Int = 0
    public private(set) var mean: Double = 0
    /// Sum of squared deviations from the mean (M2 in Welford's notation).
    public private(set) var sumSquaredDeviations: Double = 0
    public private(set) var min: Double = .infinity
    public private(set) var max: Double = -.infinity

    public init() {}

    public mutating func add(_ x: Double) {
        count += 1
        let delta = x - mean
        mean += delta / Double(count)
        sumSquaredDeviations += delta * (x - mean)
        if x < min { min = x }
        if x > max { max = x }
    }

    /// Combines another tally as if its observations had been added here.
    public mutating func merge(_ other: Tally) {
        guard other.count > 0 else { return }
        guard count > 0 else { self = other; return }
        let n = Double(count + other.count)
        let delta = other.mean - mean
        mean += delta * Double(other.count) / n
        sumSquaredDeviations += other.sumSquaredDeviations
            + delta * delta * Double(count) * Double(other.count) / n
        count += other.count
        min = Swift.min(min, other.min)
        max = Swift.max(max, other.max)
    }

    /// Sample variance (n − 1 denominator); NaN below two observations.
    public var variance: Double { count > 1 ? sumSquaredDeviations / Double(count - 1) : .nan }
    public var standardDeviation: Double { variance.squareRoot() }
}
