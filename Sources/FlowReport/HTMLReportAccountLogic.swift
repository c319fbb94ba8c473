import FlowEngine
import Foundation

/// STRESS-DES section 2, the model's logic: an overview in words, then its
/// components (people and their attributes; teams with capacity, service,
/// queue, flow rules and routing; entry and exit points).
enum ModelLogic {
    static func render(_ c: ReportContext) -> String {
        var s = ModelAccount.heading(1)
        s += ModelAccount.item("2.1 Base model overview diagram")
        s += "<p>The flow matrix in section <a href=\"#flows\">Flows between teams</a> is the model's map: every route "
            + "from a source or a team to another team, with the number of people who took it.</p>\n"
        s += ModelAccount.item("2.2 Base model logic")
        s += "<p>" + overview(c) + "</p>\n"
        s += ModelAccount.item("2.3 Scenario logic")
        s += "<p>A single scenario, as described in the file" + (c.info.files.count > 1 ? "s " : " ")
            + c.info.files.map(HTML.code).joined(separator: ", ") + ".</p>\n"
        s += ModelAccount.item("2.4 Algorithms")
        s += "<ul>\n<li>Arrivals with a daily, weekly or monthly profile: non-stationary Poisson process by thinning "
            + "(Lewis and Shedler).</li>\n<li>Flow rules: conditions over attributes and the state of the system "
            + "(<code>waiting(team)</code>, <code>caseload(team)</code>, <code>capacity(team)</code>) are evaluated in "
            + "order; the first that holds and is adhered to decides; no match accepts.</li>\n"
            + "<li>Informal acceptance: the probability of acceptance is interpolated linearly in the team's load "
            + "(people waiting and in service per server) between the stated points.</li>\n"
            + "<li>Sampling of every distribution through GSL.</li>\n</ul>\n"
        s += ModelAccount.item("2.5 Components")
        s += entities(c)
        s += teams(c)
        s += rules(c)
        s += "<h5>2.5.5 Entry and exit points</h5>\n<p>People enter from the \(c.model.sources.count) referral "
            + "source\(c.model.sources.count == 1 ? "" : "s") listed under 3.3. They leave after service when no onward "
            + "route is drawn, when a rule signposts them away or discharges them, when rejected and not re-referred, "
            + "when they give up waiting (patience) or refuse to join a queue (balking), or when a full team with no "
            + "overflow turns them away.</p>\n"
        return s
    }

    static func overview(_ c: ReportContext) -> String {
        let m = c.model
        var s = "People are referred from \(m.sources.count) source\(m.sources.count == 1 ? "" : "s") ("
            + m.sources.map { HTML.code($0.name) }.joined(separator: ", ") + ") to \(m.stations.count) teams. "
        if !m.attributes.isEmpty {
            s += "Each person is given \(m.attributes.count == 1 ? "an attribute" : "attributes") ("
                + m.attributes.map { HTML.code($0.name) }.joined(separator: ", ") + ") at referral. "
        }
        let ruled = m.stations.filter { !$0.rules.isEmpty || $0.acceptance != nil }
        if !ruled.isEmpty {
            s += "At \(ruled.count) team\(ruled.count == 1 ? "" : "s") flow rules decide, on referral or after a "
                + "screening service, whether a person is accepted, rejected back to the referrer, redirected or "
                + "signposted. "
        }
        s += "Those accepted wait in the team's queue (first come, first served, or by priority) for a member of "
            + "staff or a place; capacity can follow a weekly schedule. After service they move on by the team's "
            + "routing and outcome probabilities (onward, step down, step up) or leave the system."
        if m.stations.contains(where: { $0.deterioration != nil }) {
            s += " While waiting, some people reach a crisis and go to a crisis service instead."
        }
        return s
    }

    static func entities(_ c: ReportContext) -> String {
        var s = "<h5>2.5.1 Entities</h5>\n<p>People (service users), each followed individually from referral to leaving."
        if c.model.attributes.isEmpty { return s + "</p>\n" }
        s += " Their attributes, levels in order:</p>\n"
        var rows: [[String]] = []
        for (i, a) in c.model.attributes.enumerated() {
            var uses: [String] = []
            if c.model.groupAttribute == i { uses.append("population groups in results") }
            let prioritised = c.model.stations.filter { $0.priorityAttribute == i }.map(\.name)
            if !prioritised.isEmpty { uses.append("priority at " + prioritised.map(HTML.escape).joined(separator: ", ")) }
            if c.model.stations.contains(where: { $0.deterioration?.attribute == i }) { uses.append("time to crisis") }
            rows.append([HTML.code(a.name), a.levels.map(HTML.escape).joined(separator: ", "),
                         uses.isEmpty ? "rules" : uses.joined(separator: "; ")])
        }
        return s + Block.table(caption: "Attributes", header: ["Attribute", "Levels", "Used for"], rows: rows, numericFrom: 9)
    }

    static func teams(_ c: ReportContext) -> String {
        let names = c.model.stations.map(\.name)
        var rows: [[String]] = []
        for st in c.model.stations {
            var queue: [String] = []
            if st.discipline == .priority {
                queue.append(st.priorityAttribute.map { "priority by \(c.model.attributes[$0].name), highest first" }
                             ?? "priority by source")
            } else {
                queue.append("first come, first served")
            }
            if let l = st.queueLimit {
                let to = st.overflow != Routing.exit ? "sent to \(c.model.destinationName(st.overflow))" : "turned away"
                queue.append(l == 0 ? "no waiting places; when full, \(to)" : "\(l) waiting places; when full, \(to)")
            }
            if let p = st.patience { queue.append("patience " + Describe.distribution(p)) }
            if let b = st.balking {
                queue.append("\(Fmt.parameterPercent(b.probability)) refuse to join when \(b.threshold) or more wait")
            }
            rows.append([HTML.escape(st.name), st.function.map(\.rawValue) ?? "–", HTML.escape(Describe.capacity(st)),
                         HTML.escape(Describe.distribution(st.service)), HTML.escape(queue.joined(separator: "; ")),
                         HTML.escape(Describe.routing(st.routing, names: names, families: c.model.localities?.names ?? [])), HTML.escape(Describe.costs(st.costs))])
        }
        return "<h5>2.5.2–2.5.4 Activities, resources and queues</h5>\n<p>Each team is an activity (its service), a "
            + "resource (staff or places, as capacity) and a queue.</p>\n"
            + "<div class=\"scroll\">" + Block.table(caption: "Teams", header: ["Team", "Function", "Capacity", "Service time",
                                                                               "Queue", "After service", "Unit costs"],
                                                     rows: rows, numericFrom: 9, className: "data account") + "</div>\n"
    }

    /// Flow rules, acceptance curves, rejections, crises and rising need, per team.
    static func rules(_ c: ReportContext) -> String {
        let names = c.model.stations.map(\.name)
        var rows: [[String]] = []
        for st in c.model.stations {
            let when = st.rulePoint == .afterService ? "after service" : "on referral"
            for (k, r) in st.rules.enumerated() {
                let reason = r.reason < st.reasons.count ? st.reasons[r.reason] : "–"
                rows.append([HTML.escape(st.name), "\(k + 1) (\(when))",
                             r.condition.map { HTML.code($0.text) } ?? "always",
                             HTML.escape(Describe.decision(r.decision, names: names, families: c.model.localities?.names ?? [])), HTML.escape(reason),
                             Fmt.parameterPercent(r.adherence)])
            }
            if let a = st.acceptance {
                let points = zip(a.load, a.probability).map { "load \(Fmt.number($0)): \(Fmt.parameterPercent($1))" }
                let reason = a.reason < st.reasons.count ? st.reasons[a.reason] : "–"
                rows.append([HTML.escape(st.name), "informal (on referral)",
                             "accepted with a probability that falls with load (" + HTML.escape(points.joined(separator: ", ")) + ")",
                             HTML.escape("otherwise " + Describe.decision(a.decision, names: names, families: c.model.localities?.names ?? [])), HTML.escape(reason), "–"])
            }
        }
        var s = "<h5>Flow rules</h5>\n"
        if rows.isEmpty {
            s += "<p>No team has flow rules: everyone referred is accepted.</p>\n"
        } else {
            s += "<p>In order at each team; the first rule whose condition holds decides, applied with the stated adherence "
                + "(the rest of the time practitioners pass over the rule).</p>\n"
            s += "<div class=\"scroll\">" + Block.table(caption: "Flow rules", header: ["Team", "Rule", "When", "Decision",
                                                                                      "Reason", "Adherence"],
                                                        rows: rows, numericFrom: 5, className: "data account") + "</div>\n"
        }
        var other: [String] = []
        for st in c.model.stations {
            let name = HTML.code(st.name)
            if st.rejection.reReferral > 0 {
                other.append("\(name): rejected people are re-referred with probability \(Fmt.parameterPercent(st.rejection.reReferral))"
                             + (st.rejection.delay.map { " after " + HTML.escape(Describe.distribution($0)) } ?? "") + ".")
            }
            if let d = st.deterioration, d.attribute < c.model.attributes.count {
                let a = c.model.attributes[d.attribute]
                let times = zip(a.levels, d.timeToCrisis).compactMap { level, t in
                    t.map { "\(HTML.escape(level)): \(HTML.escape(Describe.distribution($0)))" }
                }
                let routes = d.routes.map { HTML.code(c.stationName($0)) }.joined(separator: ", then ")
                other.append("\(name): while waiting, time to crisis by \(HTML.code(a.name)) — " + times.joined(separator: "; ")
                             + "; crisis route \(routes) (the first open at the time).")
            }
            if let e = st.escalation, e.attribute < c.model.attributes.count {
                let a = c.model.attributes[e.attribute]
                let times = zip(a.levels, e.timeToRise).compactMap { level, t in
                    t.map { "from \(HTML.escape(level)): \(HTML.escape(Describe.distribution($0)))" }
                }
                other.append("\(name): while waiting, \(HTML.code(a.name)) rises one level after " + times.joined(separator: "; ") + ".")
            }
        }
        if !other.isEmpty {
            s += "<h5>Rejection, crisis and rising need</h5>\n<ul>\n" + other.map { "<li>\($0)</li>\n" }.joined() + "</ul>\n"
        }
        return s
    }
}
