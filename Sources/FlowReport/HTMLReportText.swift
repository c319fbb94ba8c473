import FlowStats
import Foundation

/// Text for HTML: escaping and numbers formatted for people.
enum HTML {
    /// Escapes the five characters that matter in element content and in
    /// quoted attribute values, so a name from a scenario file can never
    /// open a tag, close an attribute or start an entity.
    static func escape(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count)
        for c in s.unicodeScalars {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.unicodeScalars.append(c)
            }
        }
        return out
    }

    /// A name shortened to `limit` characters (before escaping), with an ellipsis.
    static func shorten(_ s: String, _ limit: Int) -> String {
        s.count <= limit ? s : String(s.prefix(max(1, limit - 1))) + "…"
    }

    /// An escaped name that may break after its underscores.
    static func breakable(_ s: String) -> String { escape(s).replacingOccurrences(of: "_", with: "_<wbr>") }

    /// `<code>` around an escaped name.
    static func code(_ s: String) -> String { "<code>" + escape(s) + "</code>" }
}

/// Numbers for people: three significant figures, thousands separators,
/// durations in a sensible unit, "–" for what was not observed.
enum Fmt {
    static let missing = "–"

    /// Three significant figures (two for `digits: 2`); millions and
    /// billions with a suffix; trailing zeros kept only where significant.
    static func number(_ x: Double, digits: Int = 3) -> String {
        guard x.isFinite else { return missing }
        if x == 0 { return "0" }
        let a = abs(x)
        if a >= 1e9 { return number(x / 1e9, digits: digits) + " bn" }
        if a >= 1e6 { return number(x / 1e6, digits: digits) + " m" }
        let magnitude = Int(floor(log10(a)))
        let decimals = max(0, digits - 1 - magnitude)
        let scale = pow(10.0, Double(digits - 1 - magnitude))
        let rounded = (x * scale).rounded() / scale
        if decimals == 0 { return grouped(rounded) }
        // Rounding may carry into a new digit (9.995 -> 10.0); recompute then.
        if abs(rounded) >= pow(10.0, Double(magnitude + 1)) { return number(rounded, digits: digits) }
        return String(format: "%.\(decimals)f", rounded)
    }

    /// An integer-valued number with thousands separators.
    static func grouped(_ x: Double) -> String {
        let n = Int64(x.rounded())
        let digits = String(abs(n))
        var out = ""
        for (i, c) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { out += "," }
            out.append(c)
        }
        return (n < 0 ? "-" : "") + out
    }

    /// The unit a duration in days reads best in.
    enum TimeUnit: CaseIterable {
        case seconds, minutes, hours, days, weeks

        var days: Double {
            switch self {
            case .seconds: 1.0 / 86_400
            case .minutes: 1.0 / 1_440
            case .hours: 1.0 / 24
            case .days: 1
            case .weeks: 7
            }
        }

        var name: String {
            switch self {
            case .seconds: "s"
            case .minutes: "min"
            case .hours: "h"
            case .days: "days"
            case .weeks: "weeks"
            }
        }

        static func fitting(_ days: Double) -> TimeUnit {
            let a = abs(days)
            guard a.isFinite, a > 0 else { return .days }
            if a < 1.0 / 1_440 { return .seconds }
            if a < 1.0 / 24 { return .minutes }
            if a < 1 { return .hours }
            if a < 70 { return .days }
            return .weeks
        }
    }

    /// A duration given in days, e.g. "22.0 days", "4.5 h", "12 s".
    static func duration(_ days: Double, unit: TimeUnit? = nil) -> String {
        guard days.isFinite else { return missing }
        if days == 0 { return "0" }
        let u = unit ?? TimeUnit.fitting(days)
        return number(days / u.days) + " " + u.name
    }

    /// A length of time such as a run or an observation window, in whole
    /// days where it is whole: "365 days", "1,095 days (3 years)".
    static func period(_ days: Double) -> String {
        guard days.isFinite else { return missing }
        guard days >= 1, days.rounded() == days else { return duration(days) }
        var s = grouped(days) + (days == 1 ? " day" : " days")
        let years = days / 365.25
        if years >= 2, abs(years - years.rounded()) < 0.01 { s += " (\(Int(years.rounded())) years)" }
        return s
    }

    /// An axis tick for shares: "20%".
    static func percentTick(_ p: Double) -> String { "\(Int((p * 100).rounded()))%" }

    /// A share as a percentage, e.g. "97.3%".
    static func percent(_ p: Double) -> String {
        guard p.isFinite else { return missing }
        let v = p * 100
        if v == 0 { return "0%" }
        if abs(v) >= 10 { return String(format: "%.1f", v) + "%" }
        return number(v, digits: 2) + "%"
    }

    /// A probability stated in a scenario, without trailing zeros: "75%", "3%", "12.5%".
    static func parameterPercent(_ p: Double) -> String {
        guard p.isFinite else { return missing }
        return trimmed(percent(p).replacingOccurrences(of: "%", with: "")) + "%"
    }

    /// "45.0" → "45", "2.50" → "2.5": decimals without trailing zeros.
    static func trimmed(_ text: String) -> String {
        guard text.contains("."), !text.contains("e") else { return text }
        var t = text
        while t.hasSuffix("0") { t.removeLast() }
        if t.hasSuffix(".") { t.removeLast() }
        return t
    }

    /// A parameter as the scenario would state it: up to three significant
    /// figures without trailing zeros ("2", "1.3", "0.15").
    static func parameter(_ x: Double) -> String {
        guard x.isFinite else { return missing }
        let a = abs(x)
        if a >= 1000 { return number(x) }
        return trimmed(number(x))
    }

    /// A duration parameter (days) in the largest unit that states it as a
    /// whole number ("9 months", "4 weeks", "300 days", "45 min"), else in
    /// the unit that reads best ("39.6 weeks").
    static func parameterDuration(_ days: Double) -> String {
        guard days.isFinite else { return missing }
        if days == 0 { return "0" }
        let units: [(Double, String, String)] = [(365.25, "year", "years"), (30.4375, "month", "months"), (7, "week", "weeks"),
                                                 (1, "day", "days"), (1.0 / 24, "h", "h"), (1.0 / 1_440, "min", "min"),
                                                 (1.0 / 86_400, "s", "s")]
        for (size, one, many) in units {
            let v = days / size
            if v >= 1, abs(v - v.rounded()) < 1e-6 * max(1, v), v < 10_000 {
                let n = Int(v.rounded())
                return "\(grouped(Double(n))) \(n == 1 ? one : many)"
            }
        }
        let u = TimeUnit.fitting(days)
        return trimmed(number(days / u.days)) + " " + u.name
    }

    /// The kinds of value the report shows.
    enum Kind {
        case count, duration, share, money, plain
    }

    /// A mean and its half-width, the half-width to two significant
    /// figures in the mean's unit: "22.0 ± 0.18 days", "97.3% ± 0.6".
    static func interval(_ s: Summary, _ kind: Kind, unit: TimeUnit? = nil) -> String {
        interval(mean: s.mean, halfWidth: s.halfWidth, kind, unit: unit)
    }

    static func interval(mean: Double, halfWidth: Double, _ kind: Kind, unit: TimeUnit? = nil) -> String {
        guard mean.isFinite else { return missing }
        let hwText: String? = halfWidth.isFinite ? nil : ""
        switch kind {
        case .duration:
            if mean == 0 && (halfWidth == 0 || !halfWidth.isFinite) { return "0" }
            let u = unit ?? TimeUnit.fitting(mean != 0 ? mean : halfWidth)
            let m = number(mean / u.days)
            let h = hwText ?? number(halfWidth / u.days, digits: 2)
            return h.isEmpty ? "\(m) \(u.name)" : "\(m) ± \(h) \(u.name)"
        case .share:
            let h = hwText ?? number(halfWidth * 100, digits: 2)
            return h.isEmpty ? percent(mean) : "\(percent(mean)) ± \(h)"
        case .count, .money, .plain:
            let h = hwText ?? halfWidthText(halfWidth, mean: mean)
            return h.isEmpty ? number(mean) : "\(number(mean)) ± \(h)"
        }
    }

    /// A half-width to two significant figures, written out in full when the
    /// mean is below a million but the half-width is not ("597,000 ± 1,100,000").
    static func halfWidthText(_ h: Double, mean: Double) -> String {
        guard h.isFinite, abs(h) >= 1e6, abs(mean) < 1e6 else { return number(h, digits: 2) }
        let p = pow(10, floor(log10(abs(h))) - 1)
        return grouped((h / p).rounded() * p)
    }

    /// A value of a kind without an interval.
    static func value(_ x: Double, _ kind: Kind, unit: TimeUnit? = nil) -> String {
        switch kind {
        case .duration: duration(x, unit: unit)
        case .share: percent(x)
        case .count, .money, .plain: number(x)
        }
    }
}
