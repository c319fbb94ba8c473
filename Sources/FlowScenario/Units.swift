/// Durations and rates written with units ("30 min", "12 per day"),
/// converted to the engine's days.
public enum Units {
    /// Length of each unit in days. A month is a twelfth of a Julian year.
    public static let durationUnits: [(names: [String], days: Double)] = [
        (["s", "sec", "secs", "second", "seconds"], 1.0 / 86_400),
        (["min", "mins", "minute", "minutes"], 1.0 / 1_440),
        (["h", "hr", "hrs", "hour", "hours"], 1.0 / 24),
        (["d", "day", "days"], 1),
        (["w", "wk", "wks", "week", "weeks"], 7),
        (["month", "months"], 365.25 / 12),
        (["y", "yr", "yrs", "year", "years"], 365.25),
    ]

    /// Every duration unit word the reader accepts (min, h, days, weeks, ...).
    public static var allUnitNames: [String] { durationUnits.flatMap(\.names) }

    static func days(per unit: String) -> Double? {
        let u = unit.lowercased()
        return durationUnits.first(where: { $0.names.contains(u) })?.days
    }

    public enum ParseError: Error, Equatable {
        case missingUnit
        case unknownUnit(String)
        case notANumber(String)
        case malformed
    }

    /// "30 min" → 0.0208333 days. A bare number is an error: the unit is
    /// never guessed.
    public static func duration(_ text: String) -> Result<Double, ParseError> {
        let parts = split(text)
        guard let first = parts.first else { return .failure(.malformed) }
        guard let value = Double(first) else { return .failure(.notANumber(first)) }
        guard parts.count == 2 else { return .failure(parts.count == 1 ? .missingUnit : .malformed) }
        guard let scale = days(per: parts[1]) else { return .failure(.unknownUnit(parts[1])) }
        return .success(value * scale)
    }

    /// "12 per day", "400 per month", "3/h" → events per day.
    public static func rate(_ text: String) -> Result<Double, ParseError> {
        var t = text.trimmingCharacters(in: " \t")
        if let slash = t.firstIndex(of: "/") {
            t = t[..<slash].trimmingCharacters(in: " \t") + " per " + t[t.index(after: slash)...].trimmingCharacters(in: " \t")
        }
        let parts = split(t)
        guard let first = parts.first else { return .failure(.malformed) }
        guard let value = Double(first) else { return .failure(.notANumber(first)) }
        guard parts.count == 3, parts[1].lowercased() == "per" else {
            return .failure(parts.count == 1 ? .missingUnit : .malformed)
        }
        guard let per = days(per: parts[2]) else { return .failure(.unknownUnit(parts[2])) }
        return .success(value / per)
    }

    private static func split(_ text: String) -> [String] {
        // Allow "30min" as well as "30 min".
        var parts: [String] = []
        for word in text.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init) {
            if parts.isEmpty, Double(word) == nil, !word.lowercased().hasPrefix("inf"), !word.lowercased().hasPrefix("nan"),
               let i = word.indices.last(where: { $0 != word.startIndex && word[$0].isLetter && Double(word[..<$0]) != nil }) {
                parts.append(String(word[..<i]))
                parts.append(String(word[i...]))
            } else {
                parts.append(word)
            }
        }
        return parts
    }
}

extension StringProtocol {
    func trimmingCharacters(in set: String) -> String {
        var s = Substring(self)
        while let f = s.first, set.contains(f) { s = s.dropFirst() }
        while let l = s.last, set.contains(l) { s = s.dropLast() }
        return String(s)
    }
}
