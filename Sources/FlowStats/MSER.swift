/// Where a warm-up ends, detected from the output series itself.
///
/// MSER-5 (White 1997; White, Cobb and Spratt 2000): the series is cut into
/// non-overlapping batches of five and their means Z₁…Zₘ are taken (the
/// n mod 5 observations at the end are dropped), because batching damps the
/// noise that would otherwise make single observations pick a truncation at
/// random. Deleting the first d batches leaves a mean whose marginal
/// standard error is
///
///     MSER(d) = Σ_{j>d} (Zⱼ − Z̄_d)² / (m − d)²
///
/// A transient inflates the sum of squares; deleting more of it lowers the
/// sum faster than the shrinking sample raises 1/(m − d)², until the data are
/// stationary. The minimising d is searched over the first half of the series
/// only, since later minima come from the shrinking sample, not from bias.
public enum MSER {
    /// - Returns: nil when the series has fewer than four batches (nothing
    ///   to choose between) or holds a NaN or infinity (a value the caller
    ///   must decide about: dropping it would shift every later index).
    public static func truncation(_ series: [Double], batchSize: Int = 5) -> MSERResult? {
        guard let means = batchMeans(series, batchSize: batchSize), means.count >= 4 else { return nil }
        let statistics = statistics(batchMeans: means)
        var best = 0
        for d in statistics.indices where statistics[d] < statistics[best] { best = d }
        let kept = means.count - best
        let mean = means[best...].reduce(0, +) / Double(kept)
        return MSERResult(batchSize: batchSize, batchesDeleted: best, batches: means.count,
                          statistic: statistics[best], truncatedMean: mean,
                          reachedSearchLimit: best == statistics.count - 1)
    }

    /// MSER(d) for every d searched (0 through m/2), for plots and diagnostics.
    public static func statistics(_ series: [Double], batchSize: Int = 5) -> [Double] {
        guard let means = batchMeans(series, batchSize: batchSize), means.count >= 2 else { return [] }
        return statistics(batchMeans: means)
    }

    /// Non-overlapping batch means; nil for a non-positive batch size or a
    /// non-finite value.
    public static func batchMeans(_ series: [Double], batchSize: Int) -> [Double]? {
        guard batchSize >= 1, series.allSatisfy(\.isFinite) else { return nil }
        let m = series.count / batchSize
        var means = [Double]()
        means.reserveCapacity(m)
        for j in 0..<m {
            var sum = 0.0
            for x in series[(j * batchSize)..<((j + 1) * batchSize)] { sum += x }
            means.append(sum / Double(batchSize))
        }
        return means
    }

    /// Accumulates from the end so each d costs O(1); Welford's update keeps
    /// the sum of squares accurate where Σz² − (Σz)²/k would cancel.
    static func statistics(batchMeans z: [Double]) -> [Double] {
        let m = z.count
        let last = m / 2
        var suffixSS = [Double](repeating: 0, count: m)
        var tally = Tally()
        for j in stride(from: m - 1, through: 0, by: -1) {
            tally.add(z[j])
            suffixSS[j] = tally.sumSquaredDeviations
        }
        return (0...last).map { d in
            let kept = Double(m - d)
            return suffixSS[d] / (kept * kept)
        }
    }
}

/// The truncation MSER chose, in batches and in observations.
public struct MSERResult: Sendable, Equatable {
    public let batchSize: Int
    /// d*: the number of leading batches to delete.
    public let batchesDeleted: Int
    /// m: complete batches in the series.
    public let batches: Int
    /// MSER(d*), the squared marginal standard error of the truncated mean.
    public let statistic: Double
    /// Mean of the batches kept (the observations after the truncation,
    /// less the incomplete final batch).
    public let truncatedMean: Double
    /// True when the minimum fell on the last d searched: the transient may
    /// last beyond half the series, which MSER cannot see, so the run is too
    /// short to trust the truncation.
    public let reachedSearchLimit: Bool

    public init(batchSize: Int, batchesDeleted: Int, batches: Int, statistic: Double, truncatedMean: Double,
                reachedSearchLimit: Bool) {
        self.batchSize = batchSize
        self.batchesDeleted = batchesDeleted
        self.batches = batches
        self.statistic = statistic
        self.truncatedMean = truncatedMean
        self.reachedSearchLimit = reachedSearchLimit
    }

    /// Observations to delete: the index of the first observation kept.
    public var truncation: Int { batchesDeleted * batchSize }

    /// The warm-up as a time, for series observed at known times (a level
    /// sampled daily, waits by their completion times): the time of the first
    /// observation kept. Nil when `times` is too short to hold that index.
    public func warmUp(times: [Double]) -> Double? {
        truncation < times.count ? times[truncation] : nil
    }
}
