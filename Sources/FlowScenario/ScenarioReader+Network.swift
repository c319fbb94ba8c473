import FlowEngine

extension ScenarioReader {
    static let maxMeanBatch = 100_000.0

    /// Reads the whole merged tree; nil when any problem was found.
    func readScenario(_ root: YNode) -> (name: String, description: String, model: NetworkModel, replications: Int, seed: UInt64)? {
        guard let top = fields(root, "", allowed: ScenarioKeys.top, what: "a scenario mapping with name, run, sources and stations") else {
            return nil
        }
        let name = required(top, "name", in: root, "", expected: "a scenario name").flatMap { string($0, "name") }
        let description = top["description"].flatMap { string($0, "description") } ?? ""

        var duration: Double?, warmUp = 0.0, replications = 10, seed: UInt64 = 1
        var generator = "mt19937", calendar = SimCalendar.standard
        if let runNode = required(top, "run", in: root, "", expected: "a run mapping with at least duration"),
           let run = fields(runNode, "run", allowed: ScenarioKeys.run, what: "a run mapping with at least duration") {
            duration = required(run, "duration", in: runNode, "run", expected: "a duration > 0 such as \"365 days\"")
                .flatMap { self.duration($0, "run.duration", allowZero: false) }
            if let n = run["warm_up"], let w = self.duration(n, "run.warm_up") {
                warmUp = w
                if let duration, w >= duration {
                    report(n, "run.warm_up", expected: "a warm-up shorter than run.duration")
                }
            }
            if let n = run["replications"],
               let r = integer(n, "run.replications", expected: "an integer >= 1", valid: { $0 >= 1 }) { replications = r }
            if let n = run["seed"], let s = integer(n, "run.seed", expected: "an integer >= 0", valid: { $0 >= 0 }) {
                seed = UInt64(s)
            }
            if let n = run["generator"], let g = string(n, "run.generator") {
                if RandomStream.availableGenerators.contains(g) { generator = g } else {
                    report(n.location, "run.generator", found: "unknown generator '\(g)'",
                           expected: "a GSL generator name such as mt19937, ranlxd2, taus2"
                           + Suggestion.hint(for: g, in: RandomStream.availableGenerators))
                }
            }
            if let n = run["start"], let c = date(n, "run.start") { calendar = c }
        }

        if let node = top["attributes"] { attributes = self.attributes(node) }
        var groupAttribute: Int?
        if let node = top["groups"], let name = string(node, "groups", expected: "the attribute whose levels are population groups") {
            groupAttribute = attributeIndex(name, node.location, "groups")
        }
        var standards: [Double] = []
        if let node = top["standards"] {
            if case .sequence(let items, _) = node {
                for (i, item) in items.enumerated() {
                    if let d = self.duration(item, "standards[\(i)]", allowZero: false) { standards.append(d) }
                }
            } else {
                report(node, "standards", expected: "a list of waiting-time standards such as [4 weeks, 18 weeks]")
            }
        }

        var missingMiddle = Double.infinity
        if let node = top["missing_middle"], let w = missingMiddleWindow(node) { missingMiddle = w }

        // Station names first: sources and routing refer to them.
        var stationEntries: [(key: String, keyLocation: YNode.Location, value: YNode)] = []
        if let node = required(top, "stations", in: root, "", expected: "a mapping of station names to stations"),
           let e = entries(node, "stations", what: "a mapping of station names to stations") {
            stationEntries = e
            if e.isEmpty { report(node.location, "stations", found: "no stations", expected: "at least one station") }
        }
        var localityOf = [Int?](repeating: nil, count: stationEntries.count)
        if let node = top["localities"], let spec = localitySpec(node, stations: stationEntries) {
            let expanded = expandLocalities(spec, stationEntries, teamsNode: node["teams"])
            stationEntries = expanded.map(\.0)
            localityOf = expanded.map(\.1)
            localitySpec = spec
        }
        stationNames = stationEntries.map(\.key)
        let access = top["access"].flatMap { self.access($0) }
        for (key, location, _) in stationEntries where ScenarioKeys.reservedStationNames.contains(key) {
            report(location, "stations.\(key)", found: "the reserved name '\(key)'",
                   expected: "a station name other than " + ScenarioKeys.reservedStationNames.joined(separator: ", "))
        }

        var sources: [Source] = []
        var directSources: Set<Int> = []
        if let node = required(top, "sources", in: root, "", expected: "a mapping of source names to arrival streams"),
           let e = entries(node, "sources", what: "a mapping of source names to arrival streams") {
            if e.isEmpty { report(node.location, "sources", found: "no sources", expected: "at least one source") }
            for (key, _, value) in e {
                if let s = source(key, value, "sources.\(key)", stations: stationNames) {
                    if let d = value["direct"], let direct = bool(d, "sources.\(key).direct"), direct {
                        directSources.insert(sources.count)
                    }
                    sources.append(s)
                }
            }
        }
        var stations: [Station] = []
        for (i, (key, _, value)) in stationEntries.enumerated() {
            currentLocality = localityOf[i]
            if let s = station(key, value, "stations.\(key)", stations: stationNames) { stations.append(s) }
        }
        currentLocality = nil
        if let spec = localitySpec { checkLocalities(spec, stations, Array(zip(stationEntries, localityOf))) }
        checkOverflowCycles(stations, entries: stationEntries)
        for (i, st) in stations.enumerated() where st.diary != nil && stations.count == stationEntries.count {
            for member in st.diary!.pool where stations[Int(member)].diary == nil {
                report(stationEntries[i].value["diary"]?["pool"]?.location ?? stationEntries[i].keyLocation,
                       "stations.\(st.name).diary.pool", found: "'\(stations[Int(member)].name)', which has no diary",
                       expected: "stations with diaries to pool with")
            }
        }
        if let access, problems.isEmpty { apply(access, sources: &sources, stations: &stations, directSources: directSources) }

        guard problems.isEmpty, let name, let duration else { return nil }
        var model = NetworkModel(name: name, sources: sources, stations: stations, duration: duration,
                                 warmUp: warmUp, calendar: calendar, generator: generator)
        model.attributes = attributes
        model.groupAttribute = groupAttribute
        model.standards = standards
        model.missingMiddleWindow = missingMiddle
        model.localities = localitySpec.map { localities($0) }
        return (name, description, model, replications, seed)
    }

    func date(_ node: YNode, _ path: String) -> SimCalendar? {
        let expected = "a date written YYYY-MM-DD"
        guard let s = scalar(node) else { report(node, path, expected: expected); return nil }
        let parts = s.split(separator: "-").map { Int($0) }
        guard parts.count == 3, let y = parts[0], let m = parts[1], let d = parts[2],
              (1...9999).contains(y), SimCalendar.isValid(year: y, month: m, day: d) else {
            report(node, path, expected: expected)
            return nil
        }
        return SimCalendar(year: y, month: m, day: d)
    }

    func source(_ name: String, _ node: YNode, _ path: String, stations: [String]) -> Source? {
        guard let f = fields(node, path, allowed: ScenarioKeys.source, what: "a source mapping with rate (or interarrival) and to") else {
            return nil
        }
        var arrivals: Source.Arrivals?
        switch (f["rate"], f["interarrival"]) {
        case (let r?, nil):
            if let rate = rate(r, join(path, "rate")) {
                if let p = f["profile"] {
                    if let profile = profile(p, join(path, "profile")) {
                        // Thinning draws candidates at the peak rate inside one event: keep it finite and sane.
                        if !(rate * profile.peakMultiplier <= 1e7) {
                            report(p.location, join(path, "profile"), found: "a peak rate of \(rate * profile.peakMultiplier) per day",
                                   expected: "rate × the largest multipliers at most 10,000,000 per day")
                        } else { arrivals = .profile(ratePerDay: rate, profile) }
                    }
                } else {
                    arrivals = .poisson(ratePerDay: rate)
                }
            }
        case (nil, let i?):
            if let p = f["profile"] {
                report(p.location, join(path, "profile"), found: "a profile with interarrival",
                       expected: "a profile only with rate (thinning needs a Poisson rate)")
            }
            if let d = distribution(i, join(path, "interarrival"), dimension: .duration) {
                if d.mean <= 0 {
                    report(i.location, join(path, "interarrival"), found: "a mean inter-arrival time of 0",
                           expected: "a distribution with a positive mean")
                } else { arrivals = .renewal(d) }
            }
        case (let r?, _?):
            report(r.location, join(path, "rate"), found: "both rate and interarrival", expected: "exactly one of them")
        case (nil, nil):
            report(node.location, join(path, "rate"), found: "nothing (the key is missing)",
                   expected: "a rate such as \"12 per day\" (or an interarrival distribution)")
        }
        var batch = f["batch"].flatMap { distribution($0, join(path, "batch"), dimension: .count) }
        if let b = batch, b.mean > Self.maxMeanBatch {
            // A batch is created in one event; an absurd size would exhaust memory, not simulate.
            report(f["batch"]!.location, join(path, "batch"), found: "a mean batch size of \(b.mean)",
                   expected: "a mean batch size of at most \(Int(Self.maxMeanBatch))")
            batch = nil
        }
        let route = required(f, "to", in: node, path, expected: "a station name or a mapping of station names to probabilities")
            .flatMap { routing($0, join(path, "to"), stations: stations, mustSumToOne: true) }
        let priority = f["priority"].map { integer($0, join(path, "priority"), expected: "an integer >= 0 (0 is most urgent)", valid: { $0 >= 0 && $0 < 1000 }) }
        let limit = f["limit"].map { integer($0, join(path, "limit"), expected: "an integer >= 1", valid: { $0 >= 1 }) }
        let mix = f["mix"].map { self.mix($0, join(path, "mix")) }
        guard let arrivals, let route, f["batch"] == nil || batch != nil,
              priority == nil || priority! != nil, limit == nil || limit! != nil, mix == nil || mix! != nil else { return nil }
        var source = Source(name: name, arrivals: arrivals, batch: batch, route: route,
                            priority: (priority ?? 0) ?? 0, limit: limit ?? nil)
        source.mix = (mix ?? nil) ?? []
        return source
    }

    func profile(_ node: YNode, _ path: String) -> ArrivalProfile? {
        guard let f = fields(node, path, allowed: ScenarioKeys.profile, what: "a profile mapping with hourly, weekly or monthly multipliers") else {
            return nil
        }
        var p = ArrivalProfile()
        var ok = true
        for (key, n) in [("hourly", 24), ("weekly", 7), ("monthly", 12)] {
            guard let v = f[key] else { continue }
            if let list = numberList(v, join(path, key), count: n, expected: "\(n) multipliers >= 0") {
                switch key {
                case "hourly": p.hourly = list
                case "weekly": p.weekly = list
                default: p.monthly = list
                }
            } else { ok = false }
        }
        guard ok else { return nil }
        if p.peakMultiplier <= 0 {
            report(node.location, path, found: "all multipliers 0", expected: "at least one positive multiplier in each list")
            return nil
        }
        return p
    }

    /// A station name, or a mapping of names (and `exit`) to probabilities.
    func routing(_ node: YNode, _ path: String, stations: [String], mustSumToOne: Bool) -> Routing? {
        if case .scalar = node {
            guard let s = string(node, path, expected: "a station name") else { return nil }
            return stationIndex(s, node.location, path).map { .to($0) }
        }
        guard let pairs = entries(node, path, what: "a station name or a mapping of station names to probabilities") else {
            return nil
        }
        var out: [(station: Int, probability: Double)] = []
        var total = 0.0, ok = true, explicitExit = false
        for (key, location, value) in pairs {
            guard let p = probability(value, join(path, key)) else { ok = false; continue }
            total += p
            if key == "exit" { explicitExit = true; continue }
            guard let i = stationIndex(key, location, join(path, key), alternatives: ["exit"]) else {
                ok = false
                continue
            }
            out.append((i, p))
        }
        guard ok else { return nil }
        if total > 1 + 1e-9 {
            report(node.location, path, found: "probabilities summing to \(total)", expected: "a sum of at most 1")
            return nil
        }
        if (mustSumToOne || explicitExit) && abs(total - 1) > 1e-9 {
            report(node.location, path, found: "probabilities summing to \(total)",
                   expected: mustSumToOne ? "a sum of exactly 1" : "a sum of exactly 1 when exit is given")
            return nil
        }
        return Routing(out)
    }
}
