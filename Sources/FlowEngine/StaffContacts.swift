import DequeModule
import FlowStats

/// A contact someone in an episode is due, waiting for a member of staff.
struct ContactRequest {
    var slot: Int32
    /// The person's token during the episode: stale once they have moved on.
    var token: UInt32
    var requested: Double
}

/// The staff who make a team's contacts during episodes: `capacity` posts,
/// each making one contact at a time, first come first served.
struct StaffPool {
    var capacity = 0
    var busy = 0
    var waiting: Deque<ContactRequest> = []
}

/// What a staff pool observed since the end of warm-up.
struct StaffStats {
    var delivered = 0
    var wait = MeanTally()
    var busy: TimeWeighted

    init(at time: Double, busy: Int) {
        self.busy = TimeWeighted(level: Double(busy), at: time)
    }
}

/// Contacts that queue for staff time: during an episode at a station with
/// `contactStaff`, a contact is due `interval` days after the episode starts
/// and `interval` days after each contact ends; it takes `length` days of one
/// member of staff, waiting first if all are busy. A busy team therefore
/// sees people less often. Contacts stop when the episode ends.
extension NetworkSimulation {
    /// Someone starts an episode at `s` (a station with staff for contacts).
    mutating func startContacts(_ slot: Int32, at s: Int, token: UInt32) {
        guard let c = model.stations[s].contacts else { return }
        events.push(Event(time: now + c.interval, kind: .contactDue, a: Int32(s), b: slot, token: token))
    }

    func inEpisode(_ slot: Int32, at s: Int, token: UInt32) -> Bool {
        people[slot].alive && people[slot].token == token && Int(people[slot].station) == s
    }

    mutating func contactDue(station s: Int, slot: Int32, token: UInt32) {
        guard inEpisode(slot, at: s, token: token) else { return }
        let request = ContactRequest(slot: slot, token: token, requested: now)
        if staff[s].busy < staff[s].capacity { startContact(request, at: s) } else { staff[s].waiting.append(request) }
    }

    mutating func startContact(_ r: ContactRequest, at s: Int) {
        guard let c = model.stations[s].contacts else { return }
        staff[s].busy += 1
        staffStats[s].busy.set(Double(staff[s].busy), at: now)
        staffStats[s].wait.add(now - r.requested)
        events.push(Event(time: now + c.length, kind: .contactEnd, a: Int32(s), b: r.slot, token: r.token))
    }

    mutating func contactEnd(station s: Int, slot: Int32, token: UInt32) {
        staff[s].busy -= 1
        staffStats[s].busy.set(Double(staff[s].busy), at: now)
        staffStats[s].delivered += 1
        // The next in line, skipping contacts whose episodes have ended.
        while staff[s].busy < staff[s].capacity, let next = staff[s].waiting.popFirst() {
            if inEpisode(next.slot, at: s, token: next.token) { startContact(next, at: s) }
        }
        if inEpisode(slot, at: s, token: token), let c = model.stations[s].contacts {
            events.push(Event(time: now + c.interval, kind: .contactDue, a: Int32(s), b: slot, token: token))
        }
    }

    /// Staff pools: busy within capacity, and idle staff only when nobody
    /// valid waits.
    func checkStaff() -> [String] {
        var p: [String] = []
        for (i, pool) in staff.enumerated() where pool.capacity > 0 {
            let name = model.stations[i].name
            if pool.busy < 0 || pool.busy > pool.capacity { p.append("staff of \(name): \(pool.busy) busy of \(pool.capacity)") }
            let valid = pool.waiting.filter { inEpisode($0.slot, at: i, token: $0.token) }.count
            if valid > 0 && pool.busy < pool.capacity { p.append("staff of \(name): \(valid) contacts waiting while staff are free") }
        }
        return p
    }
}
