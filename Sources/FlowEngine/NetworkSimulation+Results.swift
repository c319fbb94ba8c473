import FlowStats

extension NetworkSimulation {
    /// The replication's metrics, measured up to the end of the run, in
    /// `NetworkMetrics.layout` order.
    public func result() -> ReplicationResult {
        let values = NetworkMetrics.layout(for: model).map { value($0.measure) }
        return ReplicationResult(replication: replication, values: values, events: eventsProcessed, series: series)
    }

    /// Bed stations (function `bed`): out of area are those that take the
    /// overflow of another bed station; the rest are local.
    var beds: (local: [Int], outOfArea: [Int]) {
        let bedStations = model.stations.indices.filter { model.stations[$0].function == .bed }
        let overflowTargets = Set(bedStations.compactMap { s -> Int? in
            let o = model.stations[s].overflow
            return o >= 0 && model.stations[Int(o)].function == .bed ? Int(o) : nil
        })
        return (bedStations.filter { !overflowTargets.contains($0) }, bedStations.filter { overflowTargets.contains($0) })
    }

    var observedDays: Double { model.duration - max(0, min(model.warmUp, model.duration)) }

    func value(_ measure: Measure) -> Double {
        let end = model.duration
        func perPerson(_ total: Int) -> Double { system.departures > 0 ? Double(total) / Double(system.departures) : .nan }
        switch measure {
        case .station(let i, let m): return stationValue(i, m)
        case .reason(let i, let r): return Double(stats[i].byReason[r])
        case .withinStandard(let i, let k): return stats[i].waitQuantiles.share(atOrBelow: model.standards[k])
        case .laneWait(let i, let lane): return stats[i].laneWait[lane].mean
        case .laneServed(let i, let lane): return Double(stats[i].laneWait[lane].count)
        case .groupArrivals(let i, let g): return Double(stats[i].groupArrivals[g])
        case .groupWait(let i, let g): return stats[i].groupWait[g].mean
        case .groupRejected(let i, let g): return Double(stats[i].groupRejected[g])
        case .groupCrises(let i, let g): return Double(stats[i].groupCrises[g])
        case .systemGroupArrivals(let g): return Double(system.groupArrivals[g])
        case .systemGroupTime(let g): return system.groupTime[g].mean
        case .pathwayWithinStandard(let w, let k): return system.pathwayQuantiles[w.rawValue].share(atOrBelow: model.standards[k])
        case .crisisRoute(let r): return Double(stats[r].crisisArrivals)
        case .system(let m):
            switch m {
            case .arrivals: return Double(system.arrivals)
            case .departures: return Double(system.departures)
            case .timeInSystem: return system.timeInSystem.mean
            case .timeInSystemP90: return system.timeInSystemQuantiles.quantile(0.9)
            case .inSystem: return system.inSystem.average(until: end)
            case .handoffs: return perPerson(system.handoffs)
            case .assessments: return perPerson(system.assessments)
            case .rejections: return perPerson(system.rejections)
            case .crises: return perPerson(system.crises)
            case .missingMiddle: return Double(system.missingMiddle)
            case .admissions: return beds.local.reduce(0) { $0 + Double(stats[$1].arrivals) }
            case .oapAdmissions: return beds.outOfArea.reduce(0) { $0 + Double(stats[$1].arrivals) }
            case .oapBedDays: return beds.outOfArea.reduce(0) { $0 + stats[$1].busy.integral(until: end) }
            case .bedOccupancy:
                let used = beds.local.reduce(0) { $0 + stats[$1].busy.integral(until: end) }
                let available = beds.local.reduce(0) { $0 + stats[$1].capacity.integral(until: end) }
                return available > 0 && available.isFinite ? used / available : .nan
            case .cost: return stats.indices.reduce(0) { $0 + stationValue($1, .cost) }
            case .loopsBroken: return Double(loopsBroken)
            case .referrals: return Double(system.arrivals + stats.reduce(0) { $0 + $1.reReferrals })
            case .discharges: return Double(stats.reduce(0) { $0 + $1.leftAfterService })
            case .waitingList: return stats.reduce(0) { $0 + $1.queue.average(until: end) }
            case .waitingListEnd: return Double(stations.reduce(0) { $0 + $1.waiting })
            case .crisisCount: return Double(stats.reduce(0) { $0 + $1.crises + $1.crisesAfterRejection + $1.crisesAfterDischarge })
            case .aeAttendances:
                return model.stations.indices.reduce(0) { $0 + (model.stations[$1].function == .ae ? Double(stats[$1].arrivals) : 0) }
            case .repatriations: return Double(stats.reduce(0) { $0 + $1.repatriations })
            case .crisesAfterDischarge: return Double(stats.reduce(0) { $0 + $1.crisesAfterDischarge })
            case .repeatAssessments: return Double(stats.reduce(0) { $0 + $1.repeatAssessments })
            case .waitFirstContact: return system.pathwayWait[PathwayWait.firstContact.rawValue].mean
            case .waitFirstContactMedian: return system.pathwayQuantiles[PathwayWait.firstContact.rawValue].quantile(0.5)
            case .waitFirstContactP90: return system.pathwayQuantiles[PathwayWait.firstContact.rawValue].quantile(0.9)
            case .waitAssessment: return system.pathwayWait[PathwayWait.assessment.rawValue].mean
            case .waitAssessmentMedian: return system.pathwayQuantiles[PathwayWait.assessment.rawValue].quantile(0.5)
            case .waitAssessmentP90: return system.pathwayQuantiles[PathwayWait.assessment.rawValue].quantile(0.9)
            case .waitTreatment: return system.pathwayWait[PathwayWait.treatment.rawValue].mean
            case .waitTreatmentMedian: return system.pathwayQuantiles[PathwayWait.treatment.rawValue].quantile(0.5)
            case .waitTreatmentP90: return system.pathwayQuantiles[PathwayWait.treatment.rawValue].quantile(0.9)
            }
        }
    }

    func contactCount(_ i: Int) -> Double {
        guard let c = model.stations[i].contacts else { return 0 }
        if staff[i].capacity > 0 { return Double(staffStats[i].delivered) }
        return stats[i].busy.integral(until: model.duration) / c.interval
    }

    func stationValue(_ i: Int, _ m: StationMeasure) -> Double {
        let s = stats[i]
        let end = model.duration
        switch m {
        case .arrivals: return Double(s.arrivals)
        case .served: return Double(s.served)
        case .throughput: return observedDays > 0 ? Double(s.served) / observedDays : .nan
        case .waitMean: return s.wait.mean
        case .waitMedian: return s.waitQuantiles.quantile(0.5)
        case .waitP90: return s.waitQuantiles.quantile(0.9)
        case .waitP95: return s.waitQuantiles.quantile(0.95)
        case .waitProbability: return s.wait.count > 0 ? Double(s.waitedPositive) / Double(s.wait.count) : .nan
        case .timeInStation: return s.timeInStation.mean
        case .queueLength: return s.queue.average(until: end)
        case .busyServers: return s.busy.average(until: end)
        case .utilisation:
            let area = s.capacity.integral(until: end)
            return area.isFinite && area > 0 ? s.busy.integral(until: end) / area : .nan
        case .reneged: return Double(s.reneged)
        case .balked: return Double(s.balked)
        case .overflowed: return Double(s.overflowed)
        case .overflowShare: return s.arrivals > 0 ? Double(s.overflowed) / Double(s.arrivals) : .nan
        case .accepted: return Double(s.accepted)
        case .rejected: return Double(s.rejected)
        case .redirected: return Double(s.redirected)
        case .signposted: return Double(s.signposted)
        case .discharged: return Double(s.discharged)
        case .reReferrals: return Double(s.reReferrals)
        case .crises: return Double(s.crises)
        case .stepDowns: return Double(s.outcomes.stepDown)
        case .stepUps: return Double(s.outcomes.stepUp)
        case .transfers: return Double(s.outcomes.transfer)
        case .completedAndLeft: return Double(s.leftAfterService)
        case .didNotAttend: return Double(s.didNotAttend)
        case .cancellations: return Double(s.cancellations)
        case .escalations: return Double(s.escalations)
        case .crisesAfterRejection: return Double(s.crisesAfterRejection)
        case .contacts: return contactCount(i)
        case .contactHours: return model.stations[i].contacts.map { contactCount(i) * $0.length * 24 } ?? 0
        case .referrals: return Double(s.arrivals)
        case .waitingList: return s.queue.average(until: end)
        case .waitingListEnd: return Double(stations[i].waiting)
        case .caseload: return s.busy.average(until: end)
        case .caseloadEnd: return Double(stations[i].busy)
        case .discharges: return Double(s.leftAfterService)
        case .repatriations: return Double(s.repatriations)
        case .crisesAfterDischarge: return Double(s.crisesAfterDischarge)
        case .repeatAssessments: return Double(s.repeatAssessments)
        case .contactWait: return staff[i].capacity > 0 ? staffStats[i].wait.mean : .nan
        case .staffUtilisation:
            return staff[i].capacity > 0 && observedDays > 0
                ? staffStats[i].busy.integral(until: end) / (Double(staff[i].capacity) * observedDays) : .nan
        case .cost:
            let c = model.stations[i].costs
            let capacityDays = s.capacity.integral(until: end)
            return c.perArrival * Double(s.arrivals) + c.perService * Double(s.served) + c.perContact * contactCount(i)
                + c.perDayInService * s.busy.integral(until: end)
                + (c.perServerDay > 0 && capacityDays.isFinite ? c.perServerDay * capacityDays : 0)
        }
    }
}
