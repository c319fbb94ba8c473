import FlowEngine

/// People's attributes, flow rules, rejection, deterioration and the access
/// model: the vocabulary a service system adds to the queueing core.
extension ScenarioReader {
    /// `attributes: {risk: [low, medium, high], complexity: [1, 2, 3, 4, 5]}`
    func attributes(_ node: YNode) -> [Attribute] {
        guard let e = entries(node, "attributes", what: "a mapping of attribute names to lists of levels") else { return [] }
        var out: [Attribute] = []
        for (name, location, value) in e {
            let path = "attributes.\(name)"
            guard case .sequence(let items, _) = value, !items.isEmpty else {
                report(value, path, expected: "a list of levels in order, such as [low, medium, high]")
                continue
            }
            let levels = items.enumerated().compactMap { string($1, "\(path)[\($0)]", expected: "a level name") }
            guard levels.count == items.count else { continue }
            if Set(levels).count != levels.count {
                report(value.location, path, found: "a level listed twice", expected: "distinct levels")
                continue
            }
            if levels.count > 64 {
                report(value.location, path, found: "\(levels.count) levels", expected: "at most 64 levels")
                continue
            }
            let reserved = ["waiting", "caseload", "in_service", "capacity", "and", "or", "not", "in"]
            if reserved.contains(name) {
                report(location, path, found: "the reserved name '\(name)'", expected: "an attribute name other than " + reserved.joined(separator: ", "))
                continue
            }
            out.append(Attribute(name: name, levels: levels))
        }
        return out
    }

    /// `mix: {risk: {low: 0.6, high: 0.4}}`: weights per level (normalised).
    func mix(_ node: YNode, _ path: String) -> [Distribution?]? {
        guard let e = entries(node, path, what: "a mapping of attribute names to level weights") else { return nil }
        var out = [Distribution?](repeating: nil, count: attributes.count)
        var ok = true
        for (name, location, value) in e {
            let p = join(path, name)
            guard let a = attributeIndex(name, location, p, whenNone: "attributes declared at the top level first") else {
                ok = false
                continue
            }
            guard let weights = entries(value, p, what: "a mapping of levels to weights, such as {low: 0.7, high: 0.3}") else {
                ok = false
                continue
            }
            var w = [Double](repeating: 0, count: attributes[a].levels.count)
            var weightsRead = true
            for (level, levelLocation, weight) in weights {
                guard let i = attributes[a].levels.firstIndex(of: level) else {
                    report(levelLocation, join(p, level), found: "'\(level)', which is not a level of \(name)",
                           expected: "one of " + attributes[a].levels.joined(separator: ", ") + Suggestion.hint(for: level, in: attributes[a].levels))
                    ok = false
                    weightsRead = false
                    continue
                }
                if let v = number(weight, join(p, level), expected: "a weight >= 0", valid: { $0 >= 0 }) { w[i] = v } else {
                    ok = false
                    weightsRead = false
                }
            }
            if weightsRead && w.reduce(0, +) <= 0 {
                report(value.location, p, found: "weights summing to 0", expected: "at least one positive weight")
                ok = false
                continue
            }
            out[a] = .choice(values: w.indices.map(Double.init), weights: w)
        }
        return ok ? out : nil
    }

    func expression(_ node: YNode, _ path: String) -> RuleExpression? {
        guard case .scalar(let text, let plain, let location) = node, !text.isEmpty else {
            report(node, path, expected: "an expression such as \"risk >= high or complexity >= 4\"")
            return nil
        }
        // Locality teams compile after the stations and become family codes, resolved per person.
        switch ExpressionParser.compile(text, attributes: attributes, stations: referableStations) {
        case .success(let e):
            let n = stationNames.count
            guard localitySpec != nil else { return e }
            func code(_ s: Int) -> Int { s < n ? s : Int(Localities.code(s - n)) }
            return RuleExpression(code: e.code.map { op in
                switch op {
                case .waiting(let s): .waiting(code(s))
                case .inService(let s): .inService(code(s))
                case .capacity(let s): .capacity(code(s))
                default: op
                }
            }, text: e.text)
        case .failure(let f):
            // Point at the character inside the expression (quoted scalars start one column later).
            report(YNode.Location(file: location.file, line: location.line, column: location.column + (plain ? 0 : 1) + f.offset),
                   path, found: "\(f.found) at character \(f.offset + 1) of \"\(text)\"", expected: f.expected)
            return nil
        }
    }

    /// Reads `rules`, `decide`, `acceptance`, `on_reject`, `deterioration`
    /// and `priority_by` into a station.
    func flowRules(_ f: [String: YNode], _ path: String, station: inout Station) -> Bool {
        var ok = true
        var reasons: [String] = []
        func reasonIndex(_ name: String) -> Int {
            if let i = reasons.firstIndex(of: name) { return i }
            reasons.append(name)
            return reasons.count - 1
        }
        if let node = f["rules"] {
            if case .sequence(let items, _) = node {
                for (i, item) in items.enumerated() {
                    if let r = rule(item, "\(path).rules[\(i)]", reason: reasonIndex) { station.rules.append(r) } else { ok = false }
                }
            } else {
                report(node, join(path, "rules"), expected: "a list of rules such as {when: \"risk >= high\", decision: redirect, to: crht, reason: high_risk}")
                ok = false
            }
        }
        if let node = f["decide"], let s = string(node, join(path, "decide"), expected: "on_arrival or after_service") {
            if let p = Station.RulePoint(rawValue: s) { station.rulePoint = p } else {
                report(node.location, join(path, "decide"), found: "'\(s)'",
                       expected: "on_arrival or after_service" + Suggestion.hint(for: s, in: ScenarioKeys.rulePoints))
                ok = false
            }
        }
        if let node = f["acceptance"] {
            let p = join(path, "acceptance")
            if let a = fields(node, p, allowed: ScenarioKeys.acceptance, what: "an acceptance mapping with load, probability and reason"),
               let loadNode = required(a, "load", in: node, p, expected: "a list of loads (in the queue and in service, over capacity), increasing"),
               let probNode = required(a, "probability", in: node, p, expected: "a list of acceptance probabilities, one per load"),
               let reasonNode = required(a, "reason", in: node, p, expected: "a reason name for rejections, such as capacity"),
               let load = numberList(loadNode, join(p, "load"), count: nil, expected: "a list of loads >= 0"),
               let prob = numberList(probNode, join(p, "probability"), count: load.count, expected: "\(load.count) probabilities, one per load"),
               let reason = string(reasonNode, join(p, "reason"), expected: "a reason name") {
                if load.isEmpty || zip(load, load.dropFirst()).contains(where: { $0.1 <= $0.0 }) {
                    report(loadNode, join(p, "load"), expected: "a non-empty list of loads in increasing order")
                    ok = false
                } else if prob.contains(where: { $0 > 1 }) {
                    report(probNode, join(p, "probability"), expected: "probabilities between 0 and 1")
                    ok = false
                } else if station.rulePoint == .afterService {
                    report(node.location, p, found: "an acceptance curve with decide: after_service",
                           expected: "acceptance only with decide: on_arrival (it judges referrals)")
                    ok = false
                } else {
                    station.acceptance = AcceptanceCurve(load: load, probability: prob, reason: reasonIndex(reason))
                }
            } else { ok = false }
        }
        if let node = f["on_reject"] {
            let p = join(path, "on_reject")
            if let r = fields(node, p, allowed: ScenarioKeys.onReject, what: "an on_reject mapping with re_refer and after") {
                let share = r["re_refer"].flatMap { probability($0, join(p, "re_refer")) }
                let after = r["after"].flatMap { distribution($0, join(p, "after"), dimension: .duration) }
                if (r["re_refer"] != nil && share == nil) || (r["after"] != nil && after == nil) { ok = false }
                if let share, share > 0, after == nil, r["after"] == nil {
                    report(node.location, join(p, "after"), found: "nothing (the key is missing)",
                           expected: "the delay before a re-referral, such as {distribution: exponential, mean: 8 weeks}")
                    ok = false
                }
                station.rejection = Rejection(reReferral: share ?? 0, delay: after)
            } else { ok = false }
        }
        if let node = f["deterioration"] {
            if let d = deterioration(node, join(path, "deterioration")) { station.deterioration = d } else { ok = false }
        }
        if let node = f["escalation"] {
            let p = join(path, "escalation")
            if station.diary != nil || f["diary"] != nil {
                report(node.location, p, found: "escalation at a diary station", expected: "escalation only where people queue")
                ok = false
            } else if let e = fields(node, p, allowed: ScenarioKeys.escalation, what: "an escalation mapping with by and time_to_rise"),
                      let byNode = required(e, "by", in: node, p, expected: "the attribute that rises, such as risk"),
                      let timesNode = required(e, "time_to_rise", in: node, p, expected: "a mapping of levels to times to the next level"),
                      let (a, times) = levelDistributions(byNode, timesNode, p, timesKey: "time_to_rise") {
                station.escalation = Escalation(attribute: a, timeToRise: times)
            } else { ok = false }
        }
        if let node = f["priority_by"], let name = string(node, join(path, "priority_by"), expected: "an attribute name") {
            if let a = attributeIndex(name, node.location, join(path, "priority_by")) {
                if station.discipline != .priority {
                    report(node.location, join(path, "priority_by"), found: "priority_by with discipline \(station.discipline.rawValue)",
                           expected: "discipline: priority")
                    ok = false
                } else { station.priorityAttribute = a }
            } else {
                ok = false
            }
        }
        station.reasons = reasons
        return ok
    }

    func rule(_ node: YNode, _ path: String, reason: (String) -> Int) -> FlowRule? {
        guard let f = fields(node, path, allowed: ScenarioKeys.rule, what: "a rule mapping with when, decision and reason") else { return nil }
        let condition = f["when"].map { expression($0, join(path, "when")) }
        guard let decisionNode = required(f, "decision", in: node, path, expected: "one of " + ScenarioKeys.decisions.joined(separator: ", ")),
              let d = string(decisionNode, join(path, "decision"), expected: "one of " + ScenarioKeys.decisions.joined(separator: ", ")),
              let reasonNode = required(f, "reason", in: node, path, expected: "a reason name, counted in the results (such as too_complex)"),
              let reasonName = string(reasonNode, join(path, "reason"), expected: "a reason name")
        else { return nil }
        if reasonName.contains(",") || reasonName.contains("\"") {
            report(reasonNode, join(path, "reason"), expected: "a reason name without commas or quotes")
            return nil
        }
        let adherence = f["adherence"].map { probability($0, join(path, "adherence")) }
        var target: Int32?
        if let to = f["to"], let name = string(to, join(path, "to"), expected: "a station name") {
            guard let i = stationIndex(name, to.location, join(path, "to")) else { return nil }
            target = Int32(i)
        }
        let decision: Decision
        switch d {
        case "accept": decision = .accept
        case "reject": decision = .reject
        case "discharge": decision = .discharge
        case "signpost": decision = .signpost(target ?? Routing.exit)
        case "redirect":
            guard let target else {
                report(node.location, join(path, "to"), found: "nothing (the key is missing)", expected: "the station a redirect passes people to")
                return nil
            }
            decision = .redirect(target)
        default:
            report(decisionNode.location, join(path, "decision"), found: "'\(d)'",
                   expected: "one of " + ScenarioKeys.decisions.joined(separator: ", ") + Suggestion.hint(for: d, in: ScenarioKeys.decisions))
            return nil
        }
        if f["to"] != nil, !["redirect", "signpost"].contains(d) {
            report(f["to"]!.location, join(path, "to"), found: "to with decision \(d)", expected: "to only with redirect or signpost")
            return nil
        }
        guard condition == nil || condition! != nil, adherence == nil || adherence! != nil else { return nil }
        return FlowRule(condition: condition ?? nil, decision: decision, reason: reason(reasonName), adherence: (adherence ?? 1) ?? 1)
    }

    /// An attribute name and a mapping of its levels to durations.
    func levelDistributions(_ byNode: YNode, _ timesNode: YNode, _ path: String, timesKey: String) -> (Int, [Distribution?])? {
        guard let by = string(byNode, join(path, "by"), expected: "an attribute name") else { return nil }
        guard let a = attributeIndex(by, byNode.location, join(path, "by")) else { return nil }
        var times = [Distribution?](repeating: nil, count: attributes[a].levels.count)
        guard let e = entries(timesNode, join(path, timesKey), what: "a mapping of levels to distributions") else { return nil }
        var ok = true
        for (level, location, value) in e {
            let p = join(join(path, timesKey), level)
            guard let i = attributes[a].levels.firstIndex(of: level) else {
                report(location, p, found: "'\(level)', which is not a level of \(by)",
                       expected: "one of " + attributes[a].levels.joined(separator: ", ") + Suggestion.hint(for: level, in: attributes[a].levels))
                ok = false
                continue
            }
            if let d = distribution(value, p, dimension: .duration) { times[i] = d } else { ok = false }
        }
        return ok ? (a, times) : nil
    }

    func deterioration(_ node: YNode, _ path: String, allowed: [String] = ScenarioKeys.deterioration) -> Deterioration? {
        guard let f = fields(node, path, allowed: allowed, what: "a deterioration mapping with by, time_to_crisis and routes"),
              let byNode = required(f, "by", in: node, path, expected: "the attribute that sets the time to crisis, such as risk"),
              let timesNode = required(f, "time_to_crisis", in: node, path, expected: "a mapping of levels to time-to-crisis distributions"),
              let routesNode = required(f, "routes", in: node, path, expected: "a list of crisis stations in order of preference")
        else { return nil }
        let levels = levelDistributions(byNode, timesNode, path, timesKey: "time_to_crisis")
        var ok = levels != nil
        var routes: [Int32] = []
        let names: [YNode]
        if case .sequence(let items, _) = routesNode { names = items } else { names = [routesNode] }
        for (i, n) in names.enumerated() {
            let p = "\(join(path, "routes"))[\(i)]"
            guard let name = string(n, p, expected: "a station name") else { ok = false; continue }
            guard let s = stationIndex(name, n.location, p) else {
                ok = false
                continue
            }
            routes.append(Int32(s))
        }
        if routes.isEmpty && ok {
            report(routesNode, join(path, "routes"), expected: "at least one crisis station")
            ok = false
        }
        guard ok, let (a, times) = levels else { return nil }
        return Deterioration(attribute: a, timeToCrisis: times, routes: routes)
    }
}
