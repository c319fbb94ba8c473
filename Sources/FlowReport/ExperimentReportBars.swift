import Foundation

/// Horizontal bars that may start anywhere and go either way (a tornado's
/// swing around its baseline, a correlation below zero), one row per
/// parameter with one lane per series, interval whiskers, reference
/// lines and a note at the right.
///
/// Unlike the run report's `IntervalChart`, whose axis starts at zero,
/// the axis covers negative values too. Every text is escaped here.
struct SpanBarChart {
    struct Series {
        var name: String
        var color: String
    }

    /// One bar from `from` to `to`, with an optional interval (NaN: none).
    struct Bar {
        var lane: Int
        var from: Double
        var to: Double
        var low: Double = .nan
        var high: Double = .nan
        var tooltip: String
        var color: String? = nil
    }

    struct Row {
        var label: String
        var bars: [Bar]
        var note: String = ""
    }

    var id: String
    var title: String
    var summary: String
    var series: [Series]
    /// Bars per row, drawn one below the other.
    var lanes = 1
    var rows: [Row]
    var references: [(value: Double, label: String)] = []
    /// A known range (e.g. −1..1 for correlations); nil: fitted to the data.
    var fixed: (Double, Double)?
    /// Values the axis must cover besides the bars (0, a baseline).
    var including: [Double] = [0]
    var tick: (Double) -> String = { Fmt.parameter($0) }
    var intervalLegend: String?
    var width = 960.0

    private var rowHeight: Double { Double(lanes) * 14 + 12 }

    func svg() -> String {
        let labelWidth = min(260, max(110, Double(rows.map(\.label.count).max() ?? 0) * 7.3 + 18))
        let labelChars = Int((labelWidth - 18) / 7.3)
        let noteWidth = min(300, max(0, Double(rows.map(\.note.count).max() ?? 0) * 6.4 + 14))
        let legendHeight = series.count > 1 || intervalLegend != nil ? 24.0 : 0
        let refHeight = references.isEmpty ? 0.0 : 18
        let values = rows.flatMap(\.bars).flatMap { [$0.from, $0.to, $0.low, $0.high] }
        let axis = LinearAxis(values, including: including + references.map(\.value), fixed: fixed)
        let x0 = labelWidth, x1 = width - noteWidth - 12
        func x(_ v: Double) -> Double { x0 + axis.fraction(v) * (x1 - x0) }
        let top = 8 + legendHeight + refHeight
        let plotHeight = Double(rows.count) * rowHeight
        let axisY = top + plotHeight
        let height = axisY + 30

        var s = "<svg class=\"chart\" role=\"img\" aria-labelledby=\"\(id)-t \(id)-d\" viewBox=\"0 0 \(svgNumber(width)) "
            + "\(svgNumber(height))\" width=\"\(svgNumber(width))\" height=\"\(svgNumber(height))\" "
            + "preserveAspectRatio=\"xMinYMin meet\">\n<title id=\"\(id)-t\">\(HTML.escape(title))</title>\n"
            + "<desc id=\"\(id)-d\">\(HTML.escape(summary))</desc>\n"
        if legendHeight > 0 { s += legend(x: x0, y: 16) }
        s += verticalTicks(axis.ticks, x: x, label: tick, top: top - 4, bottom: axisY)
        s += "<line class=\"axis\" x1=\"\(svgNumber(x0))\" y1=\"\(svgNumber(axisY))\" x2=\"\(svgNumber(x1))\" "
            + "y2=\"\(svgNumber(axisY))\"/>\n"
        for (i, row) in rows.enumerated() {
            let y = top + Double(i) * rowHeight
            if i % 2 == 1 {
                s += "<rect class=\"band\" x=\"0\" y=\"\(svgNumber(y))\" width=\"\(svgNumber(x1))\" "
                    + "height=\"\(svgNumber(rowHeight))\"/>"
            }
            s += "<text class=\"row-label\" x=\"\(svgNumber(x0 - 8))\" y=\"\(svgNumber(y + rowHeight / 2 + 4.5))\" "
                + "text-anchor=\"end\"><title>\(HTML.escape(row.label))</title>"
                + "\(HTML.escape(HTML.shorten(row.label, labelChars)))</text>\n"
            // Longest bar first, so a shorter one in the same lane stays visible on top.
            for bar in row.bars.sorted(by: { abs($0.to - $0.from) > abs($1.to - $1.from) }) {
                s += mark(bar, cy: y + 6 + Double(bar.lane) * 14 + 6, x: x)
            }
            if !row.note.isEmpty {
                s += "<text class=\"note\" x=\"\(svgNumber(x1 + 12))\" y=\"\(svgNumber(y + rowHeight / 2 + 4.5))\">"
                    + "\(HTML.escape(row.note))</text>\n"
            }
        }
        // The zero line and reference lines last, over the bars.
        if axis.lower < 0 && axis.upper > 0 {
            s += "<line class=\"zero\" x1=\"\(svgNumber(x(0)))\" y1=\"\(svgNumber(top - 4))\" x2=\"\(svgNumber(x(0)))\" "
                + "y2=\"\(svgNumber(axisY))\"/>\n"
        }
        var lastX = -Double.infinity
        for r in references where axis.contains(r.value) {
            let px = x(r.value)
            s += "<line class=\"ref\" x1=\"\(svgNumber(px))\" y1=\"\(svgNumber(top - 6))\" x2=\"\(svgNumber(px))\" "
                + "y2=\"\(svgNumber(axisY))\"/>"
            if px - lastX > Double(r.label.count) * 7 + 8 {
                let anchor = px > (x0 + x1) / 2 ? "end" : "start"
                let tx = anchor == "end" ? px - 3 : px + 3
                s += "<text class=\"ref-label\" x=\"\(svgNumber(tx))\" y=\"\(svgNumber(top - 9))\" "
                    + "text-anchor=\"\(anchor)\">\(HTML.escape(r.label))</text>\n"
                lastX = px
            }
        }
        return s + "</svg>"
    }

    private func legend(x: Double, y: Double) -> String {
        var s = "<g class=\"legend\">"
        var cx = x
        if series.count > 1 {
            for se in series {
                s += "<rect x=\"\(svgNumber(cx))\" y=\"\(svgNumber(y - 9))\" width=\"14\" height=\"10\" fill=\"\(se.color)\"/>"
                s += "<text x=\"\(svgNumber(cx + 20))\" y=\"\(svgNumber(y))\">\(HTML.escape(se.name))</text>"
                cx += 34 + Double(se.name.count) * 7
            }
        }
        if let intervalLegend {
            let w = svgNumber(cx + 22)
            s += "<line class=\"whisker\" x1=\"\(svgNumber(cx))\" y1=\"\(svgNumber(y - 4))\" x2=\"\(w)\" y2=\"\(svgNumber(y - 4))\"/>"
            s += "<line class=\"whisker\" x1=\"\(svgNumber(cx))\" y1=\"\(svgNumber(y - 8))\" x2=\"\(svgNumber(cx))\" y2=\"\(svgNumber(y))\"/>"
            s += "<line class=\"whisker\" x1=\"\(w)\" y1=\"\(svgNumber(y - 8))\" x2=\"\(w)\" y2=\"\(svgNumber(y))\"/>"
            s += "<text x=\"\(svgNumber(cx + 30))\" y=\"\(svgNumber(y))\">\(HTML.escape(intervalLegend))</text>"
        }
        return s + "</g>\n"
    }

    private func mark(_ bar: Bar, cy: Double, x: (Double) -> Double) -> String {
        guard bar.from.isFinite, bar.to.isFinite else { return "" }
        let color = bar.color ?? (bar.lane < series.count ? series[bar.lane].color : Palette.blue)
        let a = x(bar.from), b = x(bar.to)
        var s = "<g><title>\(HTML.escape(bar.tooltip))</title>"
        s += "<rect x=\"\(svgNumber(min(a, b)))\" y=\"\(svgNumber(cy - 6))\" width=\"\(svgNumber(max(abs(b - a), 1.5)))\" "
            + "height=\"12\" rx=\"1.5\" fill=\"\(color)\"/>"
        if bar.low.isFinite, bar.high.isFinite, bar.high > bar.low {
            let lo = x(bar.low), hi = x(bar.high)
            s += "<line class=\"whisker\" x1=\"\(svgNumber(lo))\" y1=\"\(svgNumber(cy))\" x2=\"\(svgNumber(hi))\" "
                + "y2=\"\(svgNumber(cy))\"/>"
            for e in [lo, hi] {
                s += "<line class=\"whisker\" x1=\"\(svgNumber(e))\" y1=\"\(svgNumber(cy - 4))\" x2=\"\(svgNumber(e))\" "
                    + "y2=\"\(svgNumber(cy + 4))\"/>"
            }
        }
        return s + "</g>\n"
    }
}
