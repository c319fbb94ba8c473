extension Parameter {
    /// Parses one `--param` argument of `flowsim sweep`:
    ///
    ///     teams.cmht.staff=4..12          uniform range
    ///     x=0.1..0.5                      uniform range, real-valued
    ///     x=4,6,8                         explicit levels
    ///     x=uniform(0,1)                  same as x=0..1
    ///     x=triangular(1,2,4)             lower, mode, upper
    ///     x=normal(10,2)                  screening range mean ± 3 sd
    ///     x=normal(10,2,5..15)            truncated to 5..15
    ///
    /// - Parameter integer: whether values are whole numbers; `nil` infers it:
    ///   a range or list of levels written entirely in integer literals
    ///   (`4..12`, `4,6,8`) is integer-valued, anything else (including every
    ///   distribution) is real-valued. The caller knows the scenario key's
    ///   type and may force either.
    /// - Throws: `ParameterError`, naming what was found and what was expected.
    public static func parse(_ text: String, integer: Bool? = nil) throws(ParameterError) -> Parameter {
        guard let eq = text.firstIndex(of: "=") else { throw .missingEquals(text: text) }
        let name = trim(text[..<eq])
        guard !name.isEmpty else { throw .emptyName(text: text) }
        let spec = trim(text[text.index(after: eq)...])
        guard !spec.isEmpty else { throw .emptySpecification(name: name) }

        if let open = spec.firstIndex(of: "(") {
            guard spec.hasSuffix(")") else { throw .unrecognisedSpecification(name: name, found: spec) }
            let kind = trim(spec[..<open]).lowercased()
            let inner = spec[spec.index(after: open)..<spec.index(before: spec.endIndex)]
            let args = inner.split(separator: ",", omittingEmptySubsequences: false).map { trim($0) }
            return try distribution(name: name, kind: kind, args: args, integer: integer ?? false)
        }
        if spec.contains("..") {
            let (lo, hi, literalInteger) = try bounds(name: name, spec)
            return try Parameter(name: name, lower: lo, upper: hi, isInteger: integer ?? literalInteger)
        }
        if spec.contains(",") {
            let items = spec.split(separator: ",", omittingEmptySubsequences: false).map { trim($0) }
            var values: [Double] = []
            for item in items { values.append(try number(name: name, item)) }
            let literalInteger = items.allSatisfy { Int($0) != nil }
            return try Parameter(name: name, levels: values, isInteger: integer ?? literalInteger)
        }
        throw .unrecognisedSpecification(name: name, found: spec)
    }

    private static func distribution(
        name: String, kind: String, args: [String], integer: Bool
    ) throws(ParameterError) -> Parameter {
        switch kind {
        case "uniform":
            guard args.count == 2 else {
                throw .wrongArgumentCount(name: name, distribution: kind, found: args.count, expected: "2 (lower, upper)")
            }
            return try Parameter(
                name: name, lower: try number(name: name, args[0]), upper: try number(name: name, args[1]),
                isInteger: integer)
        case "triangular":
            guard args.count == 3 else {
                throw .wrongArgumentCount(
                    name: name, distribution: kind, found: args.count, expected: "3 (lower, mode, upper)")
            }
            let lo = try number(name: name, args[0])
            let mode = try number(name: name, args[1])
            let hi = try number(name: name, args[2])
            if !(lo <= mode && mode <= hi) { throw .modeOutsideBounds(name: name, lower: lo, mode: mode, upper: hi) }
            return try Parameter(name: name, lower: lo, upper: hi, isInteger: integer, distribution: .triangular(mode: mode))
        case "normal":
            guard args.count == 2 || args.count == 3 else {
                throw .wrongArgumentCount(
                    name: name, distribution: kind, found: args.count, expected: "2 (mean, sd) or 3 (mean, sd, lo..hi)")
            }
            let mean = try number(name: name, args[0])
            let sd = try number(name: name, args[1])
            guard sd > 0 else { throw .nonPositiveStandardDeviation(name: name, found: sd) }
            guard args.count == 3 else {
                if integer {
                    return try Parameter(
                        name: name, lower: (mean - 3 * sd).rounded(), upper: (mean + 3 * sd).rounded(),
                        isInteger: true, distribution: .normal(mean: mean, sd: sd, truncated: false))
                }
                return try Parameter.normal(name: name, mean: mean, sd: sd)
            }
            let (lo, hi, _) = try bounds(name: name, args[2])
            return try Parameter(
                name: name, lower: lo, upper: hi, isInteger: integer,
                distribution: .normal(mean: mean, sd: sd, truncated: true))
        default:
            throw .unknownDistribution(name: name, found: kind)
        }
    }

    /// `lo..hi` → (lo, hi, both written as integers).
    private static func bounds(name: String, _ spec: String) throws(ParameterError) -> (Double, Double, Bool) {
        guard let dots = spec.range(of: "..") else { throw .unrecognisedSpecification(name: name, found: spec) }
        let loText = trim(spec[..<dots.lowerBound])
        let hiText = trim(spec[dots.upperBound...])
        let lo = try number(name: name, loText)
        let hi = try number(name: name, hiText)
        guard lo < hi else { throw .reversedBounds(name: name, lower: lo, upper: hi) }
        return (lo, hi, Int(loText) != nil && Int(hiText) != nil)
    }

    private static func number(name: String, _ text: String) throws(ParameterError) -> Double {
        guard let v = Double(text) else { throw .notANumber(name: name, found: text) }
        guard v.isFinite else { throw .nonFinite(name: name, found: v) }
        return v
    }

    private static func trim(_ s: Substring) -> String {
        String(s.drop(while: \.isWhitespace).reversed().drop(while: \.isWhitespace).reversed())
    }

    private static func trim(_ s: String) -> String { trim(Substring(s)) }
}
