/// Time series of a replication: a census at the end of each interval
/// (like a midnight bed census) of each station's waiting list and the
/// people in service (caseload, occupied beds), and of everyone in the
/// system. Warm-up included, so transients can be seen and judged.
public enum NetworkSeries {
    /// Metric names of a census, per station, then the system's.
    public static let stationMetrics = ["queue_length", "in_service"]
    public static let systemMetric = "in_system"

    public static func censusCount(_ model: NetworkModel) -> Int {
        guard let i = model.seriesInterval, i > 0 else { return 0 }
        return Int((model.duration / i + 1e-9).rounded(.down))
    }

    public static func valuesPerCensus(_ model: NetworkModel) -> Int { model.stations.count * stationMetrics.count + 1 }

    /// Time of census k (0-based), days.
    public static func time(_ k: Int, _ model: NetworkModel) -> Double { Double(k + 1) * (model.seriesInterval ?? 0) }
}

extension NetworkSimulation {
    mutating func census() {
        for s in stations {
            series.append(Double(s.waiting))
            series.append(Double(s.busy))
        }
        series.append(Double(people.liveCount))
        if let interval = model.seriesInterval {
            events.push(Event(time: now + interval, kind: .census))
        }
    }
}
