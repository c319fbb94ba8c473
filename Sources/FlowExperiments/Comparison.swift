import FlowEngine
import FlowStats

/// One metric of a variant against the baseline.
public struct MetricDifference: Sendable, Equatable {
    public let key: MetricKey
    public let paired: PairedComparison

    public init(key: MetricKey, paired: PairedComparison) {
        self.key = key
        self.paired = paired
    }
}

/// A variant's replications and how each metric differs from the baseline.
public struct VariantComparison: Sendable {
    public let results: RunResults
    /// Metrics present in both runs, in the baseline's layout order.
    public let differences: [MetricDifference]

    public init(results: RunResults, differences: [MetricDifference]) {
        self.results = results
        self.differences = differences
    }

    public var significant: [MetricDifference] { differences.filter(\.paired.isSignificant) }

    /// Largest absolute standardised difference first; ties in metric-key
    /// order, so the ranking is the same on every run.
    public func ranked(significantOnly: Bool = true) -> [MetricDifference] {
        (significantOnly ? significant : differences).sorted { a, b in
            if PairedComparison.largerFirst(a.paired, b.paired) { return true }
            if PairedComparison.largerFirst(b.paired, a.paired) { return false }
            return a.key < b.key
        }
    }
}

/// A baseline and its variants run under common random numbers.
///
/// Every arm uses the same master seed and replication indices, and the
/// engine seeds each stream from (seed, replication, stream name), so
/// replication k of the baseline and of a variant see the same arrivals,
/// service times and coins wherever their models share a stream. That is
/// what lets `PairedComparison` difference them replication by replication.
public struct Comparison: Sendable {
    public let seed: UInt64
    public let replications: Int
    public let confidence: Double
    public let baseline: RunResults
    public let variants: [VariantComparison]

    public init(seed: UInt64, replications: Int, confidence: Double, baseline: RunResults,
                variants: [VariantComparison]) {
        self.seed = seed
        self.replications = replications
        self.confidence = confidence
        self.baseline = baseline
        self.variants = variants
    }

    /// Runs the baseline once and each variant, one after another, each on
    /// all `threads`.
    /// - Parameters:
    ///   - include: which metrics to compare (all when nil); runs are not
    ///     shortened by it, only the differences.
    ///   - progress: (done, total) over all arms together, so one progress
    ///     line covers the whole comparison.
    public static func run(baseline: NetworkModel, variants: [NetworkModel], seed: UInt64, replications: Int,
                           threads: Int = 0, confidence: Double = 0.95, include: ((MetricKey) -> Bool)? = nil,
                           progress: (@Sendable (Int, Int) -> Void)? = nil) throws(RandomStreamError) -> Comparison {
        let total = replications * (1 + variants.count)
        func arm(_ model: NetworkModel, _ index: Int) throws(RandomStreamError) -> RunResults {
            let offset = index * replications
            return try ReplicationRunner.run(model: model, seed: seed, replications: replications, threads: threads) {
                done, _ in progress?(offset + done, total)
            }
        }
        let base = try arm(baseline, 0)
        var compared: [VariantComparison] = []
        for (i, model) in variants.enumerated() {
            let results = try arm(model, i + 1)
            compared.append(VariantComparison(
                results: results,
                differences: differences(baseline: base, variant: results, confidence: confidence, include: include)))
        }
        return Comparison(seed: seed, replications: replications, confidence: confidence, baseline: base,
                          variants: compared)
    }

    /// Pairs the metrics the two runs share (a variant may add or drop
    /// stations) by replication index, so only replications both ran count.
    public static func differences(baseline: RunResults, variant: RunResults, confidence: Double = 0.95,
                                   include: ((MetricKey) -> Bool)? = nil) -> [MetricDifference] {
        var variantIndex: [MetricKey: Int] = [:]
        for (i, key) in variant.keys.enumerated() { variantIndex[key] = i }
        var variantRows: [Int: ReplicationResult] = [:]
        for r in variant.results { variantRows[r.replication] = r }
        let pairs = baseline.results.compactMap { b in variantRows[b.replication].map { (b, $0) } }
        return baseline.keys.enumerated().compactMap { i, key in
            guard let j = variantIndex[key], include?(key) ?? true else { return nil }
            let paired = PairedComparison(baseline: pairs.map { $0.0.values[i] }, variant: pairs.map { $0.1.values[j] },
                                          confidence: confidence)
            return MetricDifference(key: key, paired: paired)
        }
    }
}
