import Yams

/// A YAML node that remembers which file and where it came from, so a
/// problem in a merged (`extends:`) scenario still points at the right line.
indirect enum YNode: Sendable {
    case scalar(String, plain: Bool, Location)
    case mapping([(key: String, keyLocation: Location, value: YNode)], Location)
    case sequence([YNode], Location)

    struct Location: Sendable, Equatable {
        var file: String
        var line: Int
        var column: Int
    }

    var location: Location {
        switch self {
        case .scalar(_, _, let l), .mapping(_, let l), .sequence(_, let l): l
        }
    }

    /// How a found value is described in a message.
    var summary: String {
        switch self {
        case .scalar(let s, let plain, _):
            if s.isEmpty { return "nothing" }
            return plain ? "'\(s)'" : "\"\(s)\""
        case .mapping: return "a mapping"
        case .sequence: return "a list"
        }
    }

    var kindName: String {
        switch self {
        case .scalar(let s, _, _): s.isEmpty ? "nothing" : "a scalar"
        case .mapping: "a mapping"
        case .sequence: "a list"
        }
    }

    subscript(key: String) -> YNode? {
        guard case .mapping(let pairs, _) = self else { return nil }
        return pairs.last(where: { $0.key == key })?.value
    }

    /// Converts a composed Yams node; duplicate keys are reported.
    static func from(_ node: Node, file: String, path: String = "", budget: inout Int, problems: inout [Problem]) -> YNode {
        func loc(_ mark: Mark?) -> Location { Location(file: file, line: mark?.line ?? 1, column: mark?.column ?? 1) }
        // Aliases are expanded: ten lines of aliases of aliases could otherwise make a billion values.
        budget -= 1
        if budget < 0 {
            if budget == -1 {
                let l = loc(node.mark)
                problems.append(Problem(file: file, line: l.line, column: l.column, path: path,
                                        found: "more than 1,000,000 values (aliases that repeat aliases?)",
                                        expected: "a scenario of at most 1,000,000 values"))
            }
            return .scalar("", plain: true, loc(node.mark))
        }
        switch node {
        case .scalar(let s):
            let isNull = s.style == .plain && (s.string == "~" || s.string == "null" || s.string == "Null" || s.string == "NULL")
            return .scalar(isNull ? "" : s.string, plain: s.style == .plain, loc(s.mark))
        case .mapping(let m):
            var pairs: [(key: String, keyLocation: Location, value: YNode)] = []
            var seen: [String: Location] = [:]
            for (k, v) in m {
                let keyLoc = loc(k.mark)
                let key: String
                if case .scalar(let ks) = k { key = ks.string } else {
                    problems.append(Problem(file: file, line: keyLoc.line, column: keyLoc.column, path: path,
                                            found: "a complex key", expected: "a plain name as key"))
                    continue
                }
                let childPath = path.isEmpty ? key : "\(path).\(key)"
                if let first = seen[key] {
                    problems.append(Problem(file: file, line: keyLoc.line, column: keyLoc.column, path: childPath,
                                            found: "a duplicate key (first at line \(first.line))",
                                            expected: "each key once"))
                    continue
                }
                seen[key] = keyLoc
                pairs.append((key, keyLoc, from(v, file: file, path: childPath, budget: &budget, problems: &problems)))
            }
            return .mapping(pairs, loc(m.mark))
        case .sequence(let s):
            return .sequence(s.enumerated().map { from($0.element, file: file, path: "\(path)[\($0.offset)]", budget: &budget, problems: &problems) },
                             loc(s.mark))
        case .alias(let a):
            return .scalar("", plain: true, loc(a.mark))
        }
    }

    /// Deep merge for `extends:`, as JSON Merge Patch (RFC 7396): mappings
    /// merge key by key, `null` removes a key, anything else in `override`
    /// replaces what `base` had (lists are replaced whole).
    static func merge(base: YNode, override: YNode) -> YNode {
        guard case .mapping(let b, _) = base, case .mapping(let o, let oLoc) = override else { return override }
        var pairs = b
        for item in o {
            if case .scalar("", true, _) = item.value {
                pairs.removeAll { $0.key == item.key }
                continue
            }
            if let i = pairs.firstIndex(where: { $0.key == item.key }) {
                pairs[i] = (item.key, item.keyLocation, merge(base: pairs[i].value, override: item.value))
            } else {
                pairs.append(item)
            }
        }
        return .mapping(pairs, oLoc)
    }

    /// Returns a copy with the scalar at a dotted path replaced (for
    /// `--set key.path=value` overrides and sweeps); nil if the path does
    /// not lead through mappings.
    func replacing(path: [String], with value: String, location: Location) -> YNode? {
        guard let head = path.first else { return .scalar(value, plain: true, location) }
        guard case .mapping(var pairs, let l) = self else { return nil }
        if let i = pairs.firstIndex(where: { $0.key == head }) {
            guard let child = pairs[i].value.replacing(path: Array(path.dropFirst()), with: value, location: location) else {
                return nil
            }
            pairs[i].value = child
        } else {
            var child = YNode.mapping([], location)
            if path.count == 1 { child = .scalar(value, plain: true, location) } else {
                guard let c = child.replacing(path: Array(path.dropFirst()), with: value, location: location) else { return nil }
                child = c
            }
            pairs.append((head, location, child))
        }
        return .mapping(pairs, l)
    }
}
