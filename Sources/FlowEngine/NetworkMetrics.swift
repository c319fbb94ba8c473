/// A metric of one replication, named by what it measures, where, and for
/// whom.
public struct MetricKey: Hashable, Sendable, Comparable {
    public let metric: String
    /// A station name, or `NetworkMetrics.systemLabel` for the whole system.
    public let station: String
    /// `all`, a population group `attribute:level`, or a priority class
    /// `priority:k` (0 most urgent).
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

/// Per-station metrics. The raw value is the metric's name in results files.
public enum StationMeasure: String, CaseIterable, Sendable {
    case arrivals, served
    case throughput = "throughput_per_day"
    case waitMean = "wait_mean_days"
    case waitMedian = "wait_median_days"
    case waitP90 = "wait_p90_days"
    case waitP95 = "wait_p95_days"
    case waitProbability = "wait_probability"
    case timeInStation = "time_in_station_mean_days"
    case queueLength = "queue_length_mean"
    case busyServers = "busy_servers_mean"
    case utilisation
    case reneged, balked, overflowed
    case overflowShare = "overflow_share"
    case accepted, rejected, redirected, signposted, discharged
    case reReferrals = "re_referrals"
    case crises
    case stepDowns = "step_downs"
    case stepUps = "step_ups"
    case transfers
    case completedAndLeft = "left_after_service"
    case didNotAttend = "did_not_attend"
    case cancellations
    case escalations
    case crisesAfterRejection = "crises_after_rejection"
    case contacts
    case contactHours = "contact_hours"
    case cost
    // The documented names (appended, so earlier columns keep their order).
    case referrals
    case waitingList = "waiting_list"
    case waitingListEnd = "waiting_list_end"
    case caseload
    case caseloadEnd = "caseload_end"
    case discharges
    case repatriations
    case crisesAfterDischarge = "crises_after_discharge"
    case repeatAssessments = "repeat_assessments"
    case contactWait = "contact_wait_mean_days"
    case staffUtilisation = "staff_utilisation"

    public var meaning: String {
        switch self {
        case .arrivals: "people who arrived at the station (referrals)"
        case .served: "services completed"
        case .throughput: "services completed per day"
        case .waitMean: "mean time from arrival to start of service, over those served"
        case .waitMedian: "median of that wait"
        case .waitP90: "90th percentile of that wait"
        case .waitP95: "95th percentile of that wait"
        case .waitProbability: "share of those served who waited at all, P(W > 0)"
        case .timeInStation: "mean time from arrival to end of service"
        case .queueLength: "time-average number waiting (the waiting list)"
        case .busyServers: "time-average number in service (the caseload; occupied beds)"
        case .utilisation: "time in service divided by server time on duty (bed occupancy for beds)"
        case .reneged: "people who left the queue when their patience ran out"
        case .balked: "people who refused to join the queue"
        case .overflowed: "people turned away by a full waiting room (lost or sent on, e.g. out of area)"
        case .overflowShare: "overflowed divided by arrivals (blocking probability)"
        case .accepted: "referrals accepted by the station's flow rules"
        case .rejected: "referrals rejected back to the referrer"
        case .redirected: "people passed on to another station by a rule (hand-offs)"
        case .signposted: "people pointed to another service by a rule"
        case .discharged: "people discharged by a rule without being seen"
        case .reReferrals: "people referred again after a rejection here"
        case .crises: "people who reached a crisis while waiting here"
        case .stepDowns: "people stepped down to less intensive care after service"
        case .stepUps: "people stepped up to more intensive care after service"
        case .transfers: "people transferred to another service after service"
        case .completedAndLeft: "people who left the system after service here (discharges)"
        case .didNotAttend: "booked appointments missed (diary stations)"
        case .cancellations: "booked appointments cancelled by the clinic and rebooked (diary stations)"
        case .escalations: "rises in need (such as risk) while waiting here"
        case .crisesAfterRejection: "people rejected here who reached a crisis before their re-referral"
        case .contacts: "contacts during episodes: made by the staff with contacts.staff, else days in service over the contact interval"
        case .contactHours: "staff hours those contacts take"
        case .cost: "cost of the station over the observation window (arrivals, services, days in service, servers on duty)"
        case .referrals: "referrals received: every arrival, re-referrals and hand-offs from other teams included (as arrivals)"
        case .waitingList: "time-weighted mean waiting list: people waiting, or booked and waiting at a diary station (as queue_length_mean)"
        case .waitingListEnd: "people on the waiting list at the end of the run"
        case .caseload: "time-weighted mean caseload: people in service (occupied beds; as busy_servers_mean)"
        case .caseloadEnd: "people in service at the end of the run"
        case .discharges: "people who left the system after service here (as left_after_service)"
        case .repatriations: "people brought back from the out-of-area station into a freed local bed here (repatriate: true)"
        case .crisesAfterDischarge: "people discharged from here who reached a crisis within the after_discharge window"
        case .repeatAssessments: "assessments repeated here because the person's story was lost at a hand-off (information_passed)"
        case .contactWait: "mean wait of a due contact for a member of staff (only with contacts.staff)"
        case .staffUtilisation: "contact time over staff time (only with contacts.staff)"
        }
    }
}

/// System-wide metrics, under station `system`.
public enum SystemMeasure: String, CaseIterable, Sendable {
    case arrivals, departures
    case timeInSystem = "time_in_system_mean_days"
    case timeInSystemP90 = "time_in_system_p90_days"
    case inSystem = "in_system_mean"
    case handoffs = "handoffs_per_person"
    case assessments = "assessments_per_person"
    case rejections = "rejections_per_person"
    case crises = "crises_per_person"
    case missingMiddle = "missing_middle"
    case admissions
    case oapAdmissions = "oap_admissions"
    case oapBedDays = "oap_bed_days"
    case bedOccupancy = "bed_occupancy"
    case cost
    case loopsBroken = "loops_broken"
    case referrals
    case discharges
    case waitingList = "waiting_list"
    case waitingListEnd = "waiting_list_end"
    case crisisCount = "crises"
    case aeAttendances = "ae_attendances"
    case repatriations
    case crisesAfterDischarge = "crises_after_discharge"
    case repeatAssessments = "repeat_assessments"
    case waitFirstContact = "wait_first_contact_days"
    case waitFirstContactMedian = "wait_first_contact_median_days"
    case waitFirstContactP90 = "wait_first_contact_p90_days"
    case waitAssessment = "wait_assessment_days"
    case waitAssessmentMedian = "wait_assessment_median_days"
    case waitAssessmentP90 = "wait_assessment_p90_days"
    case waitTreatment = "wait_treatment_days"
    case waitTreatmentMedian = "wait_treatment_median_days"
    case waitTreatmentP90 = "wait_treatment_p90_days"

    public var meaning: String {
        switch self {
        case .arrivals: "people who entered the system"
        case .departures: "people who left, by any route"
        case .timeInSystem: "mean time from entry to leaving after service"
        case .timeInSystemP90: "90th percentile of that time"
        case .inSystem: "time-average number of people in the system"
        case .handoffs: "mean hand-offs (redirections, signposts to a station) per person who left"
        case .assessments: "mean assessments (services at triage or assessment stations) per person who left"
        case .rejections: "mean rejections per person who left"
        case .crises: "mean crises per person who left"
        case .missingMiddle: "people who left after two or more rejections without being accepted by any team (with missing_middle.within: rejected twice and accepted by none within that time of referral)"
        case .admissions: "arrivals at local beds (function bed, not an overflow of other beds), out-of-area ones included"
        case .oapAdmissions: "admissions sent out of area: arrivals at bed stations that take the overflow of local beds"
        case .oapBedDays: "days spent in out-of-area beds in the observation window"
        case .bedOccupancy: "occupied local bed days over local bed days available"
        case .cost: "total cost of all stations"
        case .loopsBroken: "people stopped after rules passed them round more than 1,000 times at one instant"
        case .referrals: "referrals: people who entered the system plus re-referrals after rejection"
        case .discharges: "people who left the system after service (the sum of the stations' discharges)"
        case .waitingList: "sum of the stations' time-weighted mean waiting lists"
        case .waitingListEnd: "people waiting at any station at the end of the run"
        case .crisisCount: "crises (while waiting, after rejection, after discharge); group route:<station> counts them by the crisis route taken"
        case .aeAttendances: "arrivals at stations with function ae"
        case .repatriations: "people brought back from out-of-area beds into freed local beds"
        case .crisesAfterDischarge: "crises within the after_discharge window of all stations"
        case .repeatAssessments: "assessments repeated because a story was lost at a hand-off"
        case .waitFirstContact: "mean time from referral to first contact: the start of service at the first station with a function"
        case .waitFirstContactMedian: "median of that wait"
        case .waitFirstContactP90: "90th percentile of that wait"
        case .waitAssessment: "mean wait at stations with function assessment (arrival there to start of service)"
        case .waitAssessmentMedian: "median of that wait"
        case .waitAssessmentP90: "90th percentile of that wait"
        case .waitTreatment: "mean wait at stations with function treatment (arrival there to start of service)"
        case .waitTreatmentMedian: "median of that wait"
        case .waitTreatmentP90: "90th percentile of that wait"
        }
    }
}

/// Which value a metric key reads.
public enum Measure: Sendable, Equatable {
    case station(Int, StationMeasure)
    /// Rule decisions at a station by reason index.
    case reason(Int, Int)
    /// Share of waits within a standard (station, standard index).
    case withinStandard(Int, Int)
    /// Mean wait / served of one priority class at a station.
    case laneWait(Int, Int)
    case laneServed(Int, Int)
    /// Population group (level of the group attribute) at a station.
    case groupArrivals(Int, Int)
    case groupWait(Int, Int)
    case groupRejected(Int, Int)
    case groupCrises(Int, Int)
    case system(SystemMeasure)
    case systemGroupArrivals(Int)
    case systemGroupTime(Int)
    /// Share of a pathway wait within a standard (standard index).
    case pathwayWithinStandard(PathwayWait, Int)
    /// Crises that took this station as their route.
    case crisisRoute(Int)
}

/// The metrics a network replication reports, and their fixed layout.
///
/// Every duration is in days. Counts and time averages cover the
/// observation window (after warm-up); waits and times are recorded when
/// they end inside it.
public enum NetworkMetrics {
    /// The station label of system-wide metrics; no station may take it.
    public static let systemLabel = "system"
    /// Per-station counts of rule decisions by reason: metric `reason:<name>`.
    public static let reasonPrefix = "reason:"
    /// System `crises` by the route taken: group `route:<station>`.
    public static let routeGroupPrefix = "route:"

    /// Stations some crisis may take, in station order.
    public static func crisisRoutes(_ model: NetworkModel) -> [Int] {
        var routes = Set<Int>()
        for st in model.stations {
            for r in (st.deterioration?.routes ?? []) + (st.afterDischarge?.hazard.routes ?? []) { routes.formUnion(model.stations(for: r)) }
        }
        return routes.sorted()
    }

    /// Every metric with what it reads, in the order results are written.
    public static func layout(for model: NetworkModel) -> [(key: MetricKey, measure: Measure)] {
        var out: [(key: MetricKey, measure: Measure)] = []
        let groups = model.groupAttribute.map { model.attributes[$0] }
        for (i, st) in model.stations.enumerated() {
            for m in StationMeasure.allCases { out.append((MetricKey(metric: m.rawValue, station: st.name), .station(i, m))) }
            for (r, name) in st.reasons.enumerated() {
                out.append((MetricKey(metric: reasonPrefix + name, station: st.name), .reason(i, r)))
            }
            for (k, days) in model.standards.enumerated() {
                out.append((MetricKey(metric: standardMetric(days), station: st.name), .withinStandard(i, k)))
            }
            for lane in 0..<laneCount(model, i) {
                out.append((MetricKey(metric: StationMeasure.waitMean.rawValue, station: st.name, group: "priority:\(lane)"), .laneWait(i, lane)))
                out.append((MetricKey(metric: StationMeasure.served.rawValue, station: st.name, group: "priority:\(lane)"), .laneServed(i, lane)))
            }
            if let groups {
                for (g, level) in groups.levels.enumerated() {
                    let group = "\(groups.name):\(level)"
                    out.append((MetricKey(metric: "arrivals", station: st.name, group: group), .groupArrivals(i, g)))
                    out.append((MetricKey(metric: "wait_mean_days", station: st.name, group: group), .groupWait(i, g)))
                    out.append((MetricKey(metric: "rejected", station: st.name, group: group), .groupRejected(i, g)))
                    out.append((MetricKey(metric: "crises", station: st.name, group: group), .groupCrises(i, g)))
                }
            }
        }
        for m in SystemMeasure.allCases { out.append((MetricKey(metric: m.rawValue, station: systemLabel), .system(m))) }
        for w in PathwayWait.allCases {
            for (k, days) in model.standards.enumerated() {
                out.append((MetricKey(metric: w.stem + standardMetric(days).dropFirst("wait".count), station: systemLabel),
                            .pathwayWithinStandard(w, k)))
            }
        }
        for r in crisisRoutes(model) {
            out.append((MetricKey(metric: SystemMeasure.crisisCount.rawValue, station: systemLabel, group: routeGroupPrefix + model.stations[r].name),
                        .crisisRoute(r)))
        }
        if let groups {
            for (g, level) in groups.levels.enumerated() {
                let group = "\(groups.name):\(level)"
                out.append((MetricKey(metric: "arrivals", station: systemLabel, group: group), .systemGroupArrivals(g)))
                out.append((MetricKey(metric: "time_in_system_mean_days", station: systemLabel, group: group), .systemGroupTime(g)))
            }
        }
        return out
    }

    public static func keys(for model: NetworkModel) -> [MetricKey] { layout(for: model).map(\.key) }

    /// The fixed per-station metrics with their meaning.
    public static var station: [(name: String, meaning: String)] { StationMeasure.allCases.map { ($0.rawValue, $0.meaning) } }
    /// The fixed system-wide metrics with their meaning.
    public static var system: [(name: String, meaning: String)] { SystemMeasure.allCases.map { ($0.rawValue, $0.meaning) } }

    /// `wait_share_within_28_days` for a standard of 28 days.
    public static func standardMetric(_ days: Double) -> String {
        let text = days.rounded() == days && abs(days) < 1e15 ? String(Int(days)) : String(days)
        return "wait_share_within_\(text)_days"
    }

    /// Priority classes reported separately at a station (none for FIFO).
    static func laneCount(_ model: NetworkModel, _ station: Int) -> Int {
        let st = model.stations[station]
        guard st.discipline == .priority else { return 0 }
        return st.priorityAttribute.map { model.attributes[$0].levels.count } ?? model.priorityLevels
    }
}

/// The metric values of one replication, in `NetworkMetrics.keys` order.
/// NaN marks a metric with no observations (no one served, say).
public struct ReplicationResult: Sendable, Equatable {
    public let replication: Int
    public let values: [Double]
    public let events: UInt64
    /// Census values in `NetworkSeries` layout (empty without a series interval).
    public let series: [Double]

    public init(replication: Int, values: [Double], events: UInt64, series: [Double] = []) {
        self.replication = replication
        self.values = values
        self.events = events
        self.series = series
    }
}
