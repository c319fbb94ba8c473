import FlowEngine
import FlowStats
import Foundation

/// Section: utilisation (bed occupancy for beds) per team, overflow when a
/// team is full, and care out of area.
enum CapacitySection {
    static func render(_ c: ReportContext) -> String {
        var s = utilisation(c)
        s += SeriesSection.occupancy(c)
        s += overflow(c)
        s += outOfArea(c)
        return s
    }

    static func utilisation(_ c: ReportContext) -> String {
        let stations = c.model.stations.filter { c.hasFiniteCapacity($0) && c.mean(.utilisation, $0.name).isFinite }
        guard !stations.isEmpty else { return "" }
        var rows: [IntervalChart.Row] = []
        var numbers: [[String]] = []
        for st in stations {
            let u = c.summary(.utilisation, st.name), busy = c.summary(.busyServers, st.name)
            let color = u.mean >= 0.95 ? Palette.red : u.mean >= 0.85 ? Palette.orange : Palette.blue
            rows.append(.init(label: st.name, values: [c.chartValue(u)],
                              note: "\(Fmt.interval(u, .share)) · \(Fmt.number(busy.mean)) busy of \(capacityText(st))",
                              tooltips: ["\(st.name): utilisation \(Fmt.interval(u, .share))"], color: color))
            numbers.append([HTML.escape(st.name), HTML.escape(capacityText(st)), Fmt.interval(busy, .count),
                            Fmt.interval(u, .share), Fmt.interval(c.summary(.queueLength, st.name), .count)])
        }
        let chart = IntervalChart(
            id: "chart-utilisation", title: "Utilisation by team",
            summary: "Share of staffed time spent serving people (bed occupancy for beds) at \(stations.count) teams, with intervals.",
            series: [.init(name: "Utilisation", color: Palette.blue, marker: .bar)], rows: rows,
            tickLabel: Fmt.percentTick, references: [.init(value: 0.85, label: "85%")], fixedUpper: 1)
        var s = "<p>How busy each team was: time spent serving people divided by the staffed (or bedded) time on duty. "
            + "Bars turn <span class=\"swatch\" style=\"background:\(Palette.orange)\"></span>orange from 85% and "
            + "<span class=\"swatch\" style=\"background:\(Palette.red)\"></span>red from 95%, where queues grow quickly "
            + "with any rise in demand.</p>\n"
        s += Block.figure(chart.svg(), caption: "Utilisation (bed occupancy for beds). Whiskers: \(c.level) confidence intervals. "
                          + "Teams with unlimited capacity or appointment diaries are not shown.")
        s += Block.dataTable(caption: "Utilisation by team",
                             header: ["Team", "Capacity", "Caseload (mean in service)", "Utilisation", "Waiting list (mean)"],
                             rows: numbers)
        return s
    }

    static func overflow(_ c: ReportContext) -> String {
        let stations = c.model.stations.filter { $0.queueLimit != nil || c.mean(.overflowed, $0.name) > 0 }
        guard !stations.isEmpty else { return "" }
        var rows: [IntervalChart.Row] = []
        for st in stations {
            let o = c.summary(.overflowed, st.name)
            let share = c.summary(.overflowShare, st.name)
            let target = st.overflow != Routing.exit ? c.stationName(st.overflow) : "lost"
            rows.append(.init(label: "\(st.name) → \(target)", values: [c.chartValue(o)],
                              note: "\(Fmt.interval(o, .count)) (\(Fmt.percent(share.mean)) of arrivals)",
                              tooltips: ["\(st.name) full, sent to \(target): \(Fmt.interval(o, .count))"]))
        }
        let chart = IntervalChart(
            id: "chart-overflow", title: "People sent elsewhere because a team was full",
            summary: "Counts of people turned away by a full team and where they were sent, over the observed period.",
            series: [.init(name: "Overflowed", color: Palette.orange, marker: .bar)], rows: rows)
        var s = "<h3>When a team is full</h3>\n<p>Teams with a limit on waiting places send people elsewhere when "
            + "full, over \(Fmt.period(c.observedDays)).</p>\n"
        s += Block.figure(chart.svg(), caption: "Counts over the observed period. Whiskers: \(c.level) confidence intervals.")
        return s
    }

    static func outOfArea(_ c: ReportContext) -> String {
        guard let oap = HTMLReport.outOfArea(c) else { return "" }
        let days = c.observedDays
        var rows: [[String]] = []
        for name in oap.stations {
            let busy = c.summary(.busyServers, name)
            let bedDays = Summary(values: c.results.values(StationMeasure.busyServers.rawValue, station: name).map { $0 * days },
                                  confidence: c.confidence)
            let from = c.model.stations.filter { $0.overflow >= 0 && c.stationName($0.overflow) == name }.map(\.name)
            rows.append([HTML.escape(name), from.map(HTML.escape).joined(separator: ", "),
                         Fmt.interval(c.summary(.arrivals, name), .count),
                         Fmt.interval(busy, .count), Fmt.interval(bedDays, .count), Fmt.interval(c.summary(.cost, name), .money)])
        }
        var s = "<h3>Out-of-area care</h3>\n<p>Services that take people only when the local service is full "
            + "(out-of-area placements): admissions, the mean number placed at any time, bed days and cost over "
            + "\(Fmt.period(days)).</p>\n"
        s += Block.table(caption: "Out-of-area placements",
                         header: ["Placed at", "When full", "Admissions", "Mean placed", "Bed days", "Cost"], rows: rows,
                         numericFrom: 2)
        return s
    }

    /// "160", "infinite", "up to 6 on shift", "diary".
    static func capacityText(_ st: Station) -> String {
        if st.diary != nil { return "appointment diary" }
        switch st.capacity {
        case .servers(let n): return Fmt.grouped(Double(n))
        case .infinite: return "unlimited"
        case .schedule(let w): return "up to \(w.maxCapacity) on shift"
        }
    }
}
