import DequeModule
import FlowStats

/// The waits a pathway is judged by, system-wide, from the stations'
/// functions: referral to first contact (the first station with a function
/// that starts seeing the person), and the waits at assessment and at
/// treatment stations.
public enum PathwayWait: Int, CaseIterable, Sendable {
    case firstContact, assessment, treatment

    /// `wait_first_contact`: the metrics are `<stem>_days` (mean),
    /// `<stem>_median_days`, `<stem>_p90_days`, `<stem>_share_within_<N>_days`.
    public var stem: String {
        switch self {
        case .firstContact: "wait_first_contact"
        case .assessment: "wait_assessment"
        case .treatment: "wait_treatment"
        }
    }

    /// The wait kind a station's function adds to (first contact aside).
    static func kind(of function: StationFunction?) -> PathwayWait? {
        switch function {
        case .assessment: .assessment
        case .treatment: .treatment
        default: nil
        }
    }
}

/// Someone in service at an out-of-area station whose local beds repatriate.
struct Placement {
    var slot: Int32
    var token: UInt32
    /// When the out-of-area stay would end.
    var end: Double
}

/// Pathway waits, hand-offs that lose the story, repatriation, crises after
/// discharge and the missing middle.
extension NetworkSimulation {
    /// At the start of service at a station that marks pathways: records
    /// first contact and function waits, adds a repeat assessment when the
    /// story was lost, and notes out-of-area placements. Returns the
    /// service duration, lengthened by any repeat assessment.
    mutating func pathwayStart(_ slot: Int32, at s: Int, wait: Double, token: UInt32, duration: Double) -> Double {
        let i = Int(slot)
        let hot = hotStations[s]
        var d = duration
        if hot.hasFunction {
            if !people.entities[i].seen {
                people.entities[i].seen = true
                let w = now - people[i].systemArrival
                system.pathwayWait[PathwayWait.firstContact.rawValue].add(w)
                system.pathwayQuantiles[PathwayWait.firstContact.rawValue].add(w)
            }
            if hot.pathwayWait >= 0 {
                system.pathwayWait[Int(hot.pathwayWait)].add(wait)
                system.pathwayQuantiles[Int(hot.pathwayWait)].add(wait)
            }
            if people.entities[i].storyLost {
                people.entities[i].storyLost = false
                stats[s].repeatAssessments += 1
                people.countAssessment(slot)
                if let r = model.stations[s].reassessment, let stream = reassessmentStreams[s] { d += max(0, r.sample(stream)) }
            }
        }
        if hot.isPlacementTarget { placements[s].append(Placement(slot: slot, token: token, end: now + d)) }
        if hot.hasStaffContacts { startContacts(slot, at: s, token: token) }
        return d
    }

    /// A hand-off from `s`: the story goes with the person, or is lost.
    mutating func handOff(_ slot: Int32, from s: Int) {
        guard hotStations[s].losesInformation, let stream = informationStreams[s] else { return }
        if stream.uniform() >= model.stations[s].informationPassed { people.entities[Int(slot)].storyLost = true }
    }

    mutating func noteAccepted(_ slot: Int32) {
        people.markAccepted(slot)
        if people.entities[Int(slot)].acceptedAt == .infinity { people.entities[Int(slot)].acceptedAt = now }
    }

    /// After `people.countRejection`.
    mutating func noteRejection(_ slot: Int32) {
        if people[slot].rejections == 2 { people.entities[Int(slot)].secondRejectionAt = now }
    }

    /// Rejected twice and accepted by none, within the model's window.
    /// Inlined: called for everyone who leaves, and an outlined call on
    /// the simulation value copied it (a memcpy per departure).
    @inline(__always)
    func isMissingMiddle(_ slot: Int32) -> Bool {
        let i = Int(slot)
        guard people[i].rejections >= 2 else { return false }
        let window = model.missingMiddleWindow
        if window == .infinity { return !people[i].accepted }
        let referred = people[i].systemArrival
        return people.entities[i].secondRejectionAt - referred <= window && !(people.entities[i].acceptedAt - referred <= window)
    }

    /// A local bed at `s` has freed: bring back the longest-placed person
    /// from its out-of-area station for the rest of their stay.
    mutating func repatriate(into s: Int) {
        let from = Int(model.stations[s].overflow)
        while stations[s].busy < stations[s].capacity, let p = placements[from].popFirst() {
            guard people[p.slot].alive, people[p.slot].token == p.token else { continue }   // stay already over
            stations[from].busy -= 1
            stats[from].busy.set(Double(stations[from].busy), at: now)
            stations[from].ledger.left += 1
            stats[s].repatriations += 1
            if let trace { trace(record(p.slot, .end, from)) }
            stations[s].ledger.arrived += 1
            people.enter(p.slot, station: Int32(s), at: now)
            if let trace {
                trace(record(p.slot, .arrive, s))
                trace(record(p.slot, .start, s))
            }
            let token = people.bumpToken(p.slot)
            stations[s].busy += 1
            stats[s].busy.set(Double(stations[s].busy), at: now)
            events.push(Event(time: max(p.end, now), kind: .serviceEnd, a: Int32(s), b: p.slot, token: token))
        }
        // An out-of-area station with its own queue takes the next in line.
        startWaiting(at: from)
    }

    /// On discharge from `s`: true when a crisis will come within the
    /// window, so the person stays on the books until it does.
    mutating func holdAfterDischarge(_ slot: Int32, at s: Int) -> Bool {
        guard let a = model.stations[s].afterDischarge, let stream = dischargeStreams[s],
              let time = a.hazard.timeToCrisis[people.level(slot, a.hazard.attribute)] else { return false }
        let t = time.sample(stream)
        guard t < a.window else { return false }
        people.enter(slot, station: -1, at: now)
        let token = people.bumpToken(slot)
        events.push(Event(time: now + max(0, t), kind: .crisisAfterDischarge, a: Int32(s), b: slot, token: token))
        return true
    }

    mutating func crisisAfterDischarge(station s: Int, slot: Int32, token: UInt32) {
        guard people[slot].token == token, people[slot].alive, let a = model.stations[s].afterDischarge else { return }
        _ = people.bumpToken(slot)
        stats[s].crisesAfterDischarge += 1
        people.countCrisis(slot)
        takeCrisisRoute(slot, a.hazard.routes)
    }

    /// The first open crisis route takes the person; counted by route.
    mutating func takeCrisisRoute(_ slot: Int32, _ routes: [Int32]) {
        let r = firstOpen(routes, slot: slot)
        stats[r].crisisArrivals += 1
        arrive(slot, at: r)
    }
}
