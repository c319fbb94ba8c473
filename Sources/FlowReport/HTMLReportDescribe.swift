import FlowEngine
import Foundation

/// Plain-text descriptions of model parts (distributions, schedules,
/// profiles, mixes, routing), for the model account. The results are not
/// escaped: callers escape them, since they carry names from the scenario.
enum Describe {
    /// A distribution of durations (days) or of counts.
    static func distribution(_ d: Distribution, duration: Bool = true) -> String {
        func v(_ x: Double) -> String { duration ? Fmt.parameterDuration(x) : Fmt.parameter(x) }
        func mean(_ x: Double) -> String { duration ? Fmt.duration(x) : Fmt.number(x) }
        switch d {
        case .constant(let x): return "always \(v(x))"
        case .exponential(let m): return "exponential, mean \(v(m))"
        case .erlang(let k, let m): return "Erlang, k = \(k), mean \(v(m))"
        case .gamma(let a, let b): return "gamma, shape \(Fmt.parameter(a)), scale \(v(b)) (mean \(mean(d.mean)))"
        case .lognormal(let m, let s): return "lognormal, mean \(v(m)), sd \(v(s))"
        case .weibull(let a, let b): return "Weibull, shape \(Fmt.parameter(a)), scale \(v(b)) (mean \(mean(d.mean)))"
        case .truncatedNormal(let m, let s): return "normal truncated at 0, mean \(v(m)), sd \(v(s))"
        case .uniform(let a, let b): return "uniform \(v(a)) to \(v(b))"
        case .triangular(let a, let c, let b): return "triangular, min \(v(a)), mode \(v(c)), max \(v(b))"
        case .poisson(let m): return "Poisson, mean \(Fmt.parameter(m))"
        case .bernoulli(let p): return "Bernoulli, p = \(Fmt.parameter(p))"
        case .discrete(let values, let cumulative):
            let w = weights(cumulative)
            let parts = zip(values, w).prefix(8).map { "\(v($0)) (\(Fmt.parameterPercent($1)))" }
            return "choice of " + parts.joined(separator: ", ") + (values.count > 8 ? ", …" : "")
        case .continuousEmpirical(let x, _):
            return "empirical table of \(x.count) points from \(v(x.first ?? 0)) to \(v(x.last ?? 0)) (mean \(mean(d.mean)))"
        }
    }

    static func weights(_ cumulative: [Double]) -> [Double] {
        var previous = 0.0
        return cumulative.map { c in defer { previous = c }; return c - previous }
    }

    static let dayNames = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]

    static func days(_ d: [Int]) -> String {
        let set = Set(d)
        if set == Set(0..<7) { return "daily" }
        if set == Set(0..<5) { return "Mon–Fri" }
        if set == Set([5, 6]) { return "Sat–Sun" }
        return d.sorted().filter { (0..<7).contains($0) }.map { dayNames[$0] }.joined(separator: ", ")
    }

    static func clock(_ hours: Double) -> String {
        let minutes = Int((hours * 60).rounded())
        return String(format: "%02d:%02d", minutes / 60, minutes % 60)
    }

    /// "6 on Mon–Fri 09:00–17:00; 1 on daily 20:00–08:00".
    static func schedule(_ w: WeeklySchedule) -> String {
        w.shifts.map { "\($0.capacity) on \(days($0.days)) \(clock($0.from))–\(clock($0.to))" }.joined(separator: "; ")
    }

    static func capacity(_ st: Station) -> String {
        if let diary = st.diary {
            let perWeek = diary.slots.reduce(0, +)
            var s = "appointment diary: \(perWeek) slots a week at \(clock(diary.hour))"
            if diary.bookAfter > 0 { s += ", booked \(Fmt.parameterDuration(diary.bookAfter)) ahead" }
            if diary.reserved > 0 { s += ", \(diary.reserved) a day reserved for urgent bookings" }
            if let u = diary.urgent { s += " (urgent when \(u.text), \(Fmt.parameterDuration(diary.urgentBookAfter)) ahead)" }
            if diary.didNotAttend > 0 { s += "; did not attend \(Fmt.parameterPercent(diary.didNotAttend))" }
            if diary.cancellation > 0 { s += "; clinic cancels \(Fmt.parameterPercent(diary.cancellation))" }
            return s
        }
        switch st.capacity {
        case .servers(let n): return Fmt.grouped(Double(n))
        case .infinite: return "unlimited"
        case .schedule(let w): return schedule(w)
        }
    }

    /// Where people go after service: "cmht_treatment 75%; step down: vcse 15%; step up: crht 3%; otherwise leave (7%)".
    /// A destination's name; a locality team reads "X (own locality)".
    static func destination(_ d: Int32, names: [String], families: [String]) -> String {
        if Localities.isFamily(d), Localities.family(d) < families.count { return families[Localities.family(d)] + " (own locality)" }
        return d >= 0 && Int(d) < names.count ? names[Int(d)] : "exit"
    }

    static func routing(_ r: Routing, names: [String], families: [String] = []) -> String {
        var parts: [String] = []
        var previous = 0.0
        for (k, dest) in r.destinations.enumerated() {
            let p = r.cumulative[k] - previous
            previous = r.cumulative[k]
            let name = destination(dest, names: names, families: families)
            let label: String
            switch r.labels[k] {
            case .onward: label = ""
            case .stepDown: label = "step down to "
            case .stepUp: label = "step up to "
            case .transfer: label = "transfer to "
            }
            parts.append("\(label)\(name) \(Fmt.parameterPercent(p))")
        }
        let rest = max(0, 1 - previous)
        if parts.isEmpty { return "leave the system" }
        if r.destinations.count == 1, rest <= 1e-9, r.labels[0] == .onward { return parts[0].components(separatedBy: " ").dropLast().joined(separator: " ") }
        if rest > 1e-9 { parts.append("leave \(Fmt.parameterPercent(rest))") }
        return parts.joined(separator: "; ")
    }

    /// The arrival process of a source.
    static func arrivals(_ s: Source) -> String {
        switch s.arrivals {
        case .poisson(let r): return "Poisson, \(rate(r))"
        case .profile(let r, let p): return "Poisson, \(rate(r)) × profile (\(profile(p)))"
        case .renewal(let d): return "renewal, time between arrivals " + distribution(d)
        }
    }

    static func rate(_ perDay: Double) -> String {
        perDay * 365.25 < 1e6 ? "\(Fmt.parameter(perDay * 365.25)) a year" : "\(Fmt.parameter(perDay)) a day"
    }

    /// "hourly ×0.4 (03:00) to ×1.6 (19:00); weekly ×0.2 (Sun) to ×1.2 (Mon)".
    static func profile(_ p: ArrivalProfile) -> String {
        var parts: [String] = []
        func range(_ name: String, _ xs: [Double], _ label: (Int) -> String) {
            guard let lo = xs.indices.min(by: { xs[$0] < xs[$1] }), let hi = xs.indices.max(by: { xs[$0] < xs[$1] }),
                  xs[lo] != xs[hi] else { return }
            parts.append("\(name) ×\(Fmt.parameter(xs[lo])) (\(label(lo))) to ×\(Fmt.parameter(xs[hi])) (\(label(hi)))")
        }
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        range("hourly", p.hourly) { String(format: "%02d:00", $0) }
        range("weekly", p.weekly) { $0 < 7 ? dayNames[$0] : "\($0)" }
        range("monthly", p.monthly) { $0 < 12 ? months[$0] : "\($0)" }
        return parts.isEmpty ? "flat" : parts.joined(separator: "; ")
    }

    /// "low 45%, medium 35%, …" for one attribute's mix at a source.
    static func mix(_ d: Distribution?, _ a: Attribute) -> String {
        guard let d else { return "all \(a.levels.first ?? "")" }
        guard case .discrete(let values, let cumulative) = d else { return distribution(d, duration: false) }
        return zip(values, weights(cumulative)).filter { $1 > 0 }.map { v, w in
            let i = Int(v)
            return "\(i >= 0 && i < a.levels.count ? a.levels[i] : Fmt.number(v)) \(Fmt.parameterPercent(w))"
        }.joined(separator: ", ")
    }

    static func decision(_ d: Decision, names: [String], families: [String] = []) -> String {
        func name(_ i: Int32) -> String { destination(i, names: names, families: families) }
        switch d {
        case .accept: return "accept"
        case .reject: return "reject (back to the referrer)"
        case .redirect(let t): return "redirect to \(name(t))"
        case .signpost(let t): return t != Routing.exit ? "signpost to \(name(t))" : "signpost away"
        case .discharge: return "discharge without being seen"
        }
    }

    static func costs(_ c: Costs) -> String {
        var parts: [String] = []
        if c.perArrival != 0 { parts.append("\(Fmt.parameter(c.perArrival)) per arrival") }
        if c.perService != 0 { parts.append("\(Fmt.parameter(c.perService)) per service") }
        if c.perDayInService != 0 { parts.append("\(Fmt.parameter(c.perDayInService)) per day in service") }
        if c.perServerDay != 0 { parts.append("\(Fmt.parameter(c.perServerDay)) per server-day") }
        return parts.isEmpty ? "–" : parts.joined(separator: "; ")
    }
}
