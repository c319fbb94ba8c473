/// A metric of one replication, named by what it measures, where, and for
/// whom.
public struct MetricKey: Hashable, Sendable, Comparable {
    public let metric: String
    /// A station name, or `NetworkMetrics.systemLabel` for the whole system.
    public let station: String
    /// A population group, or `MetricKey.allGroups` for everyone.
    public let group: String

    public static let allGroups = "all"

    public init(metric: String, station: String, group: String = MetricKey.allGroups) {
        self.metric = metric
        self.station = station
        self.group = group
    }

    public static func < (l: MetricKey, r: MetricKey) -> Bool {
        (l.metric, l.station, l.group) < (r.metric, r.station, r.group)
    }
}

/// The metrics a network replication reports, and their fixed layout.
///
/// Every duration is in days. Counts and time averages cover the
/// observation window (after warm-up); waits and times are recorded when
/// they end inside it.
public enum NetworkMetrics {
    /// The station label of system-wide metrics; no station may take it.
    public static let systemLabel = "system"

    /// Per-station metrics, with what each means (for `--help`, README, reports).
    public static let station: [(name: String, meaning: String)] = [
        ("arrivals", "people who arrived at the station"),
        ("served", "services completed"),
        ("throughput_per_day", "services completed per day"),
        ("wait_mean_days", "mean time from arrival to start of service, over those served"),
        ("wait_p90_days", "90th percentile of that wait"),
        ("wait_probability", "share of those served who waited at all, P(W > 0)"),
        ("time_in_station_mean_days", "mean time from arrival to end of service"),
        ("queue_length_mean", "time-average number waiting"),
        ("busy_servers_mean", "time-average number in service"),
        ("utilisation", "time in service divided by server time on duty"),
        ("reneged", "people who left the queue when their patience ran out"),
        ("balked", "people who refused to join the queue"),
        ("overflowed", "people turned away by a full waiting room (lost or sent on)"),
        ("overflow_share", "overflowed divided by arrivals (blocking probability)"),
    ]

    /// System-wide metrics.
    public static let system: [(name: String, meaning: String)] = [
        ("arrivals", "people who entered the system"),
        ("departures", "people who left, by any route"),
        ("time_in_system_mean_days", "mean time from entry to leaving after service"),
        ("time_in_system_p90_days", "90th percentile of that time"),
        ("in_system_mean", "time-average number of people in the system"),
    ]

    public static func keys(for model: NetworkModel) -> [MetricKey] {
        var keys: [MetricKey] = []
        for st in model.stations {
            for m in station { keys.append(MetricKey(metric: m.name, station: st.name)) }
        }
        for m in system { keys.append(MetricKey(metric: m.name, station: systemLabel)) }
        return keys
    }
}

/// The metric values of one replication, in `NetworkMetrics.keys` order.
/// NaN marks a metric with no observations (no one served, say).
public struct ReplicationResult: Sendable, Equatable {
    public let replication: Int
    public let values: [Double]
    public let events: UInt64

    public init(replication: Int, values: [Double], events: UInt64) {
        self.replication = replication
        self.values = values
        self.events = events
    }
}

extension NetworkSimulation {
    /// The replication's metrics, measured up to the end of the run.
    public func result() -> ReplicationResult {
        let end = model.duration
        let window = end - max(0, min(model.warmUp, end))
        var v: [Double] = []
        v.reserveCapacity(stats.count * NetworkMetrics.station.count + NetworkMetrics.system.count)
        for (i, s) in stats.enumerated() {
            let served = Double(s.wait.count)
            let capacityArea = s.capacity.integral(until: end)
            v.append(Double(s.arrivals))
            v.append(Double(s.served))
            v.append(window > 0 ? Double(s.served) / window : .nan)
            v.append(s.wait.count > 0 ? s.wait.mean : .nan)
            v.append(s.waitQuantiles.quantile(0.9))
            v.append(served > 0 ? Double(s.waitedPositive) / served : .nan)
            v.append(s.timeInStation.count > 0 ? s.timeInStation.mean : .nan)
            v.append(s.queue.average(until: end))
            v.append(s.busy.average(until: end))
            v.append(stations[i].capacity == Int.max && capacityArea.isInfinite ? .nan
                     : capacityArea > 0 ? s.busy.integral(until: end) / capacityArea : .nan)
            v.append(Double(s.reneged))
            v.append(Double(s.balked))
            v.append(Double(s.overflowed))
            v.append(s.arrivals > 0 ? Double(s.overflowed) / Double(s.arrivals) : .nan)
        }
        v.append(Double(system.arrivals))
        v.append(Double(system.departures))
        v.append(system.timeInSystem.count > 0 ? system.timeInSystem.mean : .nan)
        v.append(system.timeInSystemQuantiles.quantile(0.9))
        v.append(system.inSystem.average(until: end))
        return ReplicationResult(replication: replication, values: v, events: eventsProcessed)
    }
}
