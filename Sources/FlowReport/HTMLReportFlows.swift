import FlowEngine
import FlowStats
import Foundation

/// Section: flows between teams as a heat-map matrix, estimated from the
/// model's routing and outcome probabilities × services completed, the
/// rule decisions counted by reason, overflows and crises; referrals from
/// each source are expected values from the scenario's rates.
enum FlowsSection {
    /// Columns beyond the stations: where people go that is not a team.
    enum Sink: Int, CaseIterable {
        case crisis, gaveUp, rejected, lost, left

        var title: String {
            switch self {
            case .crisis: "Crisis while waiting"
            case .gaveUp: "Gave up waiting"
            case .rejected: "Rejected to referrer"
            case .lost: "Turned away (full)"
            case .left: "Left the system"
            }
        }
    }

    struct Matrix {
        /// [from station][to station]
        var teams: [[Double]]
        /// [from station][sink]
        var sinks: [[Double]]
        /// [source][to station]
        var sources: [[Double]]
    }

    static func estimate(_ c: ReportContext) -> Matrix {
        let n = c.model.stations.count
        var m = Matrix(teams: Array(repeating: Array(repeating: 0, count: n), count: n),
                       sinks: Array(repeating: Array(repeating: 0, count: Sink.allCases.count), count: n),
                       sources: [])
        // A locality team's share of a flow goes to each copy as its referrals do.
        let referrals = c.model.stations.map { finite(c.mean(.arrivals, $0.name)) }
        func spread(_ dest: Int32, _ v: Double, into row: inout [Double]) {
            let copies = c.model.stations(for: dest)
            let total = copies.reduce(0) { $0 + referrals[$1] }
            for s in copies { row[s] += copies.count == 1 ? v : total > 0 ? v * referrals[s] / total : v / Double(copies.count) }
        }
        func add(_ i: Int, _ d: Decision, _ v: Double) {
            switch d {
            case .accept: break
            case .reject: m.sinks[i][Sink.rejected.rawValue] += v
            case .redirect(let t), .signpost(let t):
                if t != Routing.exit { spread(t, v, into: &m.teams[i]) } else { m.sinks[i][Sink.left.rawValue] += v }
            case .discharge: m.sinks[i][Sink.left.rawValue] += v
            }
        }
        for (i, st) in c.model.stations.enumerated() {
            let name = st.name
            var decidedAfterService = 0.0
            for (r, reason) in st.reasons.enumerated() {
                let count = c.summary(NetworkMetrics.reasonPrefix + reason, name).mean
                guard count.isFinite, count > 0, let d = DecisionsSection.decisions(c, i, reason: r).first else { continue }
                add(i, d, count)
                if st.rulePoint == .afterService && d != .accept { decidedAfterService += count }
            }
            let served = c.mean(.served, name)
            let base = served.isFinite ? max(0, served - decidedAfterService) : 0
            var previous = 0.0
            for (k, dest) in st.routing.destinations.enumerated() {
                let p = st.routing.cumulative[k] - previous
                previous = st.routing.cumulative[k]
                spread(dest, base * p, into: &m.teams[i])
            }
            m.sinks[i][Sink.left.rawValue] += base * max(0, 1 - previous)
            let overflowed = finite(c.mean(.overflowed, name))
            if st.overflow != Routing.exit { spread(st.overflow, overflowed, into: &m.teams[i]) } else { m.sinks[i][Sink.lost.rawValue] += overflowed }
            m.sinks[i][Sink.crisis.rawValue] += finite(c.mean(.crises, name))
            m.sinks[i][Sink.gaveUp.rawValue] += finite(c.mean(.reneged, name)) + finite(c.mean(.balked, name))
        }
        m.sources = c.model.sources.map { src in
            var row = Array(repeating: 0.0, count: n)
            let total = expectedArrivals(src, days: c.observedDays)
            var previous = 0.0
            for (k, dest) in src.route.destinations.enumerated() {
                let p = src.route.cumulative[k] - previous
                previous = src.route.cumulative[k]
                spread(dest, total * p, into: &row)
            }
            return row
        }
        return m
    }

    /// People a source is expected to bring over `days`: rate × the mean
    /// of its profile × the mean batch size.
    static func expectedArrivals(_ s: Source, days: Double) -> Double {
        let perDay: Double
        switch s.arrivals {
        case .poisson(let r): perDay = r
        case .profile(let r, let p): perDay = r * mean(p.hourly) * mean(p.weekly) * mean(p.monthly)
        case .renewal(let d): perDay = d.mean > 0 ? 1 / d.mean : 0
        }
        let batch = s.batch.map { max(0, $0.mean) } ?? 1
        var total = perDay * batch * days
        if let limit = s.limit { total = min(total, Double(limit) * batch) }
        return total
    }

    static func render(_ c: ReportContext) -> String {
        let m = estimate(c)
        let n = c.model.stations.count
        let toTeams = (0..<n).filter { j in (0..<n).contains { m.teams[$0][j] > 0 } || m.sources.contains { $0[j] > 0 } }
        let toSinks = Sink.allCases.filter { k in (0..<n).contains { m.sinks[$0][k.rawValue] > 0 } }
        let fromTeams = (0..<n).filter { i in m.teams[i].contains { $0 > 0 } || m.sinks[i].contains { $0 > 0 } }
        guard !toTeams.isEmpty || !toSinks.isEmpty else { return Block.note("No flows between teams in this scenario.") }
        let peak = max(1, (m.teams.flatMap { $0 } + m.sources.flatMap { $0 }).max() ?? 1)

        var s = "<p>Where people went next, over \(Fmt.period(c.observedDays)): each row is where they came from, each "
            + "column where they went. Darker cells carry more people. Rows of sources are expected referrals from the "
            + "scenario's rates; team rows are estimated from services completed × the routing and outcome probabilities, "
            + "plus the rule decisions, overflows and crises counted in the simulation (means across replications).</p>\n"
        s += "<div class=\"scroll\"><table class=\"heat\">\n<caption>Flows between teams (people over "
            + "\(Fmt.period(c.observedDays)))</caption>\n<thead><tr><th scope=\"col\" class=\"corner\">From \\ To</th>"
        s += "<th scope=\"col\" class=\"v\"><span>Referrals received</span></th>"
        for j in toTeams { s += "<th scope=\"col\" class=\"v\"><span>\(HTML.escape(c.model.stations[j].name))</span></th>" }
        for k in toSinks { s += "<th scope=\"col\" class=\"v sink\"><span>\(k.title)</span></th>" }
        s += "</tr></thead>\n<tbody>\n"
        for (i, src) in c.model.sources.enumerated() where m.sources[i].contains(where: { $0 > 0 }) {
            s += "<tr class=\"source\"><th scope=\"row\">\(HTML.breakable(src.name)) <span class=\"tag\">source</span></th><td></td>"
            for j in toTeams { s += cell(m.sources[i][j], peak: peak, from: src.name, to: c.model.stations[j].name) }
            for _ in toSinks { s += "<td></td>" }
            s += "</tr>\n"
        }
        for i in fromTeams {
            let name = c.model.stations[i].name
            s += "<tr><th scope=\"row\">\(HTML.breakable(name))</th><td class=\"num total\">\(Fmt.number(c.mean(.arrivals, name)))</td>"
            for j in toTeams { s += cell(m.teams[i][j], peak: peak, from: name, to: c.model.stations[j].name) }
            for k in toSinks { s += cell(m.sinks[i][k.rawValue], peak: peak, from: name, to: k.title.lowercased(), sink: true) }
            s += "</tr>\n"
        }
        s += "</tbody>\n</table></div>\n"
        s += Block.note("Re-referrals after a rejection return by the referrer's route and are counted again in "
                        + "“Referrals received”. Source rows ignore any cap on the number of arrivals beyond the source's limit.")
        return s
    }

    static func cell(_ v: Double, peak: Double, from: String, to: String, sink: Bool = false) -> String {
        guard v >= 0.05 else { return "<td class=\"num\"></td>" }
        let t = log10(1 + v) / log10(1 + peak)
        let alpha = 0.06 + 0.84 * min(1, t)
        let rgb = sink ? "118,134,146" : "0,94,184"
        let dark = alpha > 0.5 ? " dark" : ""
        return "<td class=\"num cell\(dark)\" style=\"background:rgba(\(rgb),\(String(format: "%.2f", alpha)))\" "
            + "title=\"\(HTML.escape(from)) → \(HTML.escape(to)): \(Fmt.number(v))\">\(Fmt.number(v))</td>"
    }

    static func mean(_ xs: [Double]) -> Double { xs.isEmpty ? 1 : xs.reduce(0, +) / Double(xs.count) }
    static func finite(_ x: Double) -> Double { x.isFinite ? x : 0 }
}
