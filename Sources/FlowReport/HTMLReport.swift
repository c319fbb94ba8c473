import FlowEngine
import FlowExperiments
import FlowStats
import Foundation

/// A self-contained HTML report of one run, for people who commission
/// services: charts first (inline SVG drawn here, no scripts, fonts or
/// links to anything outside the file), every estimate with its
/// confidence interval, and a STRESS-DES account of the model generated
/// from the model itself.
///
/// Every name that comes from a scenario file is escaped.
public enum HTMLReport {
    public static func render(results: RunResults, info: RunInfo, model: NetworkModel,
                              scenarioDescription: String) -> String {
        let c = ReportContext(results: results, info: info, model: model, description: scenarioDescription)
        var sections: [(id: String, title: String, body: String)] = [
            ("waits", "Waiting times", WaitsSection.render(c)),
            ("decisions", "Turned away, passed on or signposted", DecisionsSection.render(c)),
            ("flows", "Flows between teams", FlowsSection.render(c)),
            ("capacity", "Occupancy and out-of-area care", CapacitySection.render(c)),
        ]
        if c.groups != nil {
            sections.append(("groups", "Population groups", GroupsSection.render(c)))
        }
        sections.append(("table", "Results by team", ResultsTable.render(c)))
        sections.append(("account", "Model account (STRESS-DES)", ModelAccount.render(c)))
        // Waiting lists and bed occupancy over time (SeriesSection) appear
        // when the run kept a census series (`run --interval`, on by default).

        return ReportPage.render(
            title: info.scenarioName + " — FlowSim report", header: header(c),
            sections: sections.map { ReportPage.Section(id: $0.id, title: $0.title, body: $0.body) },
            footer: "FlowSim \(HTML.escape(FlowSimVersion.string)) · scenario hash "
                + "<code>\(HTML.escape(info.scenarioHash))</code> · seed \(info.seed) · \(c.replications) replications. "
                + "Intervals are \(c.level) Student-t confidence intervals across replications.")
    }

    static func header(_ c: ReportContext) -> String {
        var s = "<header class=\"top\"><div class=\"wrap\">\n"
        s += "<p class=\"kicker\">FlowSim simulation report</p>\n"
        s += "<h1>\(HTML.escape(c.info.scenarioName))</h1>\n"
        if !c.description.isEmpty {
            s += "<p class=\"lede\">\(HTML.escape(c.description.trimmingCharacters(in: .whitespacesAndNewlines)))</p>\n"
        }
        s += "<p class=\"meta\">\(c.replications) replications of \(Fmt.period(c.info.duration)) each; "
            + "results cover the last \(Fmt.period(c.observedDays)) of each, after a warm-up of "
            + "\(Fmt.period(c.info.warmUp)). Every figure is a mean across replications; ± gives the half-width of its "
            + "\(c.level) confidence interval, and whiskers on charts show the interval.</p>\n"
        s += "</div></header>\n"
        s += keyFigures(c)
        return s
    }

    /// The handful of system-wide numbers a reader looks for first.
    static func keyFigures(_ c: ReportContext) -> String {
        var tiles: [(label: String, value: String, hw: String, hint: String)] = []
        func add(_ label: String, _ s: Summary, _ kind: Fmt.Kind, hint: String) {
            guard s.mean.isFinite else { return }
            let unit: Fmt.TimeUnit? = kind == .duration ? Fmt.TimeUnit.fitting(s.mean) : nil
            let v = Fmt.value(s.mean, kind, unit: unit)
            var hw = ""
            if s.halfWidth.isFinite {
                switch kind {
                case .duration: hw = "± " + Fmt.number(s.halfWidth / (unit ?? .days).days, digits: 2) + " " + (unit ?? .days).name
                case .share: hw = "± " + Fmt.number(s.halfWidth * 100, digits: 2) + " points"
                default: hw = "± " + Fmt.number(s.halfWidth, digits: 2)
                }
            }
            tiles.append((label, v, hw, hint))
        }
        let period = Fmt.period(c.observedDays)
        add("People referred", c.summary(.arrivals), .count, hint: "entered the system in \(period)")
        if let longest = longestWait(c) {
            add("Longest mean wait", c.summary(.waitMean, longest), .duration, hint: "at " + HTML.escape(longest))
        }
        add("Time in the system", c.summary(.timeInSystem), .duration, hint: "mean, from referral to leaving")
        let crises = sum(c, .crises)
        if crises.mean > 0 { add("Crises while waiting", crises, .count, hint: "people who reached a crisis in a queue") }
        add("Hand-offs per person", c.summary(.handoffs), .plain, hint: "redirections and signposts, per person who left")
        let mm = c.summary(.missingMiddle)
        if mm.mean > 0 { add("Missing middle", mm, .count, hint: "rejected by two or more teams, accepted by none") }
        let oap = outOfArea(c)
        if let oap { add("Out-of-area admissions", oap.admissions, .count, hint: "placed away from local services") }
        add("Total cost", c.summary(.cost), .money, hint: "over \(period), in the scenario's currency units")

        var s = "<section class=\"wrap key\" aria-label=\"Key figures\"><div class=\"tiles\">\n"
        for t in tiles {
            s += "<div class=\"tile\"><div class=\"label\">\(t.label)</div><div class=\"v\">\(t.value)</div>"
                + "<div class=\"hw\">\(t.hw)</div><div class=\"hint\">\(t.hint)</div></div>\n"
        }
        return s + "</div></section>\n"
    }

    /// The station with the longest mean wait, if anyone waited.
    static func longestWait(_ c: ReportContext) -> String? {
        let waits = c.model.stations.map { ($0.name, c.mean(.waitMean, $0.name)) }.filter { $0.1.isFinite && $0.1 > 0 }
        return waits.max { $0.1 < $1.1 }?.0
    }

    /// A station metric summed over every station within each replication.
    static func sum(_ c: ReportContext, _ m: StationMeasure) -> Summary {
        var totals = Array(repeating: 0.0, count: c.replications)
        for st in c.model.stations {
            for (k, v) in c.results.values(m.rawValue, station: st.name).enumerated() where v.isFinite && k < totals.count {
                totals[k] += v
            }
        }
        return Summary(values: totals, confidence: c.confidence)
    }

    /// Admissions to spill-over stations (out of area): people sent there
    /// because the station they were meant for was full, summed per replication.
    static func outOfArea(_ c: ReportContext) -> (admissions: Summary, stations: [String])? {
        let spill = Set(c.spillOverStations)
        guard !spill.isEmpty else { return nil }
        var totals = Array(repeating: 0.0, count: c.replications)
        for st in c.model.stations where st.overflow >= 0 && spill.contains(Int(st.overflow)) {
            for (k, v) in c.results.values(StationMeasure.overflowed.rawValue, station: st.name).enumerated()
            where v.isFinite && k < totals.count {
                totals[k] += v
            }
        }
        return (Summary(values: totals, confidence: c.confidence), spill.sorted().map { c.model.stations[$0].name })
    }
}
