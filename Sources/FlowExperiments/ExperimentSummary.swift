import FlowEngine

/// One metric's summary across a run's replications: what an experiment
/// reports per point (the store's `summaries` rows).
public struct MetricSummary: Sendable, Equatable {
    public var key: MetricKey
    /// Replications that observed the metric.
    public var n: Int
    /// NaN where nothing was observed.
    public var mean: Double
    public var standardDeviation: Double
    /// Two-sided Student-t half-width at the run's confidence.
    public var halfWidth: Double

    public init(key: MetricKey, n: Int, mean: Double, standardDeviation: Double, halfWidth: Double) {
        self.key = key
        self.n = n
        self.mean = mean
        self.standardDeviation = standardDeviation
        self.halfWidth = halfWidth
    }
}

/// Every point's summaries, read back from the store after the work is done,
/// so an experiment reports the same numbers whether it ran in one go, was
/// resumed, or was merged from shards.
public struct ExperimentSummary: Sendable {
    public var experiment: Experiment
    public var confidence: Double
    /// `points[p]`: point p's metrics in layout order (empty when the point
    /// is not finished in this store).
    public var points: [[MetricSummary]]

    public init(experiment: Experiment, confidence: Double, points: [[MetricSummary]]) {
        self.experiment = experiment
        self.confidence = confidence
        self.points = points
    }

    /// Point p's summary of one metric, or nil when its layout lacks it.
    public func summary(_ key: MetricKey, point p: Int) -> MetricSummary? {
        points[p].first { $0.key == key }
    }

    /// The metric's mean at every point (NaN where missing), in point order.
    public func means(_ key: MetricKey) -> [Double] {
        points.indices.map { summary(key, point: $0)?.mean ?? .nan }
    }

    /// Every key some point reports, in the first point's layout order, then any others.
    public var keys: [MetricKey] {
        var seen = Set<MetricKey>()
        var out: [MetricKey] = []
        for p in points { for s in p where seen.insert(s.key).inserted { out.append(s.key) } }
        return out
    }
}
