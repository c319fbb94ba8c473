extension NetworkSimulation {
    /// States what must hold between events and reports what does not:
    /// the event list is a heap; the entity store is consistent; at every
    /// station, arrived = waiting + in service + left; for the system,
    /// arrived = present + left; no station serves more than it has servers
    /// unless a shift has just ended; waiting counts match valid tickets.
    /// O(events + people + tickets); for tests of small runs.
    public func checkInvariants() -> [String] {
        var p = events.checkInvariants() + people.checkInvariants() + checkStaff()
        var atStation = Array(repeating: 0, count: stations.count)
        for i in 0..<people.capacity where people[i].alive {
            let s = Int(people[i].station)
            if s >= 0 { atStation[s] += 1 }
        }
        for (i, s) in stations.enumerated() {
            let name = model.stations[i].name
            let ledger = s.ledger
            if ledger.arrived != s.waiting + s.busy + ledger.left {
                p.append("station \(name): arrived \(ledger.arrived) != waiting \(s.waiting) + in service \(s.busy) + left \(ledger.left)")
            }
            if s.waiting < 0 || s.busy < 0 { p.append("station \(name): negative count") }
            var valid = 0
            for lane in s.lanes {
                for t in lane.tickets where people[t.slot].token == t.token && people[t.slot].alive { valid += 1 }
            }
            if model.stations[i].diary != nil {
                // Booked people wait for a date, not for a server.
                let booked = (0..<people.capacity).filter {
                    people[$0].alive && Int(people[$0].station) == i && people[$0].booking >= 0
                }.count
                if booked != s.waiting { p.append("station \(name): \(booked) booked but waiting \(s.waiting)") }
                for day in books[i].open.indices where books[i].open[day] < 0 || books[i].reserved[day] < 0 {
                    p.append("station \(name): negative free slots on day \(day)")
                }
            } else if valid != s.waiting { p.append("station \(name): \(valid) valid tickets but waiting \(s.waiting)") }
            if model.stations[i].diary == nil && s.waiting > 0 && s.busy < s.capacity {
                p.append("station \(name): \(s.waiting) waiting while \(s.capacity - s.busy) servers are idle")
            }
            if case .schedule = model.stations[i].capacity {} else if s.busy > s.capacity {
                p.append("station \(name): \(s.busy) in service exceeds capacity \(s.capacity)")
            }
            if atStation[i] != s.waiting + s.busy {
                p.append("station \(name): \(atStation[i]) people located here but waiting + in service is \(s.waiting + s.busy)")
            }
        }
        if systemLedger.arrived != people.liveCount + systemLedger.left {
            p.append("system: arrived \(systemLedger.arrived) != present \(people.liveCount) + left \(systemLedger.left)")
        }
        if let t = Optional(events.peekTime), t < now { p.append("next event at \(t) is before now \(now)") }
        return p
    }
}
