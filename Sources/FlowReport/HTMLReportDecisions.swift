import FlowEngine
import FlowStats
import Foundation

/// Section: rejections, redirections and signposting by team and by
/// reason (`reason:<name>` metrics).
enum DecisionsSection {
    struct Kind {
        var measure: StationMeasure
        var name: String
        var color: String
        /// One word, for chart notes.
        var short: String
    }

    static let kinds = [
        Kind(measure: .rejected, name: "Rejected", color: Palette.red, short: "rejected"),
        Kind(measure: .redirected, name: "Redirected", color: Palette.orange, short: "redirected"),
        Kind(measure: .signposted, name: "Signposted", color: Palette.lightBlue, short: "signposted"),
        Kind(measure: .discharged, name: "Discharged unseen", color: Palette.grey, short: "discharged"),
    ]

    static func render(_ c: ReportContext) -> String {
        let used = kinds.filter { k in c.model.stations.contains { c.mean(k.measure, $0.name) > 0 } }
        let stations = c.model.stations.filter { st in kinds.contains { c.mean($0.measure, st.name) > 0 } }
        guard !used.isEmpty else {
            return Block.note("No team rejected, redirected or signposted anyone in this scenario.")
        }
        var s = "<p>What the teams' flow rules decided about the people referred to them, over "
            + "\(Fmt.period(c.observedDays)). <strong>Rejected</strong>: sent back to the referrer; "
            + "<strong>redirected</strong>: passed on to another team (a hand-off); <strong>signposted</strong>: pointed "
            + "to another service.</p>\n"
        s += byTeam(c, stations, used)
        s += byReason(c)
        return s
    }

    static func byTeam(_ c: ReportContext, _ stations: [Station], _ used: [Kind]) -> String {
        let series = used.map { IntervalChart.Series(name: $0.name, color: $0.color, marker: .bar) }
        var rows: [IntervalChart.Row] = []
        var numbers: [[String]] = []
        for st in stations {
            let sums = used.map { c.summary($0.measure, st.name) }
            let note = zip(used, sums).filter { $1.mean > 0 }.map { "\($0.short) \(Fmt.number($1.mean))" }
            rows.append(.init(label: st.name, values: sums.map { c.chartValue($0) }, note: note.joined(separator: " · "),
                              tooltips: zip(used, sums).map { "\(st.name): \($0.name.lowercased()) \(Fmt.interval($1, .count))" }))
            var r = [HTML.escape(st.name), Fmt.interval(c.summary(.arrivals, st.name), .count)]
            for k in used {
                r.append(Fmt.interval(c.summary(k.measure, st.name), .count) + " <span class=\"pct\">("
                         + Fmt.percent(c.ratio(k.measure.rawValue, StationMeasure.arrivals.rawValue, st.name).mean) + ")</span>")
            }
            r.append(Fmt.interval(c.summary(.reReferrals, st.name), .count))
            numbers.append(r)
        }
        let chart = IntervalChart(
            id: "chart-decisions", title: "Rejections, redirections and signposting by team",
            summary: "Counts of each decision by the flow rules of \(stations.count) teams over the observed period, with intervals.",
            series: series, rows: rows)
        var s = Block.figure(chart.svg(), caption: "Decisions over \(Fmt.period(c.observedDays)). "
                             + "Whiskers: \(c.level) confidence intervals.")
        s += Block.dataTable(caption: "Decisions by team (percentage of referrals to the team)",
                             header: ["Team", "Referrals"] + used.map(\.name) + ["Re-referred after rejection"], rows: numbers)
        return s
    }

    static func byReason(_ c: ReportContext) -> String {
        var rows: [IntervalChart.Row] = []
        var numbers: [[String]] = []
        for (i, st) in c.model.stations.enumerated() {
            for (r, reason) in st.reasons.enumerated() {
                let sum = c.summary(NetworkMetrics.reasonPrefix + reason, st.name)
                guard sum.mean.isFinite else { continue }
                let what = decisionText(c, i, reason: r)
                let color = kindColor(c, i, reason: r)
                rows.append(.init(label: "\(st.name): \(reason)", values: [c.chartValue(sum)],
                                  note: "\(Fmt.interval(sum, .count)) · \(what)",
                                  tooltips: ["\(st.name), \(reason): \(Fmt.interval(sum, .count)) (\(what))"], color: color))
                numbers.append([HTML.escape(st.name), HTML.escape(reason), HTML.escape(what), Fmt.interval(sum, .count)])
            }
        }
        guard !rows.isEmpty else { return "" }
        let chart = IntervalChart(
            id: "chart-reasons", title: "Decisions by team and reason",
            summary: "Counts of flow-rule decisions at each team by the reason given, coloured by the kind of decision.",
            series: [.init(name: "Decisions", color: Palette.grey, marker: .bar)], rows: rows)
        var s = "<h3>By reason</h3>\n<p>Each rule names a reason; the bars count how often each reason was given. "
            + "Colours: " + kinds.map { "<span class=\"legend-key\"><span class=\"swatch\" style=\"background:\($0.color)\"></span>\($0.short)</span>" }
                .joined(separator: ", ") + ".</p>\n"
        s += Block.figure(chart.svg(), caption: "Counts over \(Fmt.period(c.observedDays)). Whiskers: \(c.level) confidence intervals.")
        s += Block.dataTable(caption: "Decisions by team and reason", header: ["Team", "Reason", "Decision", "Count"], rows: numbers)
        return s
    }

    /// The decisions of the rules (and acceptance curve) that give this reason.
    static func decisions(_ c: ReportContext, _ station: Int, reason: Int) -> [Decision] {
        let st = c.model.stations[station]
        var out = st.rules.filter { $0.reason == reason }.map(\.decision)
        if let a = st.acceptance, a.reason == reason { out.append(a.decision) }
        return out
    }

    static func decisionText(_ c: ReportContext, _ station: Int, reason: Int) -> String {
        var seen: [String] = []
        for d in decisions(c, station, reason: reason) {
            let t = describe(d, c)
            if !seen.contains(t) { seen.append(t) }
        }
        return seen.joined(separator: " / ")
    }

    static func kindColor(_ c: ReportContext, _ station: Int, reason: Int) -> String {
        switch decisions(c, station, reason: reason).first {
        case .reject?: Palette.red
        case .redirect?: Palette.orange
        case .signpost?: Palette.lightBlue
        case .discharge?: Palette.grey
        case .accept?, nil: Palette.green
        }
    }

    /// "redirect to crht", "signpost away", ... (plain text, not escaped).
    static func describe(_ d: Decision, _ c: ReportContext) -> String {
        switch d {
        case .accept: "accept"
        case .reject: "reject"
        case .redirect(let to): "redirect to \(c.stationName(to))"
        case .signpost(let to): to != Routing.exit ? "signpost to \(c.stationName(to))" : "signpost away"
        case .discharge: "discharge"
        }
    }
}
