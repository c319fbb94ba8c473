/// Flow rules, rejections, re-referrals and crises: what decides who is
/// taken on, passed on or turned away, and what happens to those who wait.
extension NetworkSimulation {
    /// The outcome of a station's rules for one person.
    @inline(__always)   // otherwise called with a copy of the whole simulation
    func evaluate(_ expression: RuleExpression, slot: Int32) -> Double {
        expression.evaluate(
            attribute: { model.attributes[$0].values[people.level(slot, $0)] },
            level: { people.level(slot, $0) },
            waiting: { stations[resolve($0, slot)].waiting },
            inService: { stations[resolve($0, slot)].busy },
            capacity: { stations[resolve($0, slot)].capacity })
    }

    /// Applies the station's rules; returns the decision and its reason
    /// index (-1 when no rule matched).
    mutating func decide(_ slot: Int32, at s: Int, onArrival: Bool) -> (Decision, Int) {
        // Read in place: a copy of the Station would retain all its arrays, per decision.
        for rule in model.stations[s].rules {
            if let c = rule.condition, evaluate(c, slot: slot) == 0 { continue }
            if rule.adherence < 1 && ruleStreams[s].uniform() >= rule.adherence { continue }
            return (rule.decision, rule.reason)
        }
        if onArrival, let curve = model.stations[s].acceptance {
            let st = stations[s]
            let load = st.capacity == Int.max ? 0
                : st.capacity == 0 ? Double.infinity : Double(st.waiting + st.busy) / Double(st.capacity)
            if ruleStreams[s].uniform() >= curve.probability(atLoad: load) { return (curve.decision, curve.reason) }
        }
        return (.accept, -1)
    }

    /// Carries out a decision other than accept. Returns the station the
    /// person goes to next, or nil when they have left or wait elsewhere.
    mutating func apply(_ decision: Decision, reason: Int, slot: Int32, at s: Int) -> Int? {
        if reason >= 0 { stats[s].byReason[reason] += 1 }
        switch decision {
        case .accept:
            stats[s].accepted += 1
            return s
        case .redirect(let to):
            stats[s].redirected += 1
            people.countHandoff(slot)
            handOff(slot, from: s)
            return Int(to)
        case .signpost(let to):
            stats[s].signposted += 1
            if to == Routing.exit {
                leaveSystem(slot, completed: false)
                return nil
            }
            people.countHandoff(slot)
            handOff(slot, from: s)
            return Int(to)
        case .discharge:
            stats[s].discharged += 1
            leaveSystem(slot, completed: false)
            return nil
        case .reject:
            stats[s].rejected += 1
            people.countRejection(slot)
            noteRejection(slot)
            if let g = model.groupAttribute { stats[s].groupRejected[people.level(slot, g)] += 1 }
            let rejection = model.stations[s].rejection
            if rejection.reReferral > 0 && rejectionStreams[s].uniform() < rejection.reReferral {
                let delay = rejection.delay?.sample(rejectionStreams[s]) ?? 0
                people.enter(slot, station: -1, at: now)
                let token = people.bumpToken(slot)
                events.push(Event(time: now + delay, kind: .reReferral, a: Int32(s), b: slot, token: token))
                // Turned away, need goes on: the station's crisis hazard runs until the re-referral.
                if let d = model.stations[s].deterioration, let time = d.timeToCrisis[people.level(slot, d.attribute)] {
                    let t = now + time.sample(deteriorationStreams[s])
                    if t < now + delay { events.push(Event(time: t, kind: .communityCrisis, a: Int32(s), b: slot, token: token)) }
                }
            } else {
                leaveSystem(slot, completed: false)
            }
            return nil
        }
    }

    /// The referrer refers again, by the same route as the first time (so
    /// under a single point of access the hub sees them again).
    mutating func reReferral(station s: Int, slot: Int32, token: UInt32) {
        guard people[slot].token == token, people[slot].alive else { return }
        _ = people.bumpToken(slot)
        stats[s].reReferrals += 1
        let origin = Int(people[slot].origin)
        guard origin >= 0 else { arrive(slot, at: s); return }
        let route = model.sources[origin].route
        let next = route.isDeterministic ? route.destinations[0] : route.choose(rejectionStreams[s].uniform())
        if next == Routing.exit { leaveSystem(slot, completed: false) } else { arrive(slot, at: Int(next)) }
    }

    /// Schedules the crisis of someone who has just joined the queue at `s`.
    mutating func scheduleCrisis(_ slot: Int32, at s: Int, token: UInt32, _ d: Deterioration) {
        guard let time = d.timeToCrisis[people.level(slot, d.attribute)] else { return }
        let t = now + time.sample(deteriorationStreams[s])
        events.push(Event(time: t, kind: .crisis, a: Int32(s), b: slot, token: token))
    }

    /// Need rises while waiting: the person rejoins the line at their new
    /// priority, keeping the time they have waited.
    mutating func escalate(station s: Int, slot: Int32, token: UInt32) {
        guard people[slot].token == token, people[slot].alive, let e = model.stations[s].escalation else { return }
        let level = people.level(slot, e.attribute)
        guard level + 1 < model.attributes[e.attribute].levels.count else { return }
        people.setLevel(slot, e.attribute, level + 1)
        stats[s].escalations += 1
        stations[s].waiting -= 1
        join(slot, at: s)
    }

    /// A crisis after rejection, before the re-referral: the first open
    /// crisis route takes the person, and the re-referral is void.
    mutating func communityCrisis(station s: Int, slot: Int32, token: UInt32) {
        guard people[slot].token == token, people[slot].alive, let d = model.stations[s].deterioration else { return }
        _ = people.bumpToken(slot)
        stats[s].crisesAfterRejection += 1
        people.countCrisis(slot)
        takeCrisisRoute(slot, d.routes)
    }

    /// The first crisis route with capacity on duty now, else the last (a
    /// locality team read as the person's own locality's copy).
    func firstOpen(_ routes: [Int32], slot: Int32) -> Int {
        for r in routes where stations[resolve(Int(r), slot)].capacity > 0 { return resolve(Int(r), slot) }
        return resolve(Int(routes[routes.count - 1]), slot)
    }

    mutating func crisis(station s: Int, slot: Int32, token: UInt32) {
        guard people[slot].token == token, people[slot].alive else { return }
        _ = people.bumpToken(slot)
        if model.stations[s].diary != nil { releaseBooking(slot, at: s) }
        stations[s].waiting -= 1
        stats[s].queue.set(Double(stations[s].waiting), at: now)
        stats[s].crises += 1
        if let g = model.groupAttribute { stats[s].groupCrises[people.level(slot, g)] += 1 }
        stations[s].ledger.left += 1
        people.countCrisis(slot)
        guard let routes = model.stations[s].deterioration?.routes, !routes.isEmpty else {
            leaveSystem(slot, completed: false)
            return
        }
        takeCrisisRoute(slot, routes)
    }
}
