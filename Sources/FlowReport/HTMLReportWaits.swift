import FlowEngine
import FlowStats
import Foundation

/// Section: waits by team (mean and 90th percentile with intervals), the
/// share seen within each waiting-time standard, waits by priority class
/// and crises while waiting.
enum WaitsSection {
    static func render(_ c: ReportContext) -> String {
        let stations = c.model.stations.filter { c.mean(.waitMean, $0.name) > 0 }
        let still = c.model.stations.filter { c.isActive($0.name) && c.mean(.waitMean, $0.name) == 0 }
        guard !stations.isEmpty else {
            return Block.note("No one waited for service at any team in this scenario.")
        }
        var s = "<p>How long people waited from referral to the start of service at each team. The dot is the mean wait, "
            + "the ring the 90th percentile (one person in ten waited longer). The axis is logarithmic so that minutes on "
            + "a crisis line and weeks for an assessment fit on one chart.</p>\n"
        s += waitChart(c, stations)
        if !still.isEmpty {
            s += Block.note("No one had to wait at " + list(still.map(\.name)) + ".")
        }
        s += SeriesSection.waitingLists(c)
        if !c.model.standards.isEmpty {
            // Teams where everyone was seen within every standard need no bar.
            let behind = stations.filter { st in
                c.model.standards.contains { c.summary(NetworkMetrics.standardMetric($0), st.name).mean < 0.995 }
            }
            s += "<h3>Seen within the standards</h3>\n"
            if !behind.isEmpty { s += standardsChart(c, behind) }
            let met = stations.filter { st in !behind.contains { $0.name == st.name } }
            if !met.isEmpty {
                s += Block.note("At least 99.5% of people were seen within "
                                + c.model.standards.map(standardLabel).joined(separator: " and ") + " at " + list(met.map(\.name)) + ".")
            }
        }
        s += priorityCharts(c)
        s += crisesChart(c)
        return s
    }

    static func waitChart(_ c: ReportContext, _ stations: [Station]) -> String {
        let series = [IntervalChart.Series(name: "Mean wait", color: Palette.darkBlue, marker: .dot),
                      IntervalChart.Series(name: "90th percentile", color: Palette.orange, marker: .ring)]
        var rows: [IntervalChart.Row] = []
        var numbers: [[String]] = []
        for st in stations {
            let m = c.summary(.waitMean, st.name), p = c.summary(.waitP90, st.name)
            rows.append(.init(label: st.name, values: [c.chartValue(m), c.chartValue(p)],
                              note: "\(Fmt.interval(m, .duration)) · p90 \(p.mean == 0 ? "no wait" : Fmt.interval(p, .duration))",
                              tooltips: ["\(st.name): mean wait \(Fmt.interval(m, .duration))",
                                         "\(st.name): 90th percentile \(Fmt.interval(p, .duration))"]))
            numbers.append([HTML.escape(st.name), Fmt.interval(m, .duration), Fmt.interval(p, .duration),
                            Fmt.interval(c.summary(.waitProbability, st.name), .share), "\(m.n)"])
        }
        let chart = IntervalChart(
            id: "chart-waits", title: "Waits by team: mean and 90th percentile",
            summary: "Mean and 90th percentile of the wait from referral to service at \(stations.count) teams, with \(c.level) "
                + "confidence intervals, on a logarithmic time axis.",
            series: series, rows: rows, logTicks: IntervalChart.durationTicks,
            references: c.model.standards.map { .init(value: $0, label: standardLabel($0)) })
        var s = Block.figure(chart.svg(), caption: "Waits from referral to the start of service. Whiskers: \(c.level) "
                             + "confidence intervals across replications. Dashed lines: the waiting-time standards of the scenario.")
        s += Block.dataTable(caption: "Waits by team", header: ["Team", "Mean wait", "90th percentile", "Share who waited at all", "n"],
                             rows: numbers)
        return s
    }

    static func standardsChart(_ c: ReportContext, _ stations: [Station]) -> String {
        let colors = [Palette.blue, Palette.lightBlue, Palette.purple, Palette.grey]
        let series = c.model.standards.enumerated().map { k, d in
            IntervalChart.Series(name: "within " + standardLabel(d), color: colors[k % colors.count], marker: .bar)
        }
        var rows: [IntervalChart.Row] = []
        var numbers: [[String]] = []
        for st in stations {
            let shares = c.model.standards.map { c.summary(NetworkMetrics.standardMetric($0), st.name) }
            rows.append(.init(label: st.name, values: shares.map { clampShare(c.chartValue($0)) },
                              note: shares.map { Fmt.percent($0.mean) }.joined(separator: " · "),
                              tooltips: zip(series, shares).map { "\(st.name): \(Fmt.interval($1, .share)) seen \($0.name)" }))
            numbers.append([HTML.escape(st.name)] + shares.map { Fmt.interval($0, .share) })
        }
        let chart = IntervalChart(
            id: "chart-standards", title: "Share of people seen within the waiting-time standards",
            summary: "For each team with waits, the percentage of people whose wait was within each standard, with intervals.",
            series: series, rows: rows, tickLabel: Fmt.percentTick, fixedUpper: 1)
        var s = Block.figure(chart.svg(), caption: "Percentage of people who started service within each waiting-time standard, "
                          + "among those served after the warm-up.")
        s += Block.dataTable(caption: "Share seen within each standard",
                             header: ["Team"] + series.map { HTML.escape($0.name) }, rows: numbers)
        return s
    }

    /// Waits by priority class at stations that serve by priority and where people waited.
    static func priorityCharts(_ c: ReportContext) -> String {
        var s = ""
        for (i, st) in c.model.stations.enumerated() where st.discipline == .priority && c.mean(.waitMean, st.name) > 0 {
            let lanes = laneNames(c, i)
            guard !lanes.isEmpty else { continue }
            var rows: [IntervalChart.Row] = []
            for (k, name) in lanes.enumerated() {
                let m = c.summary(.waitMean, st.name, group: "priority:\(k)")
                guard m.mean.isFinite else { continue }
                rows.append(.init(label: name, values: [c.chartValue(m)], note: Fmt.interval(m, .duration),
                                  tooltips: ["\(name): mean wait \(Fmt.interval(m, .duration))"]))
            }
            guard !rows.isEmpty else { continue }
            let chart = IntervalChart(
                id: "chart-priority-\(i)", title: "Mean wait by priority at \(st.name)",
                summary: "Mean wait of each priority class at \(st.name), most urgent first.",
                series: [.init(name: "Mean wait", color: Palette.darkBlue, marker: .dot)], rows: rows,
                logTicks: IntervalChart.durationTicks)
            s += "<h3>Waits by priority at \(HTML.escape(st.name))</h3>\n"
            s += Block.figure(chart.svg(), caption: "Most urgent class first. Whiskers: \(c.level) confidence intervals.")
        }
        return s
    }

    /// Names of the priority classes at a station, lane 0 (most urgent) first.
    static func laneNames(_ c: ReportContext, _ i: Int) -> [String] {
        let st = c.model.stations[i]
        if let a = st.priorityAttribute {
            let attr = c.model.attributes[a]
            return attr.levels.reversed().map { "\(attr.name) \($0)" }
        }
        return (0..<c.model.priorityLevels).map { "priority \($0)" }
    }

    static func crisesChart(_ c: ReportContext) -> String {
        let stations = c.model.stations.filter { c.mean(.crises, $0.name) > 0 || c.mean(.escalations, $0.name) > 0 }
        guard !stations.isEmpty else {
            return c.model.stations.contains { $0.deterioration != nil }
                ? "<h3>Crises while waiting</h3>\n" + Block.note("No one reached a crisis while waiting.") : ""
        }
        let withEscalation = stations.contains { c.mean(.escalations, $0.name) > 0 }
        var series = [IntervalChart.Series(name: "Crises while waiting", color: Palette.red, marker: .bar)]
        if withEscalation { series.append(.init(name: "Rises in need while waiting", color: Palette.warmYellow, marker: .bar)) }
        var rows: [IntervalChart.Row] = []
        var numbers: [[String]] = []
        for st in stations {
            let cr = c.summary(.crises, st.name), es = c.summary(.escalations, st.name)
            var values = [c.chartValue(cr)]
            var note = "\(Fmt.interval(cr, .count)) crises"
            if withEscalation {
                values.append(c.chartValue(es))
                note += " · \(Fmt.interval(es, .count)) rises"
            }
            rows.append(.init(label: st.name, values: values, note: note,
                              tooltips: ["\(st.name): \(Fmt.interval(cr, .count)) crises", "\(st.name): \(Fmt.interval(es, .count)) rises in need"]))
            numbers.append([HTML.escape(st.name), Fmt.interval(cr, .count), Fmt.interval(es, .count)])
        }
        let chart = IntervalChart(
            id: "chart-crises", title: "Crises while waiting, by team",
            summary: "Number of people who reached a crisis while waiting at each team during the observed period.",
            series: series, rows: rows)
        var s = "<h3>Crises while waiting</h3>\n<p>Long waits let needs escalate: people who reached a crisis before "
            + "being seen, by the team they were waiting for, over \(Fmt.period(c.observedDays)).</p>\n"
        s += Block.figure(chart.svg(), caption: "Counts over the observed period. Whiskers: \(c.level) confidence intervals.")
        s += Block.dataTable(caption: "Crises and rises in need while waiting", header: ["Team", "Crises", "Rises in need"], rows: numbers)
        return s
    }

    /// "4 weeks" for 28 days, "18 weeks" for 126; otherwise days.
    static func standardLabel(_ days: Double) -> String {
        let weeks = days / 7
        if weeks >= 1, weeks.rounded() == weeks { return "\(Int(weeks)) week\(weeks == 1 ? "" : "s")" }
        return Fmt.duration(days)
    }

    static func clampShare(_ v: IntervalChart.Value) -> IntervalChart.Value {
        .init(mean: v.mean, low: max(0, v.low), high: min(1, v.high))
    }

    /// "a, b and c", each name escaped and in code style.
    static func list(_ names: [String]) -> String {
        let coded = names.map(HTML.code)
        guard coded.count > 1 else { return coded.first ?? "" }
        return coded.dropLast().joined(separator: ", ") + " and " + coded[coded.count - 1]
    }
}
