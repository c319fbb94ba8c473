import FlowEngine
import FlowStats

/// The replications of one run and their summaries.
public struct RunResults: Sendable {
    /// Metric layout shared by every replication's values.
    public let keys: [MetricKey]
    /// In replication order.
    public let results: [ReplicationResult]

    public init(keys: [MetricKey], results: [ReplicationResult]) {
        self.keys = keys
        self.results = results.sorted { $0.replication < $1.replication }
    }

    /// One value per replication (NaN where a replication had no observation).
    public func values(_ metric: String, station: String, group: String = MetricKey.allGroups) -> [Double] {
        guard let i = keys.firstIndex(of: MetricKey(metric: metric, station: station, group: group)) else { return [] }
        return results.map { $0.values[i] }
    }

    /// Summary across replications of one metric; NaN values are left out
    /// (n counts only replications that observed something).
    public func summary(_ metric: String, station: String, group: String = MetricKey.allGroups,
                        confidence: Double = 0.95) -> Summary {
        Summary(values: values(metric, station: station, group: group), confidence: confidence)
    }

    /// Every metric summarised, in layout order.
    public func summaries(confidence: Double = 0.95) -> [(key: MetricKey, summary: Summary)] {
        keys.enumerated().map { i, key in
            (key, Summary(values: results.map { $0.values[i] }, confidence: confidence))
        }
    }

    public var totalEvents: UInt64 { results.reduce(0) { $0 + $1.events } }
}
