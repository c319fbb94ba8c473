import FlowEngine
import FlowStats
import Foundation

/// Section: the headline table, key metrics per team with the half-width
/// of their confidence interval, then the system-wide metrics.
enum ResultsTable {
    struct Column {
        var title: String
        var measure: StationMeasure
        var kind: Fmt.Kind
    }

    static let columns = [
        Column(title: "Referrals", measure: .arrivals, kind: .count),
        Column(title: "Utilisation", measure: .utilisation, kind: .share),
        Column(title: "Mean wait", measure: .waitMean, kind: .duration),
        Column(title: "90th percentile wait", measure: .waitP90, kind: .duration),
        Column(title: "Waiting list (mean)", measure: .queueLength, kind: .count),
        Column(title: "Caseload (mean)", measure: .busyServers, kind: .count),
        Column(title: "Rejected", measure: .rejected, kind: .count),
        Column(title: "Crises while waiting", measure: .crises, kind: .count),
        Column(title: "Sent on when full", measure: .overflowed, kind: .count),
        Column(title: "Cost", measure: .cost, kind: .money),
    ]

    static func render(_ c: ReportContext) -> String {
        var s = "<p>Key results for every team over \(Fmt.period(c.observedDays)): the mean across replications, with "
            + "the half-width of its \(c.level) confidence interval beneath. “–” marks a value that was not observed "
            + "(no one served) or does not apply (utilisation of a team with unlimited places). Sent on when full "
            + "includes out-of-area admissions from local beds.</p>\n"
        s += "<div class=\"scroll\"><table class=\"data results\">\n<caption>Results by team</caption>\n<thead><tr>"
            + "<th scope=\"col\">Team</th>"
        for col in columns { s += "<th scope=\"col\" class=\"num\">\(col.title)</th>" }
        s += "</tr></thead>\n<tbody>\n"
        for st in c.model.stations {
            s += "<tr><th scope=\"row\">\(HTML.escape(st.name))"
            if let f = st.function { s += "<span class=\"fn\">\(f.rawValue)</span>" }
            s += "</th>"
            for col in columns { s += "<td class=\"num\">\(cell(c.summary(col.measure, st.name), col.kind))</td>" }
            s += "</tr>\n"
        }
        s += "</tbody>\n</table></div>\n"
        s += systemTable(c)
        return s
    }

    /// Mean on the first line, ± half-width in small type below, in the same unit.
    static func cell(_ s: Summary, _ kind: Fmt.Kind) -> String {
        guard s.mean.isFinite else { return Fmt.missing }
        switch kind {
        case .duration:
            if s.mean == 0 { return "0" }
            let u = Fmt.TimeUnit.fitting(s.mean)
            return "\(Fmt.number(s.mean / u.days)) \(u.name)" + hw(s.halfWidth / u.days)
        case .share:
            return Fmt.percent(s.mean) + hw(s.halfWidth * 100)
        case .count, .money, .plain:
            if s.mean == 0 && !(s.halfWidth > 0) { return "0" }
            return Fmt.number(s.mean) + hw(s.halfWidth, mean: s.mean)
        }
    }

    static func hw(_ h: Double, mean: Double = 0) -> String {
        guard h.isFinite else { return "" }
        return "<br><span class=\"hw\">± \(Fmt.halfWidthText(h, mean: mean))</span>"
    }

    static func systemTable(_ c: ReportContext) -> String {
        let kinds: [SystemMeasure: Fmt.Kind] = [
            .timeInSystem: .duration, .timeInSystemP90: .duration, .cost: .money,
            .handoffs: .plain, .assessments: .plain, .rejections: .plain, .crises: .plain,
            .waitingList: .plain,
            .waitFirstContact: .duration, .waitFirstContactMedian: .duration, .waitFirstContactP90: .duration,
            .waitAssessment: .duration, .waitAssessmentMedian: .duration, .waitAssessmentP90: .duration,
            .waitTreatment: .duration, .waitTreatmentMedian: .duration, .waitTreatmentP90: .duration,
        ]
        var rows: [[String]] = []
        for m in SystemMeasure.allCases {
            let s = c.summary(m)
            if m == .loopsBroken && !(s.mean > 0) { continue }
            let kind = kinds[m] ?? .count
            rows.append([HTML.escape(label(m)), HTML.escape(m.meaning), Fmt.interval(s, kind), "\(s.n)"])
        }
        return "<h3>The whole system</h3>\n"
            + Block.table(caption: "System-wide results", header: ["Metric", "Meaning", "Mean ± \(c.level) CI", "n"],
                          rows: rows, numericFrom: 2)
    }

    /// Plain names; a metric added later falls back to its file name.
    static let labels: [SystemMeasure: String] = [
        .arrivals: "People referred", .departures: "People who left", .timeInSystem: "Mean time in the system",
        .timeInSystemP90: "90th percentile time in the system", .inSystem: "People in the system (mean)",
        .handoffs: "Hand-offs per person", .assessments: "Assessments per person", .rejections: "Rejections per person",
        .crises: "Crises per person", .missingMiddle: "Missing middle", .cost: "Total cost", .loopsBroken: "Rule loops broken",
        .referrals: "Referrals (re-referrals included)", .crisisCount: "Crises", .aeAttendances: "A&E attendances",
        .waitFirstContact: "Mean wait to first contact", .waitAssessment: "Mean wait for assessment",
        .waitTreatment: "Mean wait for treatment",
    ]

    static func label(_ m: SystemMeasure) -> String { labels[m] ?? m.rawValue }
}
