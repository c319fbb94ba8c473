import FlowEngine

extension ScenarioReader {
    /// `diary: {slots: {weekdays: 8}, at: "10:00", book_after: 14 days, ...}`
    func diary(_ node: YNode, _ path: String, station: String, vacancy: Double? = nil) -> Diary? {
        guard let f = fields(node, path, allowed: ScenarioKeys.diary, what: "a diary mapping with slots") else { return nil }
        guard let slotsNode = required(f, "slots", in: node, path, expected: "clinic slots per weekday, such as {weekdays: 8, sat: 2}") else {
            return nil
        }
        var slots = [Int](repeating: 0, count: 7)
        var ok = true
        if let e = entries(slotsNode, join(path, "slots"), what: "a mapping of days (mon..sun, weekdays, weekends, daily) to slots") {
            for (key, location, value) in e {
                let p = join(join(path, "slots"), key)
                let days: [Int]
                if let group = ScenarioKeys.dayGroups[key] { days = group } else if let d = ScenarioKeys.weekdays.firstIndex(of: key) {
                    days = [d]
                } else {
                    let all = ScenarioKeys.weekdays + ScenarioKeys.dayGroups.keys.sorted()
                    report(location, p, found: "'\(key)'", expected: "a day mon..sun, or daily, weekdays, weekends" + Suggestion.hint(for: key, in: all))
                    ok = false
                    continue
                }
                guard let n = integer(value, p, expected: "a number of slots >= 0", valid: { $0 >= 0 && $0 < 100_000 }) else { ok = false; continue }
                for d in days { slots[d] = n }
            }
        } else { ok = false }
        var diary = Diary(slots: slots)
        if let n = f["at"] { if let h = clock(n, join(path, "at")) { diary.hour = h } else { ok = false } }
        if let n = f["book_after"] { if let d = leadTime(n, join(path, "book_after")) { diary.bookAfter = d } else { ok = false } }
        if let n = f["urgent_when"] { if let e = expression(n, join(path, "urgent_when")) { diary.urgent = e } else { ok = false } }
        if let n = f["urgent_book_after"] {
            if let d = leadTime(n, join(path, "urgent_book_after")) { diary.urgentBookAfter = d } else { ok = false }
        }
        if let n = f["reserved"] {
            if let r = integer(n, join(path, "reserved"), expected: "slots a day kept for urgent bookings, >= 0", valid: { $0 >= 0 }) {
                diary.reserved = r
            } else { ok = false }
        }
        if let n = f["release_reserved"] {
            if let d = leadTime(n, join(path, "release_reserved")) { diary.releaseReserved = d } else { ok = false }
        }
        if let n = f["did_not_attend"] { if let p = probability(n, join(path, "did_not_attend")) { diary.didNotAttend = p } else { ok = false } }
        if let n = f["cancellation"] {
            if let p = number(n, join(path, "cancellation"), expected: "a probability from 0 up to (not including) 1", valid: { $0 >= 0 && $0 < 1 }) {
                diary.cancellation = p
            } else { ok = false }
        }
        if let n = f["rebook_limit"] {
            if let r = integer(n, join(path, "rebook_limit"), expected: "an integer >= 0", valid: { $0 >= 0 && $0 < 200 }) {
                diary.rebookLimit = r
            } else { ok = false }
        }
        if let n = f["pool"] {
            let items: [YNode]
            if case .sequence(let list, _) = n { items = list } else { items = [n] }
            for (i, item) in items.enumerated() {
                let p = "\(join(path, "pool"))[\(i)]"
                guard let name = string(item, p, expected: "a station name") else { ok = false; continue }
                let own = stationNames.firstIndex(of: station)
                guard let s = lookUpStation(name), s >= 0, s != own else {
                    report(item.location, p, found: lookUpStation(name) == own ? "the station itself"
                               : lookUpStation(name) != nil ? "the locality team '\(name)' outside its localities" : "undefined station '\(name)'",
                           expected: "another station with a diary" + Suggestion.hint(for: name, in: stationNames))
                    ok = false
                    continue
                }
                diary.pool.append(Int32(s))
            }
        }
        guard ok else { return nil }
        if let vacancy {
            // Fewer clinicians, fewer clinic slots: applied before the checks below.
            slots = slots.map { Int((Double($0) * (1 - vacancy)).rounded()) }
            diary.slots = slots
            diary.reserved = Int((Double(diary.reserved) * (1 - vacancy)).rounded())
        }
        // Someone must always be able to book, or booking would search for ever.
        if !slots.contains(where: { $0 > 0 }) {
            report(slotsNode.location, join(path, "slots"), found: vacancy == nil ? "no slots on any day" : "no slots on any day after the vacancy rate",
                   expected: "at least one slot in the week")
            return nil
        }
        if diary.releaseReserved == nil && !slots.contains(where: { $0 > diary.reserved }) {
            report(f["reserved"]?.location ?? node.location, join(path, "reserved"),
                   found: "every slot reserved for urgent bookings and never released",
                   expected: "fewer reserved slots than slots on some day, or release_reserved")
            return nil
        }
        return diary
    }

    /// A booking lead time: a duration of at most 10 years (diaries are searched day by day).
    func leadTime(_ node: YNode, _ path: String) -> Double? {
        guard let d = duration(node, path) else { return nil }
        guard d <= 3652.5 else { report(node, path, expected: "a lead time of at most 10 years"); return nil }
        return d
    }
}
