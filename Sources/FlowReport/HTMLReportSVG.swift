import Foundation

/// Inline SVG charts drawn in Swift: horizontal bars or dots with interval
/// whiskers, one row per team (or group), on a linear or logarithmic axis.
///
/// Every text that reaches the SVG is escaped; the SVG carries a `<title>`
/// and `<desc>` and `role="img"` for screen readers, and each mark has a
/// `<title>` tooltip with its value and interval.
struct IntervalChart {
    enum Marker { case bar, dot, ring }

    struct Series {
        var name: String
        var color: String
        var marker: Marker
    }

    /// A mean with its interval; NaN where nothing was observed.
    struct Value {
        var mean: Double
        var low: Double
        var high: Double

        static let missing = Value(mean: .nan, low: .nan, high: .nan)
    }

    struct Row {
        var label: String
        /// One per series.
        var values: [Value]
        /// Shown to the right of the plot (plain text, escaped here).
        var note: String = ""
        /// Text of each mark's tooltip, one per series (plain text).
        var tooltips: [String] = []
        /// Colour of this row's marks instead of the series colour.
        var color: String?
    }

    struct Reference {
        var value: Double
        var label: String
    }

    var id: String
    var title: String
    var summary: String
    var series: [Series]
    var rows: [Row]
    /// Logarithmic axis with these ticks (value, label); nil = linear from 0.
    var logTicks: [(value: Double, label: String)]?
    var tickLabel: (Double) -> String = { Fmt.parameter($0) }
    var references: [Reference] = []
    /// Fix the upper end of a linear axis (e.g. 1 for shares).
    var fixedUpper: Double?
    var width = 960.0

    private var barMode: Bool { series.allSatisfy { $0.marker == .bar } }
    private var rowHeight: Double { barMode ? Double(series.count) * 15 + 11 : 26 }

    func svg() -> String {
        let labelWidth = min(280, max(110, Double(rows.map(\.label.count).max() ?? 0) * 7.3 + 18))
        let labelChars = Int((labelWidth - 18) / 7.3)
        let noteWidth = min(340, max(0, Double(rows.map(\.note.count).max() ?? 0) * 6.4 + 14))
        let legendHeight = series.count > 1 ? 26.0 : 0
        let plotHeight = Double(rows.count) * rowHeight
        let x0 = labelWidth, x1 = width - noteWidth - 12
        let scale = makeScale(x0: x0, x1: x1)
        // Reference labels that would overlap go up a line.
        var refLevels: [Int] = []
        var lastX = -Double.infinity, lastLevel = 0
        for r in references where scale.contains(r.value) {
            let x = scale.x(r.value)
            let level = x - lastX < Double(r.label.count) * 7 + 8 ? 1 - lastLevel : 0
            refLevels.append(level)
            lastX = x
            lastLevel = level
        }
        let refHeight = refLevels.isEmpty ? 0.0 : refLevels.contains(1) ? 32 : 18
        let top = 8 + legendHeight + refHeight
        let height = top + plotHeight + 34

        var s = "<svg class=\"chart\" role=\"img\" aria-labelledby=\"\(id)-t \(id)-d\" "
            + "viewBox=\"0 0 \(n(width)) \(n(height))\" width=\"\(n(width))\" height=\"\(n(height))\" "
            + "preserveAspectRatio=\"xMinYMin meet\">\n"
        s += "<title id=\"\(id)-t\">\(HTML.escape(title))</title>\n"
        s += "<desc id=\"\(id)-d\">\(HTML.escape(summary))</desc>\n"
        if series.count > 1 { s += legend(y: 14, x: x0) }

        // Grid and axis.
        let axisY = top + plotHeight
        var labelEnd = -Double.infinity
        for (v, label) in scale.ticks {
            let x = scale.x(v)
            s += "<line class=\"grid\" x1=\"\(n(x))\" y1=\"\(n(top - 4))\" x2=\"\(n(x))\" y2=\"\(n(axisY))\"/>"
            // Skip a label that would run into the one before.
            let half = Double(label.count) * 3.4
            guard x - half > labelEnd + 6 else { continue }
            labelEnd = x + half
            s += "<text class=\"tick\" x=\"\(n(x))\" y=\"\(n(axisY + 16))\" text-anchor=\"middle\">\(HTML.escape(label))</text>\n"
        }
        s += "<line class=\"axis\" x1=\"\(n(x0))\" y1=\"\(n(axisY))\" x2=\"\(n(x1))\" y2=\"\(n(axisY))\"/>\n"
        for (r, level) in zip(references.filter { scale.contains($0.value) }, refLevels) {
            let x = scale.x(r.value)
            let y = top - 9 - Double(level) * 14
            s += "<line class=\"ref\" x1=\"\(n(x))\" y1=\"\(n(y + 3))\" x2=\"\(n(x))\" y2=\"\(n(axisY))\"/>"
            s += "<text class=\"ref-label\" x=\"\(n(x + 3))\" y=\"\(n(y))\">\(HTML.escape(r.label))</text>\n"
        }

        // Rows.
        for (i, row) in rows.enumerated() {
            let y = top + Double(i) * rowHeight
            if i % 2 == 1 {
                s += "<rect class=\"band\" x=\"0\" y=\"\(n(y))\" width=\"\(n(x1))\" height=\"\(n(rowHeight))\"/>"
            }
            let label = HTML.escape(HTML.shorten(row.label, labelChars))
            s += "<text class=\"row-label\" x=\"\(n(x0 - 8))\" y=\"\(n(y + rowHeight / 2 + 4.5))\" text-anchor=\"end\">"
                + "<title>\(HTML.escape(row.label))</title>\(label)</text>\n"
            for (k, v) in row.values.enumerated() where k < series.count {
                let tip = k < row.tooltips.count ? row.tooltips[k] : "\(series[k].name): \(tickLabel(v.mean))"
                let cy = barMode ? y + 6 + Double(k) * 15 + 7 : y + rowHeight / 2
                var se = series[k]
                if let color = row.color { se.color = color }
                s += mark(v, se, cy: cy, scale: scale, tooltip: tip)
            }
            if !row.note.isEmpty {
                s += "<text class=\"note\" x=\"\(n(x1 + 12))\" y=\"\(n(y + rowHeight / 2 + 4.5))\">\(HTML.escape(row.note))</text>\n"
            }
        }
        return s + "</svg>"
    }

    private func legend(y: Double, x: Double) -> String {
        var s = "<g class=\"legend\">"
        var cx = x
        for se in series {
            switch se.marker {
            case .bar: s += "<rect x=\"\(n(cx))\" y=\"\(n(y - 9))\" width=\"14\" height=\"10\" fill=\"\(se.color)\"/>"
            case .dot: s += "<circle cx=\"\(n(cx + 6))\" cy=\"\(n(y - 4))\" r=\"5\" fill=\"\(se.color)\"/>"
            case .ring: s += "<circle cx=\"\(n(cx + 6))\" cy=\"\(n(y - 4))\" r=\"4.5\" fill=\"#fff\" stroke=\"\(se.color)\" stroke-width=\"2.2\"/>"
            }
            s += "<text x=\"\(n(cx + 20))\" y=\"\(n(y))\">\(HTML.escape(se.name))</text>"
            cx += 34 + Double(se.name.count) * 7
        }
        s += "<line class=\"whisker\" x1=\"\(n(cx))\" y1=\"\(n(y - 4))\" x2=\"\(n(cx + 22))\" y2=\"\(n(y - 4))\"/>"
        s += "<line class=\"whisker\" x1=\"\(n(cx))\" y1=\"\(n(y - 8))\" x2=\"\(n(cx))\" y2=\"\(n(y))\"/>"
        s += "<line class=\"whisker\" x1=\"\(n(cx + 22))\" y1=\"\(n(y - 8))\" x2=\"\(n(cx + 22))\" y2=\"\(n(y))\"/>"
        s += "<text x=\"\(n(cx + 30))\" y=\"\(n(y))\">95% confidence interval</text>"
        return s + "</g>\n"
    }

    private func mark(_ v: Value, _ se: Series, cy: Double, scale: Scale, tooltip: String) -> String {
        guard v.mean.isFinite, scale.contains(v.mean) || !scale.isLog else { return "" }
        var s = "<g><title>\(HTML.escape(tooltip))</title>"
        let x = scale.x(v.mean)
        switch se.marker {
        case .bar:
            let xz = scale.x(scale.lower)
            s += "<rect x=\"\(n(min(xz, x)))\" y=\"\(n(cy - 6))\" width=\"\(n(max(abs(x - xz), v.mean > 0 ? 1.5 : 0)))\" "
                + "height=\"12\" rx=\"1.5\" fill=\"\(se.color)\"/>"
        case .dot, .ring: break
        }
        if v.low.isFinite, v.high.isFinite, v.high > v.low {
            let lo = scale.x(scale.clamp(v.low)), hi = scale.x(scale.clamp(v.high))
            let cls = se.marker == .bar ? "whisker" : "whisker thin"
            let stroke = se.marker == .bar ? "" : " style=\"stroke:\(se.color)\""
            s += "<line class=\"\(cls)\"\(stroke) x1=\"\(n(lo))\" y1=\"\(n(cy))\" x2=\"\(n(hi))\" y2=\"\(n(cy))\"/>"
            // A cap where the interval ends inside the axis; an arrow where it runs off it
            // (on a log axis an interval reaching 0 runs off to the left).
            for (e, inside, dir) in [(lo, v.low > scale.lower || !scale.isLog, -1.0), (hi, v.high <= scale.upper, 1.0)] {
                if inside {
                    s += "<line class=\"\(cls)\"\(stroke) x1=\"\(n(e))\" y1=\"\(n(cy - 4))\" x2=\"\(n(e))\" y2=\"\(n(cy + 4))\"/>"
                } else {
                    s += "<path class=\"\(cls)\"\(stroke) fill=\"none\" d=\"M\(n(e - dir * 5)) \(n(cy - 4)) L\(n(e)) \(n(cy)) "
                        + "L\(n(e - dir * 5)) \(n(cy + 4))\"/>"
                }
            }
        }
        switch se.marker {
        case .bar: break
        case .dot: s += "<circle cx=\"\(n(x))\" cy=\"\(n(cy))\" r=\"5.5\" fill=\"\(se.color)\"/>"
        case .ring: s += "<circle cx=\"\(n(x))\" cy=\"\(n(cy))\" r=\"5\" fill=\"#fff\" stroke=\"\(se.color)\" stroke-width=\"2.4\"/>"
        }
        return s + "</g>\n"
    }

    // MARK: Scales

    struct Scale {
        var lower: Double, upper: Double
        var x0: Double, x1: Double
        var isLog: Bool
        var ticks: [(Double, String)]

        func x(_ v: Double) -> Double {
            let t = isLog ? (log10(clamp(v)) - log10(lower)) / (log10(upper) - log10(lower))
                : (v - lower) / (upper - lower)
            return x0 + max(0, min(1, t)) * (x1 - x0)
        }

        func clamp(_ v: Double) -> Double { max(lower, min(upper, v)) }
        func contains(_ v: Double) -> Bool { v >= lower && v <= upper }
    }

    private func makeScale(x0: Double, x1: Double) -> Scale {
        let all = rows.flatMap(\.values).flatMap { [$0.mean, $0.high] }.filter(\.isFinite)
        if let logTicks {
            let positive = rows.flatMap(\.values).map(\.mean).filter { $0 > 0 && $0.isFinite }
            let lo = (positive.min() ?? 1) / 2
            let hi = max(all.max() ?? 1, positive.max() ?? 1, references.map(\.value).max() ?? 0) * 1.3
            // Snap to the ticks just outside the data.
            let below = logTicks.last { $0.value <= lo }?.value ?? lo
            let above = logTicks.first { $0.value >= hi }?.value ?? hi
            let ticks = logTicks.filter { $0.value >= below && $0.value <= above }
            return Scale(lower: below, upper: above, x0: x0, x1: x1, isLog: true, ticks: ticks.map { ($0.value, $0.label) })
        }
        let top = fixedUpper ?? Self.niceCeiling(max(all.max() ?? 1, 1e-12) * 1.02)
        let step = Self.niceStep(top / 5)
        var ticks: [(Double, String)] = []
        var v = 0.0
        while v <= top * (1 + 1e-9) {
            ticks.append((v, tickLabel(v)))
            v += step
        }
        return Scale(lower: 0, upper: top, x0: x0, x1: x1, isLog: false, ticks: ticks)
    }

    static func niceStep(_ raw: Double) -> Double {
        guard raw > 0, raw.isFinite else { return 1 }
        let p = pow(10, floor(log10(raw)))
        let f = raw / p
        return (f <= 1 ? 1 : f <= 2 ? 2 : f <= 2.5 ? 2.5 : f <= 5 ? 5 : 10) * p
    }

    static func niceCeiling(_ x: Double) -> Double {
        let step = niceStep(x / 5)
        return (x / step).rounded(.up) * step
    }

    /// Duration ticks (days) from seconds to years, for log axes of waits.
    static let durationTicks: [(value: Double, label: String)] = [
        (1.0 / 86_400, "1 s"), (10.0 / 86_400, "10 s"), (1.0 / 1_440, "1 min"), (10.0 / 1_440, "10 min"),
        (1.0 / 24, "1 h"), (6.0 / 24, "6 h"), (1, "1 day"), (7, "1 week"), (28, "4 weeks"),
        (91, "13 weeks"), (182, "26 weeks"), (365, "1 year"), (730, "2 years"), (1_826, "5 years"),
    ]

    private func n(_ x: Double) -> String { String(format: "%.1f", x) }
}

/// Colours: the NHS identity palette, chosen to stay apart for common
/// colour-vision deficiencies (blue against warm yellow and orange).
enum Palette {
    static let blue = "#005EB8"
    static let darkBlue = "#003087"
    static let lightBlue = "#41B6E6"
    static let warmYellow = "#FFB81C"
    static let orange = "#ED8B00"
    static let red = "#DA291C"
    static let green = "#009639"
    static let grey = "#768692"
    static let purple = "#330072"
}
