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
        ("accepted", "referrals accepted by the station's flow rules"),
        ("rejected", "referrals rejected back to the referrer"),
        ("redirected", "people passed on to another station by a rule (hand-offs)"),
        ("signposted", "people pointed to another service by a rule"),
        ("discharged", "people discharged by a rule without being seen"),
        ("re_referrals", "people referred again after a rejection"),
        ("crises", "people who reached a crisis while waiting here"),
    ]

    /// Per-station counts of rule decisions by reason: metric `reason:<name>`.
    public static let reasonPrefix = "reason:"


    /// System-wide metrics.
    public static let system: [(name: String, meaning: String)] = [
        ("arrivals", "people who entered the system"),
        ("departures", "people who left, by any route"),
        ("time_in_system_mean_days", "mean time from entry to leaving after service"),
        ("time_in_system_p90_days", "90th percentile of that time"),
        ("in_system_mean", "time-average number of people in the system"),
        ("handoffs_per_person", "mean hand-offs (redirections, signposts to a station) per person who left"),
        ("rejections_per_person", "mean rejections per person who left"),
        ("crises_per_person", "mean crises per person who left"),
        ("loops_broken", "people stopped after rules passed them round more than 1,000 times at one instant"),
    ]

    public static func keys(for model: NetworkModel) -> [MetricKey] {
        var keys: [MetricKey] = []
        for st in model.stations {
            for m in station { keys.append(MetricKey(metric: m.name, station: st.name)) }
            for r in st.reasons { keys.append(MetricKey(metric: reasonPrefix + r, station: st.name)) }
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
            for c in [s.accepted, s.rejected, s.redirected, s.signposted, s.discharged, s.reReferrals, s.crises] {
                v.append(Double(c))
            }
            for c in s.byReason { v.append(Double(c)) }
        }
        v.append(Double(system.arrivals))
        v.append(Double(system.departures))
        v.append(system.timeInSystem.count > 0 ? system.timeInSystem.mean : .nan)
        v.append(system.timeInSystemQuantiles.quantile(0.9))
        v.append(system.inSystem.average(until: end))
        v.append(system.handoffs.count > 0 ? system.handoffs.mean : .nan)
        v.append(system.rejections.count > 0 ? system.rejections.mean : .nan)
        v.append(system.crises.count > 0 ? system.crises.mean : .nan)
        v.append(Double(loopsBroken))
        return ReplicationResult(replication: replication, values: v, events: eventsProcessed)
    }
}
