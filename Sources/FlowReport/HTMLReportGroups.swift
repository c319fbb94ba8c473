import FlowEngine
import FlowStats
import Foundation

/// Section: population groups (levels of the model's `groupAttribute`,
/// metrics with group `attribute:level`): who is referred, how long they
/// wait, how often they are rejected or reach a crisis.
enum GroupsSection {
    static func render(_ c: ReportContext) -> String {
        guard let g = c.groups else { return "" }
        var s = "<p>The same results for each level of <code>\(HTML.escape(g.name))</code>. Small groups have few "
            + "people per replication, so their intervals are wide: a difference matters only where the intervals "
            + "do not overlap.</p>\n"
        s += overview(c, g)
        // The teams where people wait longest, by group.
        let waits = c.model.stations.map { ($0.name, c.mean(.waitMean, $0.name)) }
            .filter { $0.1.isFinite && $0.1 > 0 }.sorted { $0.1 > $1.1 }.prefix(3).map(\.0)
        for (k, name) in waits.enumerated() {
            s += chart(c, g, id: "chart-group-wait-\(k)", title: "Mean wait at \(name) by \(g.name)", station: name,
                       value: { c.summary(.waitMean, name, group: $0) }, kind: .duration, color: Palette.darkBlue,
                       what: "mean wait")
        }
        let rejecting = c.model.stations.filter { c.mean(.rejected, $0.name) > 0 }.map(\.name)
        for (k, name) in rejecting.enumerated() {
            s += chart(c, g, id: "chart-group-reject-\(k)", title: "Rejections per 100 referrals at \(name) by \(g.name)",
                       station: name, value: { c.ratio("rejected", "arrivals", name, group: $0, scale: 100) },
                       kind: .plain, color: Palette.red, what: "rejections per 100 referrals")
        }
        let crisis = c.model.stations.filter { c.mean(.crises, $0.name) > 0 }.map(\.name)
        for (k, name) in crisis.enumerated() {
            s += chart(c, g, id: "chart-group-crisis-\(k)", title: "Crises per 1,000 referrals at \(name) by \(g.name)",
                       station: name, value: { c.ratio("crises", "arrivals", name, group: $0, scale: 1000) },
                       kind: .plain, color: Palette.red, what: "crises while waiting per 1,000 referrals")
        }
        return s
    }

    /// Referrals and time in the system per group, system-wide.
    static func overview(_ c: ReportContext, _ g: Attribute) -> String {
        var rows: [[String]] = []
        let all = c.results.values("arrivals", station: c.system)
        for level in g.levels {
            let group = "\(g.name):\(level)"
            let arrivals = c.summary("arrivals", c.system, group: group)
            let share = Summary(values: zip(c.results.values("arrivals", station: c.system, group: group), all)
                .map { $1 > 0 ? $0 / $1 : .nan }, confidence: c.confidence)
            rows.append([HTML.escape(level), Fmt.interval(arrivals, .count), Fmt.interval(share, .share),
                         Fmt.interval(c.summary("time_in_system_mean_days", c.system, group: group), .duration)])
        }
        return Block.table(caption: "People by \(HTML.escape(g.name)), whole system",
                           header: ["\(HTML.escape(g.name).capitalized)", "Referrals", "Share of referrals", "Mean time in the system"],
                           rows: rows)
    }

    static func chart(_ c: ReportContext, _ g: Attribute, id: String, title: String, station: String,
                      value: (String) -> Summary, kind: Fmt.Kind, color: String, what: String) -> String {
        var rows: [IntervalChart.Row] = []
        let summaries = g.levels.map { value("\(g.name):\($0)") }
        let unit = kind == .duration ? Fmt.TimeUnit.fitting(summaries.map(\.mean).filter(\.isFinite).max() ?? 1) : .days
        let scale = kind == .duration ? 1 / unit.days : 1
        for (level, s) in zip(g.levels, summaries) {
            let v = c.chartValue(s, scale: scale)
            let low = IntervalChart.Value(mean: v.mean, low: max(0, v.low), high: v.high)
            let text = kind == .duration ? Fmt.interval(s, kind, unit: unit) : Fmt.interval(s, kind)
            rows.append(.init(label: level, values: [low], note: "\(text) (n = \(s.n))", tooltips: ["\(level): \(what) \(text)"]))
        }
        guard rows.contains(where: { $0.values[0].mean.isFinite }) else { return "" }
        let chart = IntervalChart(
            id: id, title: title,
            summary: "\(what.capitalized) for each level of \(g.name) at \(station), with \(c.level) confidence intervals.",
            series: [.init(name: what, color: color, marker: .dot)], rows: rows,
            tickLabel: { kind == .duration ? Fmt.parameter($0) + " " + unit.name : Fmt.parameter($0) })
        return "<h3>\(HTML.escape(title))</h3>\n"
            + Block.figure(chart.svg(), caption: "Whiskers: \(c.level) confidence intervals; n is the number of replications "
                           + "in which the group had an observation.")
    }
}
