import CGSL
import DequeModule
import FlowStats

/// How people move: arrivals, joining a line, service, reneging, routing.
///
/// Counts here add with wrapping arithmetic (`&+=`): a 64-bit count of
/// events cannot overflow, and the overflow check is an instruction and a
/// branch per count on the engine's hottest path.
extension NetworkSimulation {
    mutating func scheduleNextArrival(source i: Int, after t: Double) {
        let hot = hotSources[i]
        if arrivalsIssued[i] >= hot.limit { return }
        // From the flat copies in HotSource and `profileMultipliers`: reading
        // model.sources[i].arrivals copied the profile's arrays (and
        // recomputed its peak) on every arrival.
        let rng = arrivalRNG[i]
        var next: Double
        switch hot.arrivals {
        case .poisson:
            next = t + gsl_ran_exponential(rng, hot.poissonMean)
        case .renewal:
            next = t + hot.interArrival.sample(rng: rng, tables: samplerTables)
        case .profile:
            let rate = hot.rate, peak = hot.peakRate, o = hot.profileStart
            next = t
            repeat {
                next += gsl_ran_exponential(rng, 1 / peak)
                if next > model.duration { break }
                let multiplier = ArrivalProfile.multiplier(in: profileMultipliers, from: o, at: next,
                                                           calendar: model.calendar, month: month(at: next))
                if !(gsl_rng_uniform(rng) * peak >= rate * multiplier) { break }
            } while true
        }
        arrivalsIssued[i] &+= 1
        events.push(Event(time: next, kind: .arrival, a: Int32(i)))
    }

    mutating func month(at t: Double) -> Int {
        let day = Int(t.rounded(.down))
        if day != monthCacheDay {
            monthCacheDay = day
            monthCache = model.calendar.monthIndex(t)
        }
        return monthCache
    }

    mutating func sourceArrival(_ i: Int) {
        let hot = hotSources[i]
        var size = 1
        if hot.hasBatch, let batch = model.sources[i].batch {
            let b = batch.sample(batchStreams[i])
            size = b >= 1 ? Int(min(b, 1e9)) : 0   // NaN and negatives give 0; no batch beyond 1e9 people
        }
        for _ in 0..<size {
            let slot = people.create(at: now, priority: hot.priority)
            people.setOrigin(slot, i)
            if hot.hasMix {
                for k in mixStart[i]..<mixStart[i + 1] {
                    let m = mixDraws[k]
                    people.setLevel(slot, m.attribute, Int(m.sampler.sample(rng: m.rng, tables: samplerTables)))
                }
            }
            if let g = model.groupAttribute { system.groupArrivals[people.level(slot, g)] &+= 1 }
            system.arrivals &+= 1
            systemLedger.arrived &+= 1
            system.inSystem.add(1, at: now)
            let destination = hot.routeDeterministic
                ? hot.firstDestination
                : model.sources[i].route.choose(sourceRoutingStreams[i].uniform())
            if destination == Routing.exit { leaveSystem(slot, completed: false) } else { arrive(slot, at: Int(destination)) }
        }
        scheduleNextArrival(source: i, after: now)
    }

    /// A person reaches a station: served at once, waits, balks, or overflows
    /// (to another station, or lost).
    mutating func arrive(_ slot: Int32, at first: Int) {
        var s = first
        var hops = 0
        while true {
            if s < -1 { s = resolve(s, slot) }   // a locality team: the person's own locality's copy
            let hot = hotStations[s]
            // One address each for the several fields touched below (see StationTable.address).
            let state = stations.address(s), st = stats.address(s)
            st.pointee.arrivals &+= 1
            state.pointee.ledger.arrived &+= 1
            people.enter(slot, station: Int32(s), at: now)
            if let trace { trace(record(slot, .arrive, s)) }
            if let g = model.groupAttribute { st.pointee.groupArrivals[people.level(slot, g)] &+= 1 }
            if hot.rulesOnArrival {
                let (decision, reason) = decide(slot, at: s, onArrival: true)
                if decision != .accept {
                    state.pointee.ledger.left &+= 1
                    guard let next = apply(decision, reason: reason, slot: slot, at: s) else { return }
                    hops &+= 1
                    if hops > Self.maxHops {
                        // Rules that pass someone round in a circle; stop rather than spin.
                        loopsBroken &+= 1
                        leaveSystem(slot, completed: false)
                        return
                    }
                    s = next
                    continue
                }
                st.pointee.accepted &+= 1
                noteAccepted(slot)
            }
            if hot.hasDiary, let diary = model.stations[s].diary {
                book(slot, at: s, diary: diary)
                return
            }
            if state.pointee.busy < state.pointee.capacity && state.pointee.waiting == 0 {
                startService(slot, at: s)
                return
            }
            if hot.hasBalking, let balking = model.stations[s].balking, state.pointee.waiting >= balking.threshold,
               balkingStreams[s].uniform() < balking.probability {
                st.pointee.balked &+= 1
                state.pointee.ledger.left &+= 1
                leaveSystem(slot, completed: false)
                return
            }
            if state.pointee.waiting >= hot.queueLimit {
                st.pointee.overflowed &+= 1
                state.pointee.ledger.left &+= 1
                if hot.overflow == Routing.exit {
                    leaveSystem(slot, completed: false)
                    return
                }
                s = Int(hot.overflow)
                hops &+= 1
                continue
            }
            join(slot, at: s)
            return
        }
    }

    @inline(__always)
    mutating func join(_ slot: Int32, at s: Int) {
        let token = people.bumpToken(slot)
        let lane = self.lane(of: slot, at: s)
        let hot = hotStations[s], state = stations.address(s)
        state.pointee.lanes[lane].append(Ticket(slot: slot, token: token))
        state.pointee.waiting &+= 1
        stats[s].queue.set(Double(state.pointee.waiting), at: now)
        if hot.hasPatience, let patience = model.stations[s].patience {
            let limit = now + patience.sample(patienceStreams[s])
            events.push(Event(time: limit, kind: .renege, a: Int32(s), b: slot, token: token))
        }
        if hot.hasDeterioration, let d = model.stations[s].deterioration { scheduleCrisis(slot, at: s, token: token, d) }
        if hot.hasEscalation, let e = model.stations[s].escalation, let time = e.timeToRise[people.level(slot, e.attribute)] {
            let t = now + time.sample(escalationStreams[s])
            events.push(Event(time: t, kind: .escalation, a: Int32(s), b: slot, token: token))
        }
    }

    func record(_ slot: Int32, _ activity: TraceRecord.Activity, _ station: Int) -> TraceRecord {
        TraceRecord(time: now, slot: slot, systemArrival: people[slot].systemArrival, activity: activity,
                    station: station, wait: 0)
    }

    /// The priority class (queue lane) a person belongs to at a station.
    @inline(__always)   // otherwise called with a copy of the whole simulation (a memcpy per join)
    func lane(of slot: Int32, at s: Int) -> Int {
        if stations[s].lanes.count == 1 { return 0 }
        if let a = model.stations[s].priorityAttribute { return stations[s].lanes.count - 1 - people.level(slot, a) }
        return Int(people[slot].priority)
    }

    mutating func startService(_ slot: Int32, at s: Int) {
        let token = people.bumpToken(slot)
        // One address each for the several fields written below (see StationTable.address).
        let state = stations.address(s), st = stats.address(s)
        state.pointee.busy &+= 1
        st.pointee.busy.set(Double(state.pointee.busy), at: now)
        let wait = now - people[slot].stationArrival
        if let trace {
            var r = record(slot, .start, s)
            r.wait = wait
            trace(r)
        }
        st.pointee.wait.add(wait)
        st.pointee.waitQuantiles.add(wait)
        st.pointee.waitedPositive &+= wait > 0 ? 1 : 0   // a select, not a branch on a random wait
        if !st.pointee.laneWait.isEmpty { st.pointee.laneWait[lane(of: slot, at: s)].add(wait) }
        if let g = model.groupAttribute { st.pointee.groupWait[people.level(slot, g)].add(wait) }
        var duration = services[s].sample(rng: serviceRNG[s], tables: samplerTables)
        if hotStations[s].marksPathway { duration = pathwayStart(slot, at: s, wait: wait, token: token, duration: duration) }
        events.push(Event(time: now + duration, kind: .serviceEnd, a: Int32(s), b: slot, token: token))
    }

    /// Starts service for waiting people while servers are free.
    @inline(__always)   // the inliner left it out of serviceEnd once HotSource grew (measured: +11 M instructions on mmc)
    mutating func startWaiting(at s: Int) {
        while stations[s].busy < stations[s].capacity && stations[s].waiting > 0 {
            guard let ticket = popValidTicket(at: s) else { break }
            stations[s].waiting &-= 1
            stats[s].queue.set(Double(stations[s].waiting), at: now)
            startService(ticket.slot, at: s)
        }
    }

    @inline(__always)
    mutating func popValidTicket(at s: Int) -> Ticket? {
        let state = stations.address(s)
        for lane in 0..<state.pointee.lanes.count {
            let line = state.pointee.lanes.address(lane)
            while let t = line.pointee.popFirst() {
                if people[t.slot].token == t.token { return t }
            }
        }
        return nil
    }

    mutating func serviceEnd(station s: Int, slot: Int32, token: UInt32) {
        let hot = hotStations[s]
        // An out-of-area stay cut short by repatriation leaves its end event behind.
        if hot.isPlacementTarget && people[slot].token != token { return }
        let state = stations.address(s), st = stats.address(s)
        state.pointee.busy &-= 1
        st.pointee.busy.set(Double(state.pointee.busy), at: now)
        st.pointee.served &+= 1
        state.pointee.ledger.left &+= 1
        st.pointee.timeInStation.add(now - people[slot].stationArrival)
        if let trace { trace(record(slot, .end, s)) }
        if hot.isAssessment { people.countAssessment(slot) }
        // The freed server takes the next in line before this person moves
        // on, so someone fed back to this station joins behind them.
        startWaiting(at: s)
        if hot.repatriates { repatriate(into: s) }
        if hot.rulesAfterService {
            let (decision, reason) = decide(slot, at: s, onArrival: false)
            if decision != .accept {
                if let next = apply(decision, reason: reason, slot: slot, at: s) { arrive(slot, at: next) }
                return
            }
            st.pointee.accepted &+= 1
            noteAccepted(slot)
        }
        let next: Int32, label: RouteLabel
        if hot.routingEmpty {
            next = Routing.exit
            label = .onward
        } else if hot.routingDeterministic {
            next = hot.firstDestination
            label = hot.firstLabel
        } else {
            (next, label) = routes.choose(from: s, gsl_rng_uniform(routingRNG[s]))
        }
        if next == Routing.exit {
            st.pointee.leftAfterService &+= 1
            if hot.hasAfterDischarge && holdAfterDischarge(slot, at: s) { return }
            depart(slot, completed: true)
        } else {
            if label != .onward {
                st.pointee.outcomes.count(label)
                handOff(slot, from: s)
            }
            arrive(slot, at: Int(next))
        }
    }

    mutating func renege(station s: Int, slot: Int32, token: UInt32) {
        guard people[slot].token == token, people[slot].alive else { return }
        stations[s].waiting &-= 1
        stats[s].queue.set(Double(stations[s].waiting), at: now)
        stats[s].reneged &+= 1
        stations[s].ledger.left &+= 1
        leaveSystem(slot, completed: false)
    }

    mutating func leaveSystem(_ slot: Int32, completed: Bool) {
        depart(slot, completed: completed)
    }

    /// `leaveSystem`'s body, inlined where most people leave (after
    /// service); the other dozen callers share the outlined copy.
    @inline(__always)
    mutating func depart(_ slot: Int32, completed: Bool) {
        if completed {
            let t = now - people[slot].systemArrival
            system.timeInSystem.add(t)
            system.timeInSystemQuantiles.add(t)
        }
        if let trace { trace(record(slot, .leave, -1)) }
        system.departures &+= 1
        system.handoffs &+= Int(people[slot].handoffs)
        system.rejections &+= Int(people[slot].rejections)
        system.crises &+= Int(people[slot].crises)
        system.assessments &+= Int(people[slot].assessments)
        if isMissingMiddle(slot) { system.missingMiddle &+= 1 }
        if completed, let g = model.groupAttribute { system.groupTime[people.level(slot, g)].add(now - people[slot].systemArrival) }
        systemLedger.left &+= 1
        system.inSystem.add(-1, at: now)
        people.release(slot)
    }

    mutating func capacityChange(station s: Int, segment: Int) {
        guard case .schedule(let schedule) = model.stations[s].capacity else { return }
        stations[s].segment = segment
        stations[s].capacity = schedule.capacities[segment]
        stats[s].capacity.set(Double(stations[s].capacity), at: now)
        scheduleNextCapacityChange(station: s, schedule: schedule, segment: segment,
                                   weekStart: now - schedule.times[segment])
        // A server going off duty finishes the task in hand; only new starts wait.
        startWaiting(at: s)
    }

    mutating func scheduleNextCapacityChange(station s: Int, schedule: WeeklySchedule, segment: Int, weekStart: Double) {
        guard schedule.times.count > 1 else { return }
        let next = (segment + 1) % schedule.times.count
        let t = weekStart + schedule.times[next] + (next == 0 ? 7 : 0)
        events.push(Event(time: t, kind: .capacityChange, a: Int32(s), b: Int32(next)))
    }
}
