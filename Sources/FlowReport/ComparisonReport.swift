import FlowEngine
import FlowExperiments
import FlowStats
import Foundation

/// A self-contained HTML page comparing variants with a baseline under
/// common random numbers: per variant, the largest significant paired
/// differences as a forest plot of relative change with intervals, and a
/// table. Every scenario-supplied name is escaped; no external resource.
public enum ComparisonReport {
    public static func render(_ comparison: Comparison, baseline: String, variants: [String], top: Int = 15) -> String {
        let level = Int((comparison.confidence * 100).rounded())
        var body = """
            <header><div class="wrap"><p class="kicker">FlowSim scenario comparison</p>
            <h1>\(HTML.escape(baseline)) and \(variants.count) variant\(variants.count == 1 ? "" : "s")</h1>
            <p>\(comparison.replications) replications of each scenario with the same master seed (\(comparison.seed)),
            so replication k of every scenario uses the same random numbers. A difference is the variant minus the
            baseline, replication by replication; ± is the half-width of its \(level)% paired confidence interval.
            Only differences whose interval excludes zero are shown, largest (standardised) first.</p></div></header>
            <main class="wrap">
            """
        for (variant, name) in zip(comparison.variants, variants) {
            let ranked = Array(variant.ranked().prefix(top))
            body += "<section class=\"card\"><h2>\(HTML.escape(name))</h2>"
            if ranked.isEmpty {
                body += "<p>No metric differs significantly from the baseline.</p></section>"
                continue
            }
            body += forest(ranked) + table(ranked) + "</section>"
        }
        body += "</main>"
        return """
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(HTML.escape(baseline)) compared</title><style>\(ReportStyle.css)
            .forest text { font-size: 12px; fill: #334; } .forest line.zero { stroke: #999; stroke-dasharray: 4 3; }
            </style></head><body>
            \(body)
            </body></html>
            """
    }

    static func label(_ d: MetricDifference) -> String {
        let group = d.key.group == MetricKey.allGroups ? "" : " [\(d.key.group)]"
        return "\(d.key.station) · \(d.key.metric)\(group)"
    }

    /// Relative change (variant − baseline) / baseline with its interval, one row per metric.
    static func forest(_ rows: [MetricDifference]) -> String {
        let usable = rows.filter { $0.paired.baselineMean != 0 && $0.paired.baselineMean.isFinite }
        guard !usable.isEmpty else { return "" }
        let rel = usable.map { d -> (Double, Double, Double) in
            let b = abs(d.paired.baselineMean)
            return (d.paired.meanDifference / b, d.paired.lower / b, d.paired.upper / b)
        }
        // Scale to most rows, not to one outlier: rows beyond are drawn at the edge with their value.
        let spans = rel.map { max(abs($0.1), abs($0.2)) }.sorted()
        let extent = max(0.05, spans[Int(0.8 * Double(spans.count - 1))] * 1.1)
        let left = 330.0, width = 420.0, rowHeight = 24.0
        let height = Double(usable.count) * rowHeight + 40
        func x(_ v: Double) -> Double { left + (max(-extent, min(extent, v)) / extent + 1) / 2 * width }
        var svg = "<svg class=\"forest\" viewBox=\"0 0 \(Int(left + width + 20)) \(Int(height))\" role=\"img\" aria-labelledby=\"ft\"><title id=\"ft\">Relative change of each metric with its confidence interval</title>"
        svg += "<line class=\"zero\" x1=\"\(x(0))\" x2=\"\(x(0))\" y1=\"8\" y2=\"\(height - 24)\"/>"
        for (i, (d, r)) in zip(usable, rel).enumerated() {
            let y = 20 + Double(i) * rowHeight
            let colour = r.0 > 0 ? "#c0392b" : "#1f6fb2"
            svg += "<text x=\"\(left - 8)\" y=\"\(y + 4)\" text-anchor=\"end\">\(HTML.escape(HTML.shorten(label(d), 48)))</text>"
            svg += "<line x1=\"\(x(r.1))\" x2=\"\(x(r.2))\" y1=\"\(y)\" y2=\"\(y)\" stroke=\"\(colour)\" stroke-width=\"2\"/>"
            svg += "<circle cx=\"\(x(r.0))\" cy=\"\(y)\" r=\"4\" fill=\"\(colour)\"><title>\(HTML.escape(label(d))): \(String(format: "%+.1f%%", 100 * r.0))</title></circle>"
            if abs(r.0) > extent {
                svg += "<text x=\"\(x(r.0) + (r.0 > 0 ? -6 : 6))\" y=\"\(y - 6)\" text-anchor=\"\(r.0 > 0 ? "end" : "start")\">\(String(format: "%+.0f%% (off the scale)", 100 * r.0))</text>"
            }
        }
        for tick in [-1.0, -0.5, 0, 0.5, 1.0] {
            svg += "<text x=\"\(x(tick * extent))\" y=\"\(height - 6)\" text-anchor=\"middle\">\(String(format: "%+.0f%%", 100 * tick * extent))</text>"
        }
        return svg + "</svg>"
    }

    static func table(_ rows: [MetricDifference]) -> String {
        var t = "<table><thead><tr><th>station</th><th>metric</th><th>group</th><th>baseline</th><th>variant</th><th>difference ±</th><th>relative change</th></tr></thead><tbody>"
        for d in rows {
            let p = d.paired
            t += "<tr><td>\(HTML.escape(d.key.station))</td><td>\(HTML.escape(d.key.metric))</td><td>\(HTML.escape(d.key.group))</td>"
                + "<td>\(Fmt.number(p.baselineMean))</td><td>\(Fmt.number(p.variantMean))</td>"
                + "<td>\(Fmt.number(p.meanDifference)) ± \(Fmt.number(p.halfWidth))</td>"
                + "<td>\(p.relativeChange.isFinite ? String(format: "%+.1f%%", 100 * p.relativeChange) : "–")</td></tr>"
        }
        return t + "</tbody></table>"
    }
}
