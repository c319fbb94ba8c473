import FlowEngine
import FlowExperiments
import FlowStats
import Foundation

/// What every section of the report reads: the results, the model and
/// helpers to summarise a metric across replications.
struct ReportContext {
    let results: RunResults
    let info: RunInfo
    let model: NetworkModel
    let description: String

    var confidence: Double { info.confidence }
    var level: String { "\(Int((info.confidence * 100).rounded()))%" }
    /// Days over which counts are taken (after the warm-up).
    var observedDays: Double { max(0, info.duration - info.warmUp) }
    var replications: Int { results.results.count }
    var system: String { NetworkMetrics.systemLabel }

    func summary(_ metric: String, _ station: String, group: String = MetricKey.allGroups) -> Summary {
        results.summary(metric, station: station, group: group, confidence: confidence)
    }

    func summary(_ m: StationMeasure, _ station: String, group: String = MetricKey.allGroups) -> Summary {
        summary(m.rawValue, station, group: group)
    }

    func summary(_ m: SystemMeasure) -> Summary { summary(m.rawValue, system) }

    /// Mean of a metric (NaN if never observed).
    func mean(_ m: StationMeasure, _ station: String) -> Double { summary(m, station).mean }

    /// Per replication, numerator / denominator (NaN where the denominator
    /// is 0), summarised: a ratio with an interval that respects the
    /// pairing of the two counts within each replication.
    func ratio(_ num: String, _ den: String, _ station: String, group: String = MetricKey.allGroups,
               scale: Double = 1) -> Summary {
        let a = results.values(num, station: station, group: group)
        let b = results.values(den, station: station, group: group)
        let r = zip(a, b).map { $1 > 0 ? scale * $0 / $1 : Double.nan }
        return Summary(values: r, confidence: confidence)
    }

    /// A summary as a chart value with its interval.
    func chartValue(_ s: Summary, scale: Double = 1) -> IntervalChart.Value {
        guard s.mean.isFinite else { return .missing }
        let hw = s.halfWidth.isFinite ? s.halfWidth : 0
        return .init(mean: s.mean * scale, low: (s.mean - hw) * scale, high: (s.mean + hw) * scale)
    }

    func stationName(_ index: Int32) -> String {
        model.destinationName(index)
    }

    /// The population-group attribute and its levels, when the model reports groups.
    var groups: Attribute? { model.groupAttribute.map { model.attributes[$0] } }

    /// Whether a station ever had anyone: arrivals observed in some replication.
    func isActive(_ station: String) -> Bool { summary(.arrivals, station).mean > 0 }

    /// Stations whose capacity is limited (utilisation is defined there).
    func hasFiniteCapacity(_ st: Station) -> Bool {
        if st.diary != nil { return false }
        if case .infinite = st.capacity { return false }
        return true
    }

    /// The stations that receive overflow from another and have unlimited
    /// capacity: out-of-area placements and similar spill-over services.
    var spillOverStations: [Int] {
        let targets = Set(model.stations.map(\.overflow).filter { $0 >= 0 }.map(Int.init))
        return targets.sorted().filter { i in
            if case .infinite = model.stations[i].capacity { return true }
            return false
        }
    }
}

/// HTML fragments shared by the sections.
enum Block {
    static func figure(_ svg: String, caption: String) -> String {
        "<figure>\n\(svg)\n<figcaption>\(caption)</figcaption>\n</figure>\n"
    }

    /// A table whose cells are already HTML; the header row uses `scope="col"`
    /// and the first cell of each row `scope="row"`.
    static func table(caption: String, header: [String], rows: [[String]], numericFrom: Int = 1,
                      className: String = "data") -> String {
        var s = "<table class=\"\(className)\">\n<caption>\(caption)</caption>\n<thead><tr>"
        for (i, h) in header.enumerated() {
            s += "<th scope=\"col\"\(i >= numericFrom ? " class=\"num\"" : "")>\(h)</th>"
        }
        s += "</tr></thead>\n<tbody>\n"
        for r in rows {
            s += "<tr>"
            for (i, c) in r.enumerated() {
                s += i == 0 ? "<th scope=\"row\">\(c)</th>" : "<td\(i >= numericFrom ? " class=\"num\"" : "")>\(c)</td>"
            }
            s += "</tr>\n"
        }
        return s + "</tbody>\n</table>\n"
    }

    /// A collapsed table of a chart's numbers, for screen readers and for
    /// readers who want the figures.
    static func dataTable(caption: String, header: [String], rows: [[String]]) -> String {
        "<details class=\"numbers\"><summary>The numbers behind this chart</summary>\n"
            + table(caption: caption, header: header, rows: rows) + "</details>\n"
    }

    static func note(_ text: String) -> String { "<p class=\"note\">\(text)</p>\n" }
}
