import FlowEngine

/// Reads a merged YAML tree into engine values, collecting every problem
/// rather than stopping at the first: a user fixes a file in one pass.
///
/// Each primitive (`string`, `integer`, `duration`, ...) either returns a
/// valid value or records a problem at the node's file, line and column
/// and returns nil; callers carry on with what they have.
final class ScenarioReader {
    var problems: [Problem] = []
    /// Read first, so sources and rules can refer to them.
    var attributes: [Attribute] = []
    var stationNames: [String] = []
    /// `localities:`, read before the stations; nil = none.
    var localitySpec: LocalitySpec?
    /// The level (locality) of the station copy being read; nil = a shared station.
    var currentLocality: Int?

    func report(_ location: YNode.Location, _ path: String, found: String, expected: String) {
        problems.append(Problem(file: location.file, line: location.line, column: location.column,
                                path: path, found: found, expected: expected))
    }

    func report(_ node: YNode, _ path: String, expected: String) {
        report(node.location, path, found: node.summary, expected: expected)
    }

    /// The entries of a mapping whose keys must come from `allowed`.
    func fields(_ node: YNode, _ path: String, allowed: [String], what: String) -> [String: YNode]? {
        guard case .mapping(let pairs, _) = node else {
            report(node, path, expected: what)
            return nil
        }
        var out: [String: YNode] = [:]
        for (key, keyLocation, value) in pairs {
            if allowed.contains(key) {
                out[key] = value
            } else {
                report(keyLocation, path.isEmpty ? key : "\(path).\(key)", found: "unknown key '\(key)'",
                       expected: "one of \(allowed.joined(separator: ", "))" + Suggestion.hint(for: key, in: allowed))
            }
        }
        return out
    }

    /// Entries of a mapping whose keys are names the user chooses.
    func entries(_ node: YNode, _ path: String, what: String) -> [(key: String, keyLocation: YNode.Location, value: YNode)]? {
        guard case .mapping(let pairs, _) = node else {
            report(node, path, expected: what)
            return nil
        }
        return pairs
    }

    /// The index of a declared attribute, or a problem naming the ones there are.
    func attributeIndex(_ name: String, _ location: YNode.Location, _ path: String,
                        whenNone: String = "an attribute declared under attributes:") -> Int? {
        if let a = attributes.firstIndex(where: { $0.name == name }) { return a }
        let names = attributes.map(\.name)
        report(location, path, found: "unknown attribute '\(name)'",
               expected: names.isEmpty ? whenNone
                   : "one of " + names.joined(separator: ", ") + Suggestion.hint(for: name, in: names))
        return nil
    }

    /// The index of a station, or a problem naming the stations (and any
    /// other accepted words, such as exit).
    func stationIndex(_ name: String, _ location: YNode.Location, _ path: String, alternatives: [String] = []) -> Int? {
        if let s = lookUpStation(name) { return s }
        report(location, path, found: "undefined station '\(name)'",
               expected: "one of " + (referableStations + alternatives).joined(separator: ", ")
                   + Suggestion.hint(for: name, in: referableStations))
        return nil
    }

    func required(_ f: [String: YNode], _ key: String, in node: YNode, _ path: String, expected: String) -> YNode? {
        if let v = f[key] { return v }
        report(node.location, join(path, key), found: "nothing (the key is missing)", expected: expected)
        return nil
    }

    func join(_ path: String, _ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }

    func scalar(_ node: YNode) -> String? {
        if case .scalar(let s, _, _) = node, !s.isEmpty { return s }
        return nil
    }

    func string(_ node: YNode, _ path: String, expected: String = "a text") -> String? {
        guard let s = scalar(node) else { report(node, path, expected: expected); return nil }
        return s
    }

    func number(_ node: YNode, _ path: String, expected: String, valid: (Double) -> Bool) -> Double? {
        guard let s = scalar(node), let v = Double(s.replacingUnderscores), v.isFinite else {
            report(node, path, expected: expected)
            return nil
        }
        guard valid(v) else { report(node, path, expected: expected); return nil }
        return v
    }

    func integer(_ node: YNode, _ path: String, expected: String, valid: (Int) -> Bool) -> Int? {
        guard let s = scalar(node) else { report(node, path, expected: expected); return nil }
        var v = Int(s.replacingUnderscores)
        if v == nil, let d = Double(s.replacingUnderscores), d.rounded() == d, abs(d) < 9e15 { v = Int(d) }
        guard let v, v.magnitude <= 1 << 53, valid(v) else { report(node, path, expected: expected); return nil }
        return v
    }

    func bool(_ node: YNode, _ path: String) -> Bool? {
        switch scalar(node)?.lowercased() {
        case "true", "yes": return true
        case "false", "no": return false
        default:
            report(node, path, expected: "true or false")
            return nil
        }
    }

    func probability(_ node: YNode, _ path: String) -> Double? {
        number(node, path, expected: "a probability between 0 and 1") { $0 >= 0 && $0 <= 1 }
    }

    func duration(_ node: YNode, _ path: String, allowZero: Bool = true) -> Double? {
        let expected = allowZero ? "a duration >= 0 with a unit, such as \"30 min\" or \"6 weeks\""
                                 : "a duration > 0 with a unit, such as \"30 min\" or \"6 weeks\""
        guard let s = scalar(node) else { report(node, path, expected: expected); return nil }
        switch Units.duration(s) {
        case .success(let d):
            guard d.isFinite, allowZero ? d >= 0 : d > 0 else { report(node, path, expected: expected); return nil }
            // Far beyond any run, and small enough that sums and products of durations stay finite.
            guard d <= 1e9 else { report(node, path, expected: "a duration of at most 1e9 days (2.7 million years)"); return nil }
            return d
        case .failure(.unknownUnit(let u)):
            report(node.location, path, found: "unknown unit '\(u)' in \(node.summary)",
                   expected: "a unit such as min, h, days, weeks, months, years" + Suggestion.hint(for: u, in: Units.allUnitNames))
        case .failure(.missingUnit):
            report(node.location, path, found: "\(node.summary) with no unit", expected: expected)
        case .failure:
            report(node, path, expected: expected)
        }
        return nil
    }

    func rate(_ node: YNode, _ path: String) -> Double? {
        let expected = "a rate > 0 such as \"12 per day\" or \"400 per month\""
        guard let s = scalar(node) else { report(node, path, expected: expected); return nil }
        switch Units.rate(s) {
        case .success(let r):
            guard r > 0, r.isFinite else { report(node, path, expected: expected); return nil }
            return r
        case .failure(.unknownUnit(let u)):
            report(node.location, path, found: "unknown unit '\(u)' in \(node.summary)",
                   expected: "per min, per hour, per day, per week, per month or per year" + Suggestion.hint(for: u, in: Units.allUnitNames))
        case .failure:
            report(node, path, expected: expected)
        }
        return nil
    }

    func numberList(_ node: YNode, _ path: String, count: Int?, expected: String) -> [Double]? {
        guard case .sequence(let items, _) = node else { report(node, path, expected: expected); return nil }
        if let count, items.count != count {
            report(node.location, path, found: "\(items.count) values", expected: expected)
            return nil
        }
        var out: [Double] = []
        for (i, item) in items.enumerated() {
            guard let v = number(item, "\(path)[\(i)]", expected: "a number >= 0", valid: { $0 >= 0 }) else { return nil }
            out.append(v)
        }
        return out
    }
}

extension String {
    /// YAML allows 1_000_000; Swift's Double() does not.
    var replacingUnderscores: String { contains("_") ? String(filter { $0 != "_" }) : self }
}
