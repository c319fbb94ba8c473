import Foundation

/// The Morris screening plot: each parameter's mean absolute elementary
/// effect μ* against their standard deviation σ, both axes from zero,
/// with the lines σ = μ* and σ = 0.1 μ* that separate roughly linear
/// effects (below) from non-linear or interacting ones (above).
enum MorrisChart {
    static func render(_ sens: ExperimentReportData.Sensitivity, id: String, unit: MetricUnit) -> String {
        let points = sens.morris.filter { $0.muStar.isFinite && $0.sigma.isFinite }
        guard !sens.morris.isEmpty else { return "" }
        let d = unit.divisor
        // Axes from zero, with room beyond the largest point for its dot.
        let xs = points.map { $0.muStar / d }, ys = points.map { $0.sigma / d }
        var frame = PlotFrame(width: 960, height: 420,
                              xAxis: LinearAxis(xs, including: [0, (xs.max() ?? 0) * 1.06]),
                              yAxis: LinearAxis(ys, including: [0, (ys.max() ?? 0) * 1.06]))
        frame.left = 70
        let ranked = points.sorted { $0.muStar > $1.muStar }
        var s = frame.open(id: id, title: "Morris screening of \(sens.output)",
                           summary: "Mean absolute elementary effect (μ*) against its standard deviation (σ) for "
                               + "\(points.count) parameters; the most influential: "
                               + "\(ranked.prefix(3).map(\.name).joined(separator: ", ")).")
        s += frame.axes(xTitle: unit.title("μ*, mean absolute effect"), yTitle: unit.title("σ of the effects"))
        s += references(frame)
        // Labels in order of influence; one that would overlap a label already placed is left to its tooltip.
        var placed: [(x0: Double, x1: Double, y0: Double, y1: Double)] = []
        for p in ranked {
            let cx = frame.x(p.muStar / d), cy = frame.y(p.sigma / d)
            s += "<g><title>\(HTML.escape("\(p.name): μ* \(unit.value(p.muStar)), σ \(unit.value(p.sigma))"))</title>"
                + "<circle class=\"pt\" cx=\"\(svgNumber(cx))\" cy=\"\(svgNumber(cy))\" r=\"5\"/></g>\n"
            let text = HTML.shorten(p.name, 28)
            let w = Double(text.count) * 6.6
            // Right of the point if it fits and is free, else left of it.
            func box(_ left: Bool) -> (x0: Double, x1: Double, y0: Double, y1: Double) {
                (x0: left ? cx - 8 - w : cx + 8, x1: left ? cx - 8 : cx + 8 + w, y0: cy - 12, y1: cy + 3)
            }
            func free(_ b: (x0: Double, x1: Double, y0: Double, y1: Double)) -> Bool {
                b.x0 >= 0 && b.x1 <= frame.width
                    && !placed.contains { b.x0 < $0.x1 && $0.x0 < b.x1 && b.y0 < $0.y1 && $0.y0 < b.y1 }
            }
            guard let leftSide = [false, true].first(where: { free(box($0)) }) else { continue }
            placed.append(box(leftSide))
            s += "<text class=\"pt-label\" x=\"\(svgNumber(leftSide ? cx - 8 : cx + 8))\" y=\"\(svgNumber(cy - 2))\" "
                + "text-anchor=\"\(leftSide ? "end" : "start")\">\(HTML.escape(text))</text>\n"
        }
        s += "</svg>"
        var out = "<h4>Screening: Morris elementary effects</h4>\n"
        out += Block.figure(s, caption: "Right means influential; high means the effect changes with the other "
            + "parameters' values (non-linear or interacting). Points below the line σ = 0.1 μ* act almost linearly; "
            + "above σ = μ* interactions dominate. Labels that would overlap are left out: hover a point, or see the numbers.")
        let missing = sens.morris.count - points.count
        if missing > 0 { out += Block.note("\(missing) parameter\(missing == 1 ? " has" : "s have") no estimate (shown as –).") }
        out += Block.dataTable(caption: "Morris screening: \(HTML.escape(sens.output))", header: ["Parameter", "μ*", "σ", "σ / μ*"],
                               rows: sens.morris.sorted { rank($0) > rank($1) }.map { p in
                                   [HTML.escape(p.name), unit.value(p.muStar), unit.value(p.sigma),
                                    p.muStar > 0 ? Fmt.number(p.sigma / p.muStar, digits: 2) : Fmt.missing]
                               })
        return out
    }

    static func rank(_ p: ExperimentReportData.MorrisPoint) -> Double { p.muStar.isFinite ? p.muStar : -1 }

    /// The lines σ = k·μ* from the origin to the edge of the plot.
    static func references(_ f: PlotFrame) -> String {
        var s = ""
        for (k, label) in [(1.0, "σ = μ*"), (0.1, "σ = 0.1 μ*")] {
            let xEnd = min(f.xAxis.upper, f.yAxis.upper / k)
            guard xEnd > 0, f.xAxis.lower <= 0, f.yAxis.lower <= 0 else { continue }
            let x0 = f.x(0), y0 = f.y(0), x1 = f.x(xEnd), y1 = f.y(k * xEnd)
            s += "<line class=\"guide\" x1=\"\(svgNumber(x0))\" y1=\"\(svgNumber(y0))\" x2=\"\(svgNumber(x1))\" "
                + "y2=\"\(svgNumber(y1))\"/>"
            // Beside the line's end: right of it at the top, above it at the right edge.
            let atTop = y1 < f.plotTop + 1 && x1 < f.plotRight - 60
            s += "<text class=\"guide-label\" x=\"\(svgNumber(atTop ? x1 + 6 : x1 - 4))\" "
                + "y=\"\(svgNumber(atTop ? y1 + 12 : y1 - 6))\" text-anchor=\"\(atTop ? "start" : "end")\">\(label)</text>\n"
        }
        return s
    }
}
