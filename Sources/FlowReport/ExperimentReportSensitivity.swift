import Foundation

/// Section: how much each parameter moves each output. Per output metric,
/// only the charts it has estimates for: a tornado of one-at-a-time
/// swings, Sobol first-order and total indices, a Morris μ*–σ screening
/// plot and partial rank correlations, each with the numbers behind it.
enum SensitivitySection {
    typealias Sensitivity = ExperimentReportData.Sensitivity

    static func render(_ data: ExperimentReportData) -> String {
        var s = "<p>How strongly each varied parameter moves each output. Intervals on the charts are those the "
            + "estimator gave (for Sobol indices and rank correlations, usually a bootstrap over the design).</p>\n"
        for (i, sens) in data.sensitivities.enumerated() {
            s += "<h3>\(HTML.code(sens.output))</h3>\n"
            let unit = unit(sens)
            if sens.baseline.isFinite {
                s += "<p>At the baseline, \(HTML.code(sens.output)) is \(HTML.escape(unit.value(sens.baseline))).</p>\n"
            }
            let parts = [tornado(sens, id: "s\(i)-tornado", unit: unit), sobol(sens, id: "s\(i)-sobol"),
                         MorrisChart.render(sens, id: "s\(i)-morris", unit: unit), prcc(sens, id: "s\(i)-prcc")]
            if parts.allSatisfy(\.isEmpty) {
                s += Block.note("No sensitivity estimates for this output.")
            }
            s += parts.joined()
        }
        return s
    }

    /// The output's unit, sized to its values.
    static func unit(_ sens: Sensitivity) -> MetricUnit {
        // `metric@station/group`, either part optional.
        let metric = sens.output.split(whereSeparator: { $0 == "@" || $0 == "/" }).first.map(String.init) ?? sens.output
        let typical = ([sens.baseline] + sens.tornado.flatMap { [$0.outputAtLow, $0.outputAtHigh] } + sens.morris.map(\.muStar))
            .filter(\.isFinite).map(abs).max() ?? 1
        return MetricUnit(metric: metric, typical: typical)
    }

    /// Bars from the output with the parameter at its low level to the
    /// output at its high level, split at the baseline, widest swing first.
    static func tornado(_ sens: Sensitivity, id: String, unit: MetricUnit) -> String {
        guard !sens.tornado.isEmpty else { return "" }
        let bars = sens.tornado.sorted { swing($0) > swing($1) }
        let d = unit.divisor, base = sens.baseline
        let rows = bars.map { b -> SpanBarChart.Row in
            let lowTip = "\(b.name) at \(Fmt.parameter(b.lowLevel)): \(unit.value(b.outputAtLow))"
            let highTip = "\(b.name) at \(Fmt.parameter(b.highLevel)): \(unit.value(b.outputAtHigh))"
            let marks: [SpanBarChart.Bar]
            if base.isFinite {
                marks = [SpanBarChart.Bar(lane: 0, from: base / d, to: b.outputAtLow / d, tooltip: lowTip, color: Palette.lightBlue),
                         SpanBarChart.Bar(lane: 0, from: base / d, to: b.outputAtHigh / d, tooltip: highTip, color: Palette.darkBlue)]
            } else {
                marks = [SpanBarChart.Bar(lane: 0, from: b.outputAtLow / d, to: b.outputAtHigh / d,
                                          tooltip: lowTip + "; " + highTip, color: Palette.blue)]
            }
            let note = "\(Fmt.parameter(b.lowLevel)) → \(unit.value(b.outputAtLow)); "
                + "\(Fmt.parameter(b.highLevel)) → \(unit.value(b.outputAtHigh))"
            return SpanBarChart.Row(label: b.name, bars: marks, note: note)
        }
        let chart = SpanBarChart(
            id: id, title: "Tornado chart of \(sens.output)",
            summary: "The output with each parameter at its low and its high level, the others at baseline; "
                + "widest swing first: \(bars.prefix(3).map(\.name).joined(separator: ", ")).",
            series: [.init(name: "parameter at its low level", color: Palette.lightBlue),
                     .init(name: "at its high level", color: Palette.darkBlue)],
            rows: rows,
            references: base.isFinite ? [(base / d, "baseline \(unit.value(base))")] : [],
            including: base.isFinite ? [base / d] : [])
        var s = "<h4>One at a time: tornado</h4>\n"
        s += Block.figure(chart.svg(), caption: "Each bar runs from the output with the parameter at its low level "
            + "(light) to the output at its high level (dark), every other parameter at its baseline; the note gives "
            + "level → output. Widest swing first\(unit.name.isEmpty ? "" : "; axis in \(HTML.escape(unit.name))").")
        s += Block.dataTable(caption: "Tornado: \(HTML.escape(sens.output))",
                             header: ["Parameter", "Low level", "Output at low", "High level", "Output at high", "Swing"],
                             rows: bars.map { b in
                                 [HTML.escape(b.name), Fmt.parameter(b.lowLevel), unit.value(b.outputAtLow),
                                  Fmt.parameter(b.highLevel), unit.value(b.outputAtHigh), unit.value(swing(b))]
                             })
        return s
    }

    /// |output at high − output at low|; NaN sorts last.
    static func swing(_ b: ExperimentReportData.TornadoBar) -> Double {
        let v = abs(b.outputAtHigh - b.outputAtLow)
        return v.isFinite ? v : -1
    }

    /// First-order and total Sobol indices, paired per parameter, most influential first.
    static func sobol(_ sens: Sensitivity, id: String) -> String {
        guard !sens.firstOrder.isEmpty || !sens.totalOrder.isEmpty else { return "" }
        var names: [String] = []
        for e in sens.totalOrder + sens.firstOrder where !names.contains(e.name) { names.append(e.name) }
        let first = Dictionary(sens.firstOrder.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
        let total = Dictionary(sens.totalOrder.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
        func rank(_ n: String) -> Double {
            let v = total[n]?.value ?? first[n]?.value ?? .nan
            return v.isFinite ? v : -.infinity
        }
        names.sort { rank($0) > rank($1) }
        let both = !sens.firstOrder.isEmpty && !sens.totalOrder.isEmpty
        let lanes: [(name: String, map: [String: ExperimentReportData.Estimate], color: String)] =
            [("first-order S1", first, Palette.blue), ("total ST", total, Palette.warmYellow)]
            .filter { !$0.map.isEmpty }
        let rows = names.map { name -> SpanBarChart.Row in
            var bars: [SpanBarChart.Bar] = []
            var notes: [String] = []
            for (lane, l) in lanes.enumerated() {
                guard let e = l.map[name] else { notes.append("\(l.name.split(separator: " ").last ?? "") –"); continue }
                bars.append(.init(lane: lane, from: 0, to: e.value, low: e.lower, high: e.upper,
                                  tooltip: "\(name), \(l.name): \(estimateText(e))"))
                notes.append("\(l.name.split(separator: " ").last ?? "") \(Fmt.number(e.value, digits: 2))")
            }
            return .init(label: name, bars: bars, note: notes.joined(separator: " · "))
        }
        let chart = SpanBarChart(
            id: id, title: "Sobol indices of \(sens.output)",
            summary: "Share of the output's variance due to each parameter alone (first-order) and with its "
                + "interactions (total), most influential first: \(names.prefix(3).joined(separator: ", ")).",
            series: lanes.map { .init(name: $0.name, color: $0.color) }, lanes: lanes.count, rows: rows,
            intervalLegend: "interval")
        var s = "<h4>Variance-based: Sobol indices</h4>\n"
        s += Block.figure(chart.svg(), caption: "The first-order index S1 is the share of the output's variance "
            + "explained by the parameter alone; the total index ST adds its interactions with the others. "
            + (both ? "A large gap between ST and S1 means the parameter acts through interactions. " : "")
            + "Whiskers show each estimate's interval; small negative estimates are sampling noise around zero.")
        s += Block.dataTable(caption: "Sobol indices: \(HTML.escape(sens.output))",
                             header: ["Parameter"] + lanes.map(\.name),
                             rows: names.map { n in [HTML.escape(n)] + lanes.map { l in l.map[n].map(estimateText) ?? Fmt.missing } })
        return s
    }

    /// Partial rank correlation coefficients on a fixed −1..1 axis, strongest first.
    static func prcc(_ sens: Sensitivity, id: String) -> String {
        guard !sens.prcc.isEmpty else { return "" }
        let sorted = sens.prcc.sorted { strength($0.value) > strength($1.value) }
        let rows = sorted.map { e in
            SpanBarChart.Row(label: e.name,
                             bars: [.init(lane: 0, from: 0, to: max(-1, min(1, e.value)), low: e.lower, high: e.upper,
                                          tooltip: "\(e.name): \(estimateText(e))",
                                          color: e.value < 0 ? Palette.orange : Palette.darkBlue)],
                             note: Fmt.number(e.value, digits: 2))
        }
        let chart = SpanBarChart(
            id: id, title: "Partial rank correlations with \(sens.output)",
            summary: "Rank correlation of each parameter with the output, the others held out, from −1 to 1; strongest "
                + "first: \(sorted.prefix(3).map(\.name).joined(separator: ", ")).",
            series: [.init(name: "PRCC", color: Palette.darkBlue)], rows: rows, fixed: (-1, 1), intervalLegend: "interval")
        var s = "<h4>Monotone effects: partial rank correlations (PRCC)</h4>\n"
        s += Block.figure(chart.svg(), caption: "The rank correlation of each parameter with the output once the "
            + "other parameters' effects are removed: near 1 the output rises with the parameter, near −1 (orange) it "
            + "falls, near 0 there is no monotone effect. Whiskers show each estimate's interval.")
        s += Block.dataTable(caption: "PRCC: \(HTML.escape(sens.output))", header: ["Parameter", "PRCC [interval]"],
                             rows: sorted.map { [HTML.escape($0.name), estimateText($0)] })
        return s
    }

    static func strength(_ v: Double) -> Double { v.isFinite ? abs(v) : -1 }

    /// "0.42 [0.35, 0.50]", or "0.42" without an interval, "–" when missing.
    static func estimateText(_ e: ExperimentReportData.Estimate) -> String {
        let v = Fmt.number(e.value, digits: 2)
        guard e.value.isFinite, e.lower.isFinite, e.upper.isFinite else { return v }
        return "\(v) [\(Fmt.number(e.lower, digits: 2)), \(Fmt.number(e.upper, digits: 2))]"
    }
}
