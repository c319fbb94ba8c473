import Foundation

/// A linear axis with round ticks that covers whatever the data are:
/// negative values, values all equal, a single value, or none (0 to 1),
/// so an experiment's charts never divide by a zero span or draw NaN.
struct LinearAxis {
    var lower: Double
    var upper: Double
    var ticks: [Double]

    /// Covers every finite value (and `including`, e.g. a threshold or 0),
    /// widened to round ticks; `fixed` keeps a known range such as −1..1.
    init(_ values: [Double], including extra: [Double] = [], fixed: (Double, Double)? = nil, ticks count: Int = 5) {
        if let fixed {
            lower = fixed.0
            upper = fixed.1
        } else {
            let finite = (values + extra).filter(\.isFinite)
            var lo = finite.min() ?? 0, hi = finite.max() ?? 1
            if hi - lo <= max(abs(lo), abs(hi)) * 1e-12 {
                // All equal: a span around the value that keeps 0 on its side.
                let pad = lo == 0 ? 1 : abs(lo) * 0.1
                lo = lo >= 0 && lo - pad < 0 ? 0 : lo - pad
                hi += pad
            }
            let step = IntervalChart.niceStep((hi - lo) / Double(count))
            lower = (lo / step + 1e-9).rounded(.down) * step
            upper = (hi / step - 1e-9).rounded(.up) * step
            if upper <= lower { upper = lower + step }
        }
        let step = IntervalChart.niceStep((upper - lower) / Double(count))
        var ticks: [Double] = []
        var k = (lower / step - 1e-9).rounded(.up)
        while k * step <= upper + step * 1e-9, ticks.count < 40 {
            let v = k * step
            ticks.append(abs(v) < step * 1e-9 ? 0 : v)
            k += 1
        }
        self.ticks = ticks
    }

    /// Where `v` falls, 0 at `lower` and 1 at `upper`, clamped.
    func fraction(_ v: Double) -> Double {
        guard v.isFinite else { return v > 0 ? 1 : 0 }
        return max(0, min(1, (v - lower) / (upper - lower)))
    }

    func contains(_ v: Double) -> Bool { v.isFinite && v >= lower && v <= upper }
}

/// The frame of an x–y chart: margins, two axes, the grid with tick
/// labels and axis titles. Charts draw their marks through `x` and `y`,
/// which clamp to the plot area.
struct PlotFrame {
    var width = 720.0
    var height = 300.0
    var left = 64.0
    var right = 20.0
    var top = 14.0
    var bottom = 46.0
    var xAxis: LinearAxis
    var yAxis: LinearAxis
    var xTick: (Double) -> String = { Fmt.parameter($0) }
    var yTick: (Double) -> String = { Fmt.parameter($0) }

    var plotLeft: Double { left }
    var plotRight: Double { width - right }
    var plotTop: Double { top }
    var plotBottom: Double { height - bottom }

    func x(_ v: Double) -> Double { plotLeft + xAxis.fraction(v) * (plotRight - plotLeft) }
    func y(_ v: Double) -> Double { plotBottom - yAxis.fraction(v) * (plotBottom - plotTop) }

    /// The opening `<svg>` with its accessible title and description.
    func open(id: String, title: String, summary: String) -> String {
        "<svg class=\"chart\" role=\"img\" aria-labelledby=\"\(id)-t \(id)-d\" viewBox=\"0 0 \(svgNumber(width)) "
            + "\(svgNumber(height))\" width=\"\(svgNumber(width))\" height=\"\(svgNumber(height))\" "
            + "preserveAspectRatio=\"xMinYMin meet\">\n<title id=\"\(id)-t\">\(HTML.escape(title))</title>\n"
            + "<desc id=\"\(id)-d\">\(HTML.escape(summary))</desc>\n"
    }

    /// Grid lines, tick labels and the axis titles (plain text, escaped here).
    func axes(xTitle: String, yTitle: String) -> String {
        var s = verticalTicks(xAxis.ticks, x: x, label: xTick, top: plotTop, bottom: plotBottom)
        for v in yAxis.ticks {
            let py = y(v)
            s += "<line class=\"grid\" x1=\"\(svgNumber(plotLeft))\" y1=\"\(svgNumber(py))\" x2=\"\(svgNumber(plotRight))\" "
                + "y2=\"\(svgNumber(py))\"/>"
            s += "<text class=\"tick\" x=\"\(svgNumber(plotLeft - 6))\" y=\"\(svgNumber(py + 4))\" "
                + "text-anchor=\"end\">\(HTML.escape(yTick(v)))</text>\n"
        }
        s += "<line class=\"axis\" x1=\"\(svgNumber(plotLeft))\" y1=\"\(svgNumber(plotBottom))\" "
            + "x2=\"\(svgNumber(plotRight))\" y2=\"\(svgNumber(plotBottom))\"/>"
        s += "<line class=\"axis\" x1=\"\(svgNumber(plotLeft))\" y1=\"\(svgNumber(plotTop))\" "
            + "x2=\"\(svgNumber(plotLeft))\" y2=\"\(svgNumber(plotBottom))\"/>\n"
        s += "<text class=\"axis-title\" x=\"\(svgNumber((plotLeft + plotRight) / 2))\" y=\"\(svgNumber(height - 8))\" "
            + "text-anchor=\"middle\">\(HTML.escape(xTitle))</text>\n"
        let cy = (plotTop + plotBottom) / 2
        s += "<text class=\"axis-title\" x=\"14\" y=\"\(svgNumber(cy))\" text-anchor=\"middle\" "
            + "transform=\"rotate(-90 14 \(svgNumber(cy)))\">\(HTML.escape(yTitle))</text>\n"
        return s
    }
}

/// A coordinate for SVG: one decimal, and 0 rather than "nan" should a
/// non-finite value ever slip through, so the markup stays valid.
/// Vertical grid lines at each tick from `top` to `bottom`, with the tick
/// labels under `bottom`; a label that would overlap the one before is left
/// out (its grid line stays).
func verticalTicks(_ ticks: [Double], x: (Double) -> Double, label: (Double) -> String, top: Double,
                   bottom: Double) -> String {
    var s = ""
    var labelEnd = -Double.infinity
    for v in ticks {
        let px = x(v), text = label(v)
        s += "<line class=\"grid\" x1=\"\(svgNumber(px))\" y1=\"\(svgNumber(top))\" x2=\"\(svgNumber(px))\" "
            + "y2=\"\(svgNumber(bottom))\"/>"
        let half = Double(text.count) * 3.4
        guard px - half > labelEnd + 6 else { continue }
        labelEnd = px + half
        s += "<text class=\"tick\" x=\"\(svgNumber(px))\" y=\"\(svgNumber(bottom + 16))\" "
            + "text-anchor=\"middle\">\(HTML.escape(text))</text>\n"
    }
    return s
}

func svgNumber(_ x: Double) -> String {
    guard x.isFinite else { return "0" }
    return String(format: "%.1f", x)
}

/// How an output is written and charted, from its name: `_days` metrics
/// are durations, utilisation, shares and probabilities are percentages.
struct MetricUnit {
    var kind: Fmt.Kind
    /// Chart values are divided by this (days per week, or 0.01 for %).
    var divisor: Double
    /// Unit shown beside an axis title ("days", "%"); empty for counts.
    var name: String
    var timeUnit: Fmt.TimeUnit?

    /// The unit for a metric whose values reach about `typical` in size.
    init(metric: String, typical: Double) {
        if metric.hasSuffix("_days") {
            let u = Fmt.TimeUnit.fitting(typical)
            self.init(kind: .duration, divisor: u.days, name: u.name, timeUnit: u)
        } else if metric == "utilisation" || metric.hasSuffix("_share") || metric.hasSuffix("_probability")
                    || metric.hasPrefix("wait_share_within") {
            self.init(kind: .share, divisor: 0.01, name: "%", timeUnit: nil)
        } else {
            self.init(kind: metric == "cost" ? .money : .plain, divisor: 1, name: "", timeUnit: nil)
        }
    }

    private init(kind: Fmt.Kind, divisor: Double, name: String, timeUnit: Fmt.TimeUnit?) {
        self.kind = kind
        self.divisor = divisor
        self.name = name
        self.timeUnit = timeUnit
    }

    /// "mean ± half-width" in this unit; "–" when the mean is missing.
    func interval(_ mean: Double, _ halfWidth: Double) -> String {
        Fmt.interval(mean: mean, halfWidth: halfWidth, kind, unit: timeUnit)
    }

    func value(_ x: Double) -> String { Fmt.value(x, kind, unit: timeUnit) }

    /// An axis title with the unit: "wait_mean_days@cmht (weeks)".
    func title(_ text: String) -> String { name.isEmpty ? text : "\(text) (\(name))" }
}
