import FlowExperiments
import Foundation

/// One target's curve in a capacity plan: the metric's mean at every
/// candidate with its two-sided interval as a band, the one-sided bound
/// the rule compares (filled where the target is met, hollow red where
/// not), the threshold as a red line and the answer as a green one.
enum PlanCurveChart {
    struct Point {
        var value: Double
        var check: PlanCheck?
    }

    static func render(target: PlanTarget, points: [Point], answer: Double?, id: String,
                       twoSided: String, oneSided: String) -> String {
        let checks = points.compactMap(\.check)
        let typical = (checks.map(\.mean) + [target.threshold]).filter(\.isFinite).map(abs).max() ?? 1
        let unit = MetricUnit(metric: target.key.metric, typical: typical)
        let d = unit.divisor
        let values = points.map(\.value).filter(\.isFinite)
        let lo = values.min() ?? 0, hi = values.max() ?? 1
        let pad = hi > lo ? (hi - lo) / Double(max(1, values.count - 1)) / 2 : max(0.5, abs(lo) * 0.1)
        var xAxis = LinearAxis([], fixed: (lo - pad, hi + pad))
        if values.count <= 24 { xAxis.ticks = values }
        let ys = checks.flatMap { c in [c.mean, c.mean - c.halfWidth, c.mean + c.halfWidth, c.bound] }.map { $0 / d }
        // Room above and below the data and the threshold, so neither sits on the frame
        // (but no negative room for a metric that cannot be negative).
        let span = ys + [target.threshold / d]
        let yLo = span.filter(\.isFinite).min() ?? 0, yHi = span.filter(\.isFinite).max() ?? 1
        let room = (yHi - yLo) * 0.06
        let floor = yLo >= 0 ? max(0, yLo - room) : yLo - room
        var frame = PlotFrame(width: 960, height: 360, xAxis: xAxis,
                              yAxis: LinearAxis(ys, including: [target.threshold / d, floor, yHi + room]))
        frame.top = 52
        frame.right = 24
        let meeting = checks.filter(\.met).count
        var s = frame.open(id: id, title: "\(target.text): the metric against the candidate value",
                           summary: "Mean of \(target.key.metric) at \(points.count) candidate values with \(twoSided) "
                               + "intervals and \(oneSided) one-sided bounds; \(meeting) of \(points.count) meet the target"
                               + (answer.map { "; least value meeting every target: \(Fmt.parameter($0))" } ?? "") + ".")
        s += legend(frame, twoSided: twoSided, oneSided: oneSided)
        s += frame.axes(xTitle: "candidate value", yTitle: unit.title(target.key.metric))

        // The band and the line, broken where a candidate has no value.
        let finite = points.map { p -> (x: Double, c: PlanCheck)? in
            guard let c = p.check, c.mean.isFinite, p.value.isFinite else { return nil }
            return (frame.x(p.value), c)
        }
        for run in runs(finite) where run.count >= 2 {
            let withHW = run.allSatisfy { $0.c.halfWidth.isFinite }
            if withHW {
                let upper = run.map { "\(svgNumber($0.x)),\(svgNumber(frame.y(($0.c.mean + $0.c.halfWidth) / d)))" }
                let lower = run.reversed().map { "\(svgNumber($0.x)),\(svgNumber(frame.y(($0.c.mean - $0.c.halfWidth) / d)))" }
                s += "<polygon class=\"ci-band\" points=\"\((upper + lower).joined(separator: " "))\"/>\n"
            }
            s += "<polyline class=\"mean-line\" points=\""
                + run.map { "\(svgNumber($0.x)),\(svgNumber(frame.y($0.c.mean / d)))" }.joined(separator: " ") + "\"/>\n"
        }
        // The threshold, then the answer, then the points over them.
        let ty = frame.y(target.threshold / d)
        s += "<line class=\"threshold\" x1=\"\(svgNumber(frame.plotLeft))\" y1=\"\(svgNumber(ty))\" "
            + "x2=\"\(svgNumber(frame.plotRight))\" y2=\"\(svgNumber(ty))\"/>"
        let labelBelow = ty - frame.plotTop < 16
        s += "<text class=\"ref-label\" x=\"\(svgNumber(frame.plotRight - 4))\" y=\"\(svgNumber(labelBelow ? ty + 14 : ty - 5))\" "
            + "text-anchor=\"end\">target: \(HTML.escape(target.text))</text>\n"
        if let answer, xAxis.contains(answer) {
            let ax = frame.x(answer)
            s += "<line class=\"answer\" x1=\"\(svgNumber(ax))\" y1=\"\(svgNumber(frame.plotTop - 20))\" x2=\"\(svgNumber(ax))\" "
                + "y2=\"\(svgNumber(frame.plotBottom))\"/>"
            let anchor = ax > (frame.plotLeft + frame.plotRight) / 2 ? "end" : "start"
            s += "<text class=\"answer-label\" x=\"\(svgNumber(anchor == "end" ? ax - 5 : ax + 5))\" "
                + "y=\"\(svgNumber(frame.plotTop - 8))\" text-anchor=\"\(anchor)\">least value meeting every target: "
                + "\(HTML.escape(Fmt.parameter(answer)))</text>\n"
        }
        // Marks at every candidate while they stay apart; beyond `markLimit` the line and band carry the curve.
        for p in points where points.count <= markLimit {
            guard let c = p.check, c.mean.isFinite else { continue }
            let x = frame.x(p.value)
            let tip = "\(Fmt.parameter(p.value)): mean \(unit.interval(c.mean, c.halfWidth)), bound \(unit.value(c.bound)), "
                + (c.met ? "meets" : "does not meet") + " \(target.text)"
            s += "<g><title>\(HTML.escape(tip))</title>"
            if c.halfWidth.isFinite {
                let y0 = frame.y((c.mean - c.halfWidth) / d), y1 = frame.y((c.mean + c.halfWidth) / d)
                s += "<line class=\"whisker\" x1=\"\(svgNumber(x))\" y1=\"\(svgNumber(y0))\" x2=\"\(svgNumber(x))\" y2=\"\(svgNumber(y1))\"/>"
            }
            s += "<circle class=\"mean-dot\" cx=\"\(svgNumber(x))\" cy=\"\(svgNumber(frame.y(c.mean / d)))\" r=\"4\"/>"
            if c.bound.isFinite {
                s += diamond(x: x, y: frame.y(c.bound / d), met: c.met)
            }
            s += "</g>\n"
        }
        return s + "</svg>"
    }

    /// Candidates beyond which dots, whiskers and bound markers are left out.
    static let markLimit = 200

    /// Consecutive drawn points (nil breaks a run).
    static func runs<T>(_ items: [T?]) -> [[T]] {
        var out: [[T]] = [], current: [T] = []
        for item in items {
            if let item { current.append(item) } else if !current.isEmpty { out.append(current); current = [] }
        }
        if !current.isEmpty { out.append(current) }
        return out
    }

    /// The one-sided bound: a filled green diamond where the target is met, a hollow red one where not.
    static func diamond(x: Double, y: Double, met: Bool) -> String {
        let r = 5.0
        return "<path class=\"\(met ? "bound met" : "bound unmet")\" d=\"M\(svgNumber(x)) \(svgNumber(y - r)) "
            + "L\(svgNumber(x + r)) \(svgNumber(y)) L\(svgNumber(x)) \(svgNumber(y + r)) L\(svgNumber(x - r)) \(svgNumber(y)) Z\"/>"
    }

    static func legend(_ f: PlotFrame, twoSided: String, oneSided: String) -> String {
        let y = 18.0
        var cx = f.plotLeft
        var s = "<g class=\"legend\">"
        s += "<rect class=\"ci-band\" x=\"\(svgNumber(cx))\" y=\"\(svgNumber(y - 9))\" width=\"22\" height=\"12\"/>"
        s += "<line class=\"mean-line\" x1=\"\(svgNumber(cx))\" y1=\"\(svgNumber(y - 3))\" x2=\"\(svgNumber(cx + 22))\" y2=\"\(svgNumber(y - 3))\"/>"
        s += "<circle class=\"mean-dot\" cx=\"\(svgNumber(cx + 11))\" cy=\"\(svgNumber(y - 3))\" r=\"3.5\"/>"
        let first = "mean with its \(twoSided) interval"
        s += "<text x=\"\(svgNumber(cx + 28))\" y=\"\(svgNumber(y + 1))\">\(HTML.escape(first))</text>"
        cx += 40 + Double(first.count) * 6.6
        s += diamond(x: cx + 5, y: y - 3, met: true) + diamond(x: cx + 19, y: y - 3, met: false)
        let second = "\(oneSided) one-sided bound: target met / not met"
        s += "<text x=\"\(svgNumber(cx + 30))\" y=\"\(svgNumber(y + 1))\">\(HTML.escape(second))</text>"
        return s + "</g>\n"
    }
}
