/// An appointment diary: clinic slots on weekdays, booked ahead, instead of
/// a queue for servers.
///
/// A person accepted by the station books the earliest free slot at least
/// `bookAfter` days ahead (`urgentBookAfter` when `urgent` holds). Some slots
/// each day are reserved for urgent people; with `releaseReserved` they open
/// to anyone when the clinic day is that close. A booked person may not
/// attend (rebooked up to `rebookLimit` times, then discharged), and the
/// clinic may cancel (rebooked). With a pool, the earliest slot is searched
/// across the listed stations' diaries as one.
public struct Diary: Sendable, Equatable {
    /// Slots on each weekday, Monday first.
    public var slots: [Int]
    /// Time of day of the clinic, hours.
    public var hour: Double
    public var bookAfter: Double
    public var urgent: RuleExpression?
    public var urgentBookAfter: Double
    /// Slots a day kept for urgent bookings.
    public var reserved: Int
    /// Reserved slots open to anyone this many days before the clinic; nil = never.
    public var releaseReserved: Double?
    public var didNotAttend: Double
    public var rebookLimit: Int
    public var cancellation: Double
    /// Other stations whose diaries are searched with this one.
    public var pool: [Int32]

    public init(slots: [Int], hour: Double = 10, bookAfter: Double = 0, urgent: RuleExpression? = nil,
                urgentBookAfter: Double = 0, reserved: Int = 0, releaseReserved: Double? = nil,
                didNotAttend: Double = 0, rebookLimit: Int = 1, cancellation: Double = 0, pool: [Int32] = []) {
        self.slots = slots
        self.hour = hour
        self.bookAfter = bookAfter
        self.urgent = urgent
        self.urgentBookAfter = urgentBookAfter
        self.reserved = reserved
        self.releaseReserved = releaseReserved
        self.didNotAttend = didNotAttend
        self.rebookLimit = rebookLimit
        self.cancellation = cancellation
        self.pool = pool
    }
}

/// Free slots of one diary by day, grown as bookings reach further ahead.
struct DiaryBook {
    var open: [Int32] = []
    var reserved: [Int32] = []

    /// Makes sure days `0...day` exist.
    mutating func extend(through day: Int, diary: Diary, calendar: SimCalendar) {
        while open.count <= day {
            let d = open.count
            let total = diary.slots[calendar.dayOfWeek(Double(d))]
            let kept = min(diary.reserved, total)
            open.append(Int32(total - kept))
            reserved.append(Int32(kept))
        }
    }
}

extension NetworkSimulation {
    /// Books the earliest allowed slot for someone accepted at diary station `s`.
    mutating func book(_ slot: Int32, at s: Int, diary: Diary) {
        let isUrgent = diary.urgent.map { evaluate($0, slot: slot) != 0 } ?? false
        let earliest = now + (isUrgent ? diary.urgentBookAfter : diary.bookAfter)
        var day = Int((earliest - diary.hour / 24).rounded(.up))
        if day < 0 { day = 0 }
        while true {
            // The station itself, then its pool (no array of both: that was an allocation per booking).
            for k in -1..<diary.pool.count {
                let station = k < 0 ? s : Int(diary.pool[k])
                guard let d = model.stations[station].diary else { continue }
                books[station].extend(through: day, diary: d, calendar: model.calendar)
                let clinic = Double(day) + d.hour / 24
                guard clinic >= earliest else { continue }
                var useReserved = false
                if books[station].open[day] > 0 {
                    books[station].open[day] -= 1
                } else if books[station].reserved[day] > 0
                            && (isUrgent || d.releaseReserved.map { clinic - now <= $0 } ?? false) {
                    books[station].reserved[day] -= 1
                    useReserved = true
                } else { continue }
                if station != s { move(slot, from: s, to: station) }
                confirm(slot, at: station, day: day, reserved: useReserved, clinic: clinic, diary: d)
                return
            }
            day += 1
        }
    }

    /// A pooled booking at another clinic: the person now belongs there.
    mutating func move(_ slot: Int32, from s: Int, to t: Int) {
        stations[s].ledger.left += 1
        stats[s].redirected += 1
        stats[t].arrivals += 1
        stations[t].ledger.arrived += 1
        let arrived = people[slot].stationArrival
        people.enter(slot, station: Int32(t), at: arrived)
    }

    mutating func confirm(_ slot: Int32, at s: Int, day: Int, reserved: Bool, clinic: Double, diary: Diary) {
        let token = people.bumpToken(slot)
        people.setBooking(slot, day: day, reserved: reserved)
        stations[s].waiting += 1
        stats[s].queue.set(Double(stations[s].waiting), at: now)
        if diary.cancellation > 0 && rejectionStreams[s].uniform() < diary.cancellation {
            // The clinic cancels at some point before the date; the person is rebooked then.
            let notice = now + rejectionStreams[s].uniform() * (clinic - now)
            events.push(Event(time: notice, kind: .cancellation, a: Int32(s), b: slot, token: token))
        } else {
            events.push(Event(time: clinic, kind: .appointment, a: Int32(s), b: slot, token: token))
        }
        if let d = model.stations[s].deterioration { scheduleCrisis(slot, at: s, token: token, d) }
    }

    /// Gives a booked slot back to the diary.
    mutating func releaseBooking(_ slot: Int32, at s: Int) {
        let (day, reserved) = people.booking(slot)
        guard day >= 0 else { return }
        if reserved { books[s].reserved[day] += 1 } else { books[s].open[day] += 1 }
        people.setBooking(slot, day: -1, reserved: false)
    }

    mutating func cancellation(station s: Int, slot: Int32, token: UInt32) {
        guard people[slot].token == token, people[slot].alive, let diary = model.stations[s].diary else { return }
        stats[s].cancellations += 1
        releaseBooking(slot, at: s)
        stations[s].waiting -= 1
        book(slot, at: s, diary: diary)
    }

    mutating func appointment(station s: Int, slot: Int32, token: UInt32) {
        guard people[slot].token == token, people[slot].alive, let diary = model.stations[s].diary else { return }
        people.setBooking(slot, day: -1, reserved: false)
        stations[s].waiting -= 1
        stats[s].queue.set(Double(stations[s].waiting), at: now)
        if diary.didNotAttend > 0 && rejectionStreams[s].uniform() < diary.didNotAttend {
            stats[s].didNotAttend += 1
            if people.countMissed(slot) > diary.rebookLimit {
                stats[s].discharged += 1
                stations[s].ledger.left += 1
                leaveSystem(slot, completed: false)
            } else {
                book(slot, at: s, diary: diary)
            }
            return
        }
        startService(slot, at: s)
    }
}
