/// One thing wrong with a scenario, located precisely enough to fix it
/// without searching: `file:line:column: key.path: found X, expected Y`.
public struct Problem: Sendable, Equatable, CustomStringConvertible, Comparable {
    public var file: String
    public var line: Int
    public var column: Int
    /// Dotted key path, e.g. `stations.desk.service.mean`; empty for the file.
    public var path: String
    public var found: String
    public var expected: String

    public init(file: String, line: Int, column: Int, path: String, found: String, expected: String) {
        self.file = file
        self.line = line
        self.column = column
        self.path = path
        self.found = found
        self.expected = expected
    }

    public var description: String {
        let key = path.isEmpty ? "" : "\(path): "
        return "\(file):\(line):\(column): \(key)found \(found), expected \(expected)"
    }

    public static func < (l: Problem, r: Problem) -> Bool {
        (l.file, l.line, l.column, l.path) < (r.file, r.line, r.column, r.path)
    }
}

/// Every problem found in a scenario, reported together.
public struct ScenarioError: Error, Sendable, CustomStringConvertible {
    public var problems: [Problem]

    public init(_ problems: [Problem]) { self.problems = problems }

    public var description: String {
        problems.map(\.description).joined(separator: "\n")
    }
}

/// Closest known words to a misspelt one, for "did you mean".
enum Suggestion {
    static func closest(to word: String, in candidates: [String]) -> String? {
        var best: (String, Int)?
        for c in candidates {
            let d = distance(word.lowercased(), c.lowercased())
            if d <= max(2, c.count / 3), d < c.count, best == nil || d < best!.1 { best = (c, d) }
        }
        return best?.0
    }

    /// Levenshtein distance, O(mn).
    static func distance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        var current = previous
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }

    /// " (did you mean 'x'?)" or "".
    static func hint(for word: String, in candidates: [String]) -> String {
        closest(to: word, in: candidates).map { " (did you mean '\($0)'?)" } ?? ""
    }
}
