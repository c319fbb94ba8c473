import FlowEngine
import FlowStats
import Foundation

/// Waiting lists and occupancy over time, from the replications' census
/// series (`NetworkSeries`): the mean across replications with a band for
/// its confidence interval at each point, warm-up shaded.
enum SeriesSection {
    struct Point {
        var t: Double
        var mean: Double
        var low: Double
        var high: Double
    }

    /// Replications that kept a series, and the number of censuses all have.
    static func censuses(_ c: ReportContext) -> (results: [ReplicationResult], count: Int)? {
        let per = NetworkSeries.valuesPerCensus(c.model)
        let kept = c.results.results.filter { !$0.series.isEmpty }
        guard per > 0, !kept.isEmpty, c.model.seriesInterval != nil else { return nil }
        let count = kept.map { $0.series.count / per }.min() ?? 0
        return count >= 2 ? (kept, count) : nil
    }

    /// One census value (index `j` within a census) over time, averaged
    /// within buckets of consecutive censuses so a panel has at most
    /// `limit` points; the interval at each point is across replications.
    static func points(_ c: ReportContext, column j: Int, limit: Int = 300) -> [Point] {
        guard let (kept, count) = censuses(c) else { return [] }
        let per = NetworkSeries.valuesPerCensus(c.model)
        let bucket = max(1, Int((Double(count) / Double(limit)).rounded(.up)))
        var out: [Point] = []
        var start = 0
        while start < count {
            let end = min(count, start + bucket)
            let values = kept.map { r in
                (start..<end).reduce(0.0) { $0 + r.series[$1 * per + j] } / Double(end - start)
            }
            let s = Summary(values: values, confidence: c.confidence)
            let hw = s.halfWidth.isFinite ? s.halfWidth : 0
            let t = (start..<end).reduce(0.0) { $0 + NetworkSeries.time($1, c.model) } / Double(end - start)
            out.append(Point(t: t, mean: s.mean, low: max(0, s.mean - hw), high: s.mean + hw))
            start = end
        }
        return out
    }

    static func column(_ station: Int, _ metric: String) -> Int {
        station * NetworkSeries.stationMetrics.count + (NetworkSeries.stationMetrics.firstIndex(of: metric) ?? 0)
    }

    /// Small multiples of waiting lists for the teams where people wait.
    static func waitingLists(_ c: ReportContext) -> String {
        guard censuses(c) != nil else { return "" }
        let teams = c.model.stations.indices.filter { c.summary(.queueLength, c.model.stations[$0].name).mean >= 1 }
        guard !teams.isEmpty else { return "" }
        var s = "<h3>Waiting lists over time</h3>\n<p>The number of people waiting at each census, mean across "
            + "replications (line) with its \(c.level) confidence interval (band). The shaded start is the warm-up, "
            + "left out of every other figure.</p>\n<div class=\"panels\">\n"
        for i in teams {
            let name = c.model.stations[i].name
            let pts = points(c, column: column(i, "queue_length"))
            s += panel(c, id: "series-queue-\(i)", title: name, what: "Waiting list", points: pts, color: Palette.darkBlue,
                       capacity: nil)
        }
        return s + "</div>\n"
    }

    /// Beds (and other places) occupied over time, against the number of places.
    static func occupancy(_ c: ReportContext) -> String {
        guard censuses(c) != nil else { return "" }
        let beds = c.model.stations.indices.filter { c.model.stations[$0].function == .bed && c.isActive(c.model.stations[$0].name) }
        guard !beds.isEmpty else { return "" }
        var s = "<h3>Beds occupied over time</h3>\n<p>People in a bed at each census, mean across replications with "
            + "its \(c.level) confidence interval; the dashed line is the number of beds.</p>\n<div class=\"panels\">\n"
        for i in beds {
            let st = c.model.stations[i]
            var capacity: Double?
            if case .servers(let n) = st.capacity { capacity = Double(n) }
            s += panel(c, id: "series-beds-\(i)", title: st.name, what: "Beds occupied",
                       points: points(c, column: column(i, "in_service")), color: Palette.blue, capacity: capacity)
        }
        return s + "</div>\n"
    }

    static func panel(_ c: ReportContext, id: String, title: String, what: String, points: [Point], color: String,
                      capacity: Double?) -> String {
        guard let first = points.first, let last = points.last else { return "" }
        let w = 480.0, h = 200.0, left = 48.0, right = 12.0, top = 12.0, bottom = 26.0
        let t0 = 0.0, t1 = max(last.t, c.info.duration, first.t + 1)
        let yTop = IntervalChart.niceCeiling(max(points.map(\.high).max() ?? 1, capacity ?? 0, 1) * 1.05)
        func x(_ t: Double) -> Double { left + (t - t0) / (t1 - t0) * (w - left - right) }
        func y(_ v: Double) -> Double { top + (1 - v / yTop) * (h - top - bottom) }
        let after = points.filter { $0.t >= c.info.warmUp }
        let meanAfter = after.isEmpty ? Double.nan : after.map(\.mean).reduce(0, +) / Double(after.count)
        var s = "<figure class=\"panel\"><figcaption class=\"panel-title\">\(HTML.escape(title))"
            + "<span>mean \(Fmt.number(meanAfter)) after the warm-up</span></figcaption>\n<svg class=\"chart\" role=\"img\" aria-labelledby=\"\(id)-t \(id)-d\" "
            + "viewBox=\"0 0 \(n(w)) \(n(h))\" width=\"\(n(w))\" height=\"\(n(h))\">\n"
        s += "<title id=\"\(id)-t\">\(what) at \(HTML.escape(title)) over time</title>\n"
        s += "<desc id=\"\(id)-d\">Mean across replications over \(Fmt.period(c.info.duration)), about "
            + "\(Fmt.number(meanAfter)) after the warm-up, with a \(c.level) confidence band.</desc>\n"
        if c.info.warmUp > 0 {
            s += "<rect class=\"warmup\" x=\"\(n(x(0)))\" y=\"\(n(top))\" width=\"\(n(x(min(c.info.warmUp, t1)) - x(0)))\" "
                + "height=\"\(n(h - top - bottom))\"/>"
            s += "<text class=\"tick\" x=\"\(n(x(0) + 4))\" y=\"\(n(top + 12))\">warm-up</text>\n"
        }
        let step = IntervalChart.niceStep(yTop / 4)
        var v = 0.0
        while v <= yTop * (1 + 1e-9) {
            s += "<line class=\"grid\" x1=\"\(n(left))\" y1=\"\(n(y(v)))\" x2=\"\(n(w - right))\" y2=\"\(n(y(v)))\"/>"
            s += "<text class=\"tick\" x=\"\(n(left - 5))\" y=\"\(n(y(v) + 4))\" text-anchor=\"end\">\(Fmt.parameter(v))</text>\n"
            v += step
        }
        for (t, label) in dateTicks(c, upTo: t1) where x(t) + Double(label.count) * 3.3 <= w {
            s += "<text class=\"tick\" x=\"\(n(x(t)))\" y=\"\(n(h - 8))\" text-anchor=\"middle\">\(label)</text>"
            s += "<line class=\"axis\" x1=\"\(n(x(t)))\" y1=\"\(n(h - bottom))\" x2=\"\(n(x(t)))\" y2=\"\(n(h - bottom + 4))\"/>"
        }
        s += "<line class=\"axis\" x1=\"\(n(left))\" y1=\"\(n(h - bottom))\" x2=\"\(n(w - right))\" y2=\"\(n(h - bottom))\"/>\n"
        let upper = points.map { "\(n(x($0.t))),\(n(y($0.high)))" }
        let lower = points.reversed().map { "\(n(x($0.t))),\(n(y($0.low)))" }
        s += "<polygon fill=\"\(color)\" fill-opacity=\"0.22\" stroke=\"none\" points=\"\((upper + lower).joined(separator: " "))\"/>\n"
        s += "<polyline fill=\"none\" stroke=\"\(color)\" stroke-width=\"1.6\" points=\""
            + points.map { "\(n(x($0.t))),\(n(y($0.mean)))" }.joined(separator: " ") + "\"/>\n"
        if let capacity {
            s += "<line class=\"ref\" x1=\"\(n(left))\" y1=\"\(n(y(capacity)))\" x2=\"\(n(w - right))\" y2=\"\(n(y(capacity)))\"/>"
            s += "<text class=\"ref-label\" x=\"\(n(w - right - 2))\" y=\"\(n(y(capacity) - 4))\" text-anchor=\"end\">"
                + "\(Fmt.number(capacity)) beds</text>\n"
        }
        s += "</svg>\n</figure>\n"
        return s
    }

    /// Ticks at the start of months, spaced so that about six fit.
    static func dateTicks(_ c: ReportContext, upTo t1: Double) -> [(Double, String)] {
        let cal = c.model.calendar
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        let spanMonths = t1 / 30.4375
        let step = [1, 2, 3, 6, 12, 24, 60].first { spanMonths / Double($0) <= 6 } ?? 120
        var out: [(Double, String)] = []
        var y = cal.year, m = cal.month
        // From the first month start after time 0.
        if cal.day > 1 { m += 1; if m > 12 { m = 1; y += 1 } }
        while out.count < 40 {
            let t = Double(SimCalendar.daysFromCivil(y, m, 1) - cal.startEpochDay)
            if t > t1 { break }
            if (m - 1) % min(step, 12) == 0 && (step <= 12 || y % (step / 12) == 0) {
                out.append((t, step >= 12 || m == 1 ? "\(months[m - 1]) \(y)" : months[m - 1]))
            }
            m += 1
            if m > 12 { m = 1; y += 1 }
        }
        return out
    }

    private static func n(_ x: Double) -> String { String(format: "%.1f", x) }
}
