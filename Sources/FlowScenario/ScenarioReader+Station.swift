import FlowEngine

extension ScenarioReader {
    func station(_ name: String, _ node: YNode, _ path: String, stations: [String]) -> Station? {
        guard let f = fields(node, path, allowed: ScenarioKeys.station, what: "a station mapping with capacity and service") else {
            return nil
        }
        var capacity: Station.Capacity?
        switch (f["capacity"], f["schedule"]) {
        case (let c?, nil):
            if scalar(c) == "infinite" { capacity = .infinite } else {
                capacity = integer(c, join(path, "capacity"), expected: "an integer >= 0 or \"infinite\"", valid: { $0 >= 0 })
                    .map { .servers($0) }
            }
        case (nil, let s?):
            capacity = schedule(s, join(path, "schedule")).map { .schedule($0) }
        case (let c?, _?):
            report(c.location, join(path, "capacity"), found: "both capacity and schedule", expected: "exactly one of them")
        case (nil, nil) where f["diary"] != nil:
            capacity = .infinite   // the diary's slots are the capacity
        case (nil, nil):
            report(node.location, join(path, "capacity"), found: "nothing (the key is missing)",
                   expected: "a number of servers, \"infinite\", a schedule, or a diary")
        }
        if f["diary"] != nil, let c = f["capacity"] ?? f["schedule"] {
            report(c.location, join(path, f["capacity"] != nil ? "capacity" : "schedule"), found: "a capacity with a diary",
                   expected: "one of them: a diary's slots are its capacity")
        }
        let service = required(f, "service", in: node, path, expected: "a service time distribution")
            .flatMap { distribution($0, join(path, "service"), dimension: .duration) }
        var discipline = Station.Discipline.fifo
        if let d = f["discipline"], let s = string(d, join(path, "discipline"), expected: "fifo or priority") {
            if let v = Station.Discipline(rawValue: s) { discipline = v } else {
                report(d.location, join(path, "discipline"), found: "'\(s)'",
                       expected: "fifo or priority" + Suggestion.hint(for: s, in: ["fifo", "priority"]))
            }
        }
        let patience = f["patience"].flatMap { distribution($0, join(path, "patience"), dimension: .duration) }
        let queueLimit = f["queue_limit"].flatMap {
            integer($0, join(path, "queue_limit"), expected: "an integer >= 0 (places to wait, excluding those in service)", valid: { $0 >= 0 })
        }
        var overflow = Routing.exit
        if let o = f["overflow"], let s = string(o, join(path, "overflow"), expected: "a station name or lost") {
            if f["queue_limit"] == nil {
                report(o.location, join(path, "overflow"), found: "overflow without queue_limit",
                       expected: "queue_limit set, so that the waiting room can be full")
            }
            if s != "lost" {
                if let i = lookUpStation(s) {
                    if i == stationNames.firstIndex(of: name) {
                        report(o.location, join(path, "overflow"), found: "the station itself", expected: "another station or lost")
                    } else { overflow = Int32(i) }
                } else {
                    report(o.location, join(path, "overflow"), found: "undefined station '\(s)'",
                           expected: "lost or one of " + referableStations.joined(separator: ", ")
                               + Suggestion.hint(for: s, in: referableStations + ["lost"]))
                }
            }
        }
        var balking: Station.Balking?
        if let b = f["balking"], let bf = fields(b, join(path, "balking"), allowed: ScenarioKeys.balking,
                                                 what: "a balking mapping with threshold and probability") {
            let t = required(bf, "threshold", in: b, join(path, "balking"), expected: "the queue length at which people may balk")
                .flatMap { integer($0, join(path, "balking.threshold"), expected: "an integer >= 0", valid: { $0 >= 0 }) }
            let p = bf["probability"].map { probability($0, join(path, "balking.probability")) } ?? 1
            if let t, let p { balking = Station.Balking(threshold: t, probability: p) }
        }
        var routing = f["routing"].flatMap { self.routing($0, join(path, "routing"), stations: stations, mustSumToOne: false) }
        if let o = f["outcomes"] {
            guard let labelled = outcomes(o, join(path, "outcomes"), routing: routing ?? .leave, stations: stations) else { return nil }
            routing = labelled
        }
        var function: StationFunction?
        if let n = f["function"], let s = string(n, join(path, "function"), expected: "a station function") {
            let names = StationFunction.allCases.map(\.rawValue)
            if let v = StationFunction(rawValue: s) { function = v } else {
                report(n.location, join(path, "function"), found: "'\(s)'",
                       expected: "one of " + names.joined(separator: ", ") + Suggestion.hint(for: s, in: names))
            }
        }
        var costs = Costs()
        if let n = f["costs"], let c = fields(n, join(path, "costs"), allowed: ScenarioKeys.costs, what: "a costs mapping") {
            func money(_ key: String) -> Double {
                c[key].flatMap { number($0, join(join(path, "costs"), key), expected: "a cost >= 0", valid: { $0 >= 0 }) } ?? 0
            }
            costs = Costs(perArrival: money("per_arrival"), perService: money("per_service"),
                          perDayInService: money("per_day_in_service"), perServerDay: money("per_server_day"))
            costs.perContact = money("per_contact")
        }
        var contacts: (interval: Double, length: Double)?
        var contactStaff: Int?
        if let n = f["contacts"], let c = fields(n, join(path, "contacts"), allowed: ScenarioKeys.contacts, what: "a contacts mapping with every and length") {
            let every = required(c, "every", in: n, join(path, "contacts"), expected: "the interval between contacts, such as 2 weeks")
                .flatMap { duration($0, join(path, "contacts.every"), allowZero: false) }
            let length = required(c, "length", in: n, join(path, "contacts"), expected: "the staff time of a contact, such as 1 h")
                .flatMap { duration($0, join(path, "contacts.length")) }
            if let every, let length { contacts = (every, length) }
            if let st = c["staff"] {
                contactStaff = integer(st, join(path, "contacts.staff"), expected: "an integer >= 1 (staff posts who make the contacts)",
                                       valid: { $0 >= 1 })
            }
        }
        var vacancy: Double?
        if let v = f["vacancy"], let rate = number(v, join(path, "vacancy"), expected: "a vacancy rate from 0 up to (not including) 1",
                                                   valid: { $0 >= 0 && $0 < 1 }) {
            vacancy = rate
            // Vacant posts remove capacity: a team of 20 posts at 15% vacancy works with 17.
            func filled(_ c: Int) -> Int { Int((Double(c) * (1 - rate)).rounded()) }
            switch capacity {
            case .servers(let c): capacity = .servers(filled(c))
            case .schedule(let s):
                capacity = .schedule(WeeklySchedule(shifts: s.shifts.map {
                    WeeklySchedule.Shift(days: $0.days, from: $0.from, to: $0.to, capacity: filled($0.capacity))
                }))
            case .infinite where f["diary"] != nil:
                break   // applied to the diary's slots below
            case .infinite:
                report(v.location, join(path, "vacancy"), found: "a vacancy rate for an infinite capacity", expected: "a station with a number of servers or a schedule")
            case nil: break
            }
        }
        guard let capacity, let service else { return nil }
        var station = Station(name: name, capacity: capacity, service: service, discipline: discipline, patience: patience,
                              queueLimit: queueLimit, overflow: overflow, balking: balking, routing: routing ?? .leave)
        station.function = function
        station.costs = costs
        station.contacts = contacts
        station.contactStaff = contactStaff
        if let d = f["diary"] {
            guard let diary = diary(d, join(path, "diary"), station: name, vacancy: vacancy) else { return nil }
            station.diary = diary
            if f["queue_limit"] != nil || f["patience"] != nil || f["balking"] != nil {
                report(d.location, join(path, "diary"), found: "a diary with queue_limit, patience or balking",
                       expected: "a diary alone: booked people wait for a date, not in a queue")
                return nil
            }
        }
        guard flowRules(f, path, station: &station), pathwayKeys(f, path, station: &station) else { return nil }
        return station
    }

    /// `outcomes: {step_down: {vcse: 0.2}, step_up: {crht: 0.05}}`: routing
    /// after service whose moves are counted by kind; added to `routing`.
    func outcomes(_ node: YNode, _ path: String, routing: Routing, stations: [String]) -> Routing? {
        guard let f = fields(node, path, allowed: ScenarioKeys.outcomes, what: "an outcomes mapping with step_down, step_up or transfer") else {
            return nil
        }
        var entries: [(station: Int, probability: Double, label: RouteLabel)] = []
        var previous = 0.0
        for (d, c) in zip(routing.destinations, routing.cumulative) {
            entries.append((Int(d), c - previous, .onward))
            previous = c
        }
        let labels: [(String, RouteLabel)] = [("step_down", .stepDown), ("step_up", .stepUp), ("transfer", .transfer)]
        var ok = true
        for (key, label) in labels {
            guard let n = f[key] else { continue }
            guard let r = self.routing(n, join(path, key), stations: stations, mustSumToOne: false) else { ok = false; continue }
            var prev = 0.0
            for (d, c) in zip(r.destinations, r.cumulative) {
                entries.append((Int(d), c - prev, label))
                prev = c
            }
        }
        guard ok else { return nil }
        let total = entries.reduce(0) { $0 + $1.probability }
        if total > 1 + 1e-9 {
            report(node.location, path, found: "routing and outcomes summing to \(total)", expected: "a sum of at most 1")
            return nil
        }
        return Routing(labelled: entries)
    }

    func schedule(_ node: YNode, _ path: String) -> WeeklySchedule? {
        guard case .sequence(let items, _) = node, !items.isEmpty else {
            report(node, path, expected: "a list of shifts such as {days: weekdays, from: \"09:00\", to: \"17:00\", capacity: 3}")
            return nil
        }
        var shifts: [WeeklySchedule.Shift] = []
        var ok = true
        for (i, item) in items.enumerated() {
            let p = "\(path)[\(i)]"
            guard let f = fields(item, p, allowed: ScenarioKeys.shift, what: "a shift mapping with days, from, to and capacity") else {
                ok = false
                continue
            }
            let days = required(f, "days", in: item, p, expected: "a list of mon..sun, or daily, weekdays, weekends").flatMap { self.days($0, join(p, "days")) }
            let from = required(f, "from", in: item, p, expected: "a time of day \"HH:MM\"").flatMap { clock($0, join(p, "from")) }
            let to = required(f, "to", in: item, p, expected: "a time of day \"HH:MM\"").flatMap { clock($0, join(p, "to")) }
            let c = required(f, "capacity", in: item, p, expected: "the number of servers on this shift")
                .flatMap { integer($0, join(p, "capacity"), expected: "an integer >= 0", valid: { $0 >= 0 }) }
            guard let days, let from, let to, let c else { ok = false; continue }
            if from == to {
                report(item.location, join(p, "to"), found: "a shift starting and ending at the same time",
                       expected: "to different from from")
                ok = false
                continue
            }
            shifts.append(WeeklySchedule.Shift(days: days, from: from, to: to, capacity: c))
        }
        return ok ? WeeklySchedule(shifts: shifts) : nil
    }

    func days(_ node: YNode, _ path: String) -> [Int]? {
        let all = ScenarioKeys.weekdays + ScenarioKeys.dayGroups.keys.sorted()
        let expected = "a list of mon, tue, wed, thu, fri, sat, sun, or one of daily, weekdays, weekends"
        if let s = scalar(node) {
            if let group = ScenarioKeys.dayGroups[s.lowercased()] { return group }
            if let d = ScenarioKeys.weekdays.firstIndex(of: s.lowercased()) { return [d] }
            report(node.location, path, found: "'\(s)'", expected: expected + Suggestion.hint(for: s, in: all))
            return nil
        }
        guard case .sequence(let items, _) = node, !items.isEmpty else { report(node, path, expected: expected); return nil }
        var out: [Int] = []
        for (i, item) in items.enumerated() {
            guard let s = scalar(item), let d = ScenarioKeys.weekdays.firstIndex(of: s.lowercased()) else {
                report(item.location, "\(path)[\(i)]", found: item.summary,
                       expected: "a day mon..sun" + Suggestion.hint(for: scalar(item) ?? "", in: ScenarioKeys.weekdays))
                return nil
            }
            out.append(d)
        }
        return out
    }

    /// "HH:MM" → hours since midnight; 24:00 allowed.
    func clock(_ node: YNode, _ path: String) -> Double? {
        let expected = "a time of day \"HH:MM\" from 00:00 to 24:00"
        guard let s = scalar(node) else { report(node, path, expected: expected); return nil }
        // YAML 1.1 may read 09:00 as a sexagesimal number; the scalar text is kept as written.
        let parts = s.split(separator: ":")
        guard parts.count == 2, let h = Int(parts[0]), let m = Int(parts[1]), (0...24).contains(h), (0..<60).contains(m),
              h < 24 || m == 0 else {
            report(node, path, expected: expected)
            return nil
        }
        return Double(h) + Double(m) / 60
    }

    /// Overflow chains must end: A full → B full → A would loop forever.
    /// A locality team is followed for each locality in turn.
    func checkOverflowCycles(_ stations: [Station], entries: [(key: String, keyLocation: YNode.Location, value: YNode)]) {
        guard stations.count == entries.count else { return }
        let levels = localitySpec.map { Array($0.levels.indices) } ?? [0]
        for start in stations.indices {
            for level in levels {
                var seen: Set<Int> = [start]
                var order = [start]
                var s = start
                var cycle = false
                while stations[s].overflow != Routing.exit && stations[s].queueLimit != nil {
                    s = Int(stations[s].overflow)
                    if s < -1, let spec = localitySpec {
                        s = stationNames.firstIndex(of: spec.copyName(Localities.family(Int32(s)), level)) ?? start
                    }
                    if s == start {
                        let chain = order.map { stations[$0].name }.joined(separator: " → ")
                        report(entries[start].value["overflow"]?.location ?? entries[start].keyLocation,
                               "stations.\(stations[start].name).overflow",
                               found: "an overflow cycle (\(chain) → \(stations[start].name))",
                               expected: "overflow chains that end at lost or a station without queue_limit")
                        cycle = true
                        break
                    }
                    if !seen.insert(s).inserted { break }
                    order.append(s)
                }
                if cycle { break }
            }
        }
    }
}
