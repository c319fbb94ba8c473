import FlowEngine
import Foundation

/// Section: an account of the model in the order of the STRESS-DES
/// checklist (Monks et al. 2019, "Strengthening the reporting of empirical
/// simulation studies"), generated from the model that was run.
enum ModelAccount {
    /// The checklist's six headings, in order.
    static let headings = ["1. Objectives", "2. Logic", "3. Data", "4. Experimentation", "5. Implementation", "6. Code access"]

    static func render(_ c: ReportContext) -> String {
        var s = "<p>This account follows the STRESS-DES reporting checklist for discrete-event simulation and is generated "
            + "from the model that was run, so it cannot drift from it.</p>\n"
        s += objectives(c)
        s += ModelLogic.render(c)
        s += data(c)
        s += experimentation(c)
        s += implementation(c)
        s += codeAccess(c)
        return s
    }

    static func heading(_ i: Int) -> String { "<h3 class=\"stress\">\(headings[i])</h3>\n" }
    static func item(_ title: String) -> String { "<h4>\(title)</h4>\n" }

    static func objectives(_ c: ReportContext) -> String {
        var s = heading(0)
        s += item("1.1 Purpose of the model")
        s += "<p><strong>\(HTML.escape(c.info.scenarioName))</strong>"
        let text = c.description.trimmingCharacters(in: .whitespacesAndNewlines)
        s += text.isEmpty ? ".</p>\n" : ": \(HTML.escape(text))</p>\n"
        s += "<p>The model estimates, for this configuration of services, how long people wait, how often they are "
            + "turned away, passed on or reach a crisis, how full teams and beds are, and what it costs, for everyone "
            + "and, where groups are defined, for each population group.</p>\n"
        s += item("1.2 Model outputs")
        s += "<p>Per team: referrals, waits (mean, 90th percentile, share within each standard), waiting list and "
            + "caseload (time averages), utilisation, decisions by reason, re-referrals, crises while waiting, steps up "
            + "and down, overflow and cost. System-wide: time in the system, hand-offs, assessments, rejections and "
            + "crises per person, the missing middle and total cost. Every output is a mean across replications with a "
            + "\(c.level) confidence interval.</p>\n"
        s += "<details class=\"numbers\"><summary>Every metric and its meaning</summary>\n<dl class=\"metrics\">"
        for (name, meaning) in NetworkMetrics.station + NetworkMetrics.system {
            s += "<dt><code>\(HTML.escape(name))</code></dt><dd>\(HTML.escape(meaning))</dd>"
        }
        s += "</dl></details>\n"
        s += item("1.3 Experimentation aims")
        s += "<p>One configuration of the system, run as \(c.replications) independent replications. Comparisons "
            + "between scenarios are reported separately.</p>\n"
        return s
    }

    static func data(_ c: ReportContext) -> String {
        var s = heading(2)
        s += item("3.1 Data sources")
        s += "<p>Every parameter comes from the scenario file" + (c.info.files.count > 1 ? "s " : " ")
            + c.info.files.map(HTML.code).joined(separator: ", ")
            + "; the sources of the figures are cited in the files' comments.</p>\n"
        s += item("3.2 Pre-processing")
        s += "<p>None beyond unit conversion: durations are converted to days and rates to people per day when the "
            + "scenario loads; vacancies are removed from capacity before the run.</p>\n"
        s += item("3.3 Input parameters")
        s += sources(c)
        if !c.model.standards.isEmpty {
            s += "<p>Waiting-time standards: " + c.model.standards.map { WaitsSection.standardLabel($0) }.joined(separator: ", ")
                + ". Station parameters (capacity, service times, rules, routing, costs) are listed under 2.5.</p>\n"
        }
        s += item("3.4 Assumptions")
        s += "<ul class=\"assumptions\">\n"
        for a in assumptions(c) { s += "<li>\(a)</li>\n" }
        s += "</ul>\n"
        return s
    }

    static func sources(_ c: ReportContext) -> String {
        let names = c.model.stations.map(\.name)
        var rows: [[String]] = []
        for src in c.model.sources {
            var mix: [String] = []
            for (a, attr) in c.model.attributes.enumerated() {
                let d = a < src.mix.count ? src.mix[a] : nil
                mix.append("<span class=\"attr\">\(HTML.escape(attr.name))</span>: \(HTML.escape(Describe.mix(d, attr)))")
            }
            var arrivals = HTML.escape(Describe.arrivals(src))
            if let b = src.batch { arrivals += "; batches: \(HTML.escape(Describe.distribution(b, duration: false)))" }
            if let l = src.limit { arrivals += "; at most \(Fmt.grouped(Double(l))) arrivals" }
            rows.append([HTML.escape(src.name), arrivals, HTML.escape(Describe.routing(src.route, names: names, families: c.model.localities?.names ?? [])),
                         "\(src.priority)", mix.isEmpty ? "–" : mix.joined(separator: "<br>")])
        }
        return Block.table(caption: "Referral sources", header: ["Source", "Arrivals", "First goes to", "Priority", "Attribute mix"],
                           rows: rows, numericFrom: 9)
    }

    static func assumptions(_ c: ReportContext) -> [String] {
        var out = [
            "Referrals from each source arrive as a Poisson process (non-stationary where a profile is given) unless a "
                + "renewal process is stated; sources are independent of one another.",
            "Service times are independent draws from the stated distributions; they do not depend on a person's "
                + "attributes or on how busy the team is.",
            "After service, the next step is drawn from fixed probabilities, whatever the person's history; flow rules "
                + "are the only decisions that look at attributes or at the state of the system.",
            "A flow rule applies with its stated adherence when its condition holds; the first matching rule decides.",
            "Staff whose shift ends finish the task in hand; only new starts wait for the next shift.",
            "Costs are linear: per arrival, per completed service, per day in service and per server on duty.",
        ]
        if !c.model.attributes.isEmpty {
            out.insert("Each person's attributes (" + c.model.attributes.map { HTML.code($0.name) }.joined(separator: ", ")
                       + ") are drawn independently of one another at referral from the source's mix; an attribute "
                       + "not mixed takes its first level.", at: 2)
        }
        if c.model.stations.contains(where: { $0.deterioration != nil }) {
            out.append("While waiting, a person may reach a crisis after a time drawn by their level of risk; they then "
                       + "leave the queue for the first crisis service open at that moment.")
        }
        out.append("Rejected people are re-referred with the team's stated probability and delay, by the route they came.")
        return out
    }

    static func experimentation(_ c: ReportContext) -> String {
        var s = heading(3)
        s += item("4.1 Initialisation")
        s += "<p>Each replication starts empty and idle on \(startDate(c)) (time 0, midnight). A warm-up of "
            + "<strong>\(Fmt.period(c.info.warmUp))</strong> fills the caseloads; statistics from before its end are "
            + "discarded.</p>\n"
        s += item("4.2 Run length")
        s += "<p>Each replication runs for <strong>\(Fmt.period(c.info.duration))</strong>; results cover the last "
            + "<strong>\(Fmt.period(c.observedDays))</strong>. Counts and time averages cover that window; waits and "
            + "times are recorded when they end inside it.</p>\n"
        s += item("4.3 Estimation approach")
        s += "<p><strong>\(c.replications) independent replications</strong>. Each figure is the mean of the "
            + "replications' values, with a two-sided \(c.level) Student-t confidence interval on n − 1 degrees of "
            + "freedom (n is the number of replications that observed the metric). Intervals narrow roughly as "
            + "1/√n: four times the replications halve them.</p>\n"
        return s
    }

    static func implementation(_ c: ReportContext) -> String {
        var s = heading(4)
        s += item("5.1 Software")
        s += "<p>FlowSim \(HTML.escape(FlowSimVersion.string)), a discrete-event simulator written in Swift, with the GNU "
            + "Scientific Library (GSL) for random numbers and distributions.</p>\n"
        s += item("5.2 Random sampling")
        s += "<p>Generator <code>\(HTML.escape(c.info.generator))</code>, master seed <strong>\(c.info.seed)</strong>, "
            + "replications 0 to \(max(0, c.replications - 1)). Every purpose has its own stream, seeded from "
            + "(master seed, replication, stream name) by FNV-1a 64 over the text "
            + "<code>&lt;seed&gt;/&lt;replication&gt;/&lt;stream&gt;</code> followed by the SplitMix64 finaliser, so "
            + "replication k draws the same numbers on any thread or machine, and a variant of the scenario shares the "
            + "streams of every part it leaves unchanged (common random numbers).</p>\n"
        s += "<p>Streams: <code>source.&lt;name&gt;.arrivals</code>, <code>.batch</code>, <code>.routing</code> and "
            + "<code>source.&lt;name&gt;.mix.&lt;attribute&gt;</code> for each source; "
            + "<code>station.&lt;name&gt;.service</code>, <code>.patience</code>, <code>.routing</code>, "
            + "<code>.balking</code>, <code>.rules</code>, <code>.rejection</code>, <code>.deterioration</code> and "
            + "<code>.escalation</code> for each team. For example <code>"
            + HTML.escape("\(c.info.seed)/0/" + (c.model.sources.first.map { "source.\($0.name).arrivals" } ?? "source.x.arrivals"))
            + "</code> seeds the first source's arrivals in replication 0.</p>\n"
        s += item("5.3 Model execution")
        s += "<p>Event scheduling: a single event list ordered by (time, sequence number), so events at equal times "
            + "fire in the order they were scheduled. When a server finishes, the next person in its queue starts "
            + "before the finished person moves on. Arrivals with a profile are generated by thinning.</p>\n"
        s += item("5.4 System specification")
        s += "<p>Results do not depend on the machine, the operating system or the number of threads: the same "
            + "scenario and seed give byte-identical results files anywhere. The machine is therefore not recorded.</p>\n"
        return s
    }

    static func codeAccess(_ c: ReportContext) -> String {
        var s = heading(5)
        s += item("6.1 Model sharing statement")
        s += "<p>Scenario hash <code>\(HTML.escape(c.info.scenarioHash))</code> (FNV-1a 64 of every file read and every "
            + "<code>--set</code>). To reproduce these figures (adding any <code>--set</code> options used, which the hash records):</p>\n"
        let file = c.info.files.first ?? "scenario.yaml"
        s += "<pre><code>" + HTML.escape("flowsim run \(file) --seed \(c.info.seed) --replications \(c.replications)")
            + "</code></pre>\n"
        return s
    }

    static func startDate(_ c: ReportContext) -> String {
        let cal = c.model.calendar
        let names = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
                     "November", "December"]
        let month = (1...12).contains(cal.month) ? names[cal.month - 1] : "\(cal.month)"
        return "\(Describe.dayNames[cal.dayOfWeek(0)]) \(cal.day) \(month) \(cal.year)"
    }
}
