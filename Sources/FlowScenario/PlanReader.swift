import Foundation
import Yams

/// A batch plan as written: which scenarios (with which overrides) to run,
/// how many replications each, under one master seed.
///
/// ```yaml
/// name: cmht-options
/// seed: 2026
/// replications: 10
/// scenarios:
///   - file: ../dorset-baseline.yaml
///     label: baseline
///   - file: ../dorset-baseline.yaml
///     label: cmht-plus-2
///     set: {stations.cmht_treatment.capacity: 12}
/// ```
///
/// One seed for every item, so items are compared under common random
/// numbers; scenario paths are relative to the plan file.
public struct BatchPlan: Sendable, Equatable {
    public struct Item: Sendable, Equatable {
        /// Unique within the plan; names the item in every results file.
        public var label: String
        /// The scenario file, resolved against the plan's directory.
        public var file: String
        /// `key.path=value` settings applied to the scenario, in file order.
        public var overrides: [String]
        /// nil: the plan's `replications`, else the scenario's own.
        public var replications: Int?
    }

    public var name: String
    public var file: String
    public var seed: UInt64?
    public var replications: Int?
    public var items: [Item]
}

/// Reads plan files with the scenario reader's rules: every problem at
/// once, each with file, line, column, key path, found and expected.
public enum PlanLoader {
    /// The keys a plan and each of its items may have (the plan schema names the same).
    public static let planKeys = ["name", "description", "seed", "replications", "scenarios"]
    public static let itemKeys = ["file", "label", "set", "replications"]

    public static func load(path: String) throws(ScenarioError) -> BatchPlan {
        var problems: [Problem] = []
        guard let tree = readTree(path: path, problems: &problems) else { throw ScenarioError(problems) }
        let reader = ScenarioReader()
        reader.problems = problems
        let plan = read(tree, file: path, reader: reader)
        guard let plan, reader.problems.isEmpty else { throw ScenarioError(reader.problems.sorted()) }
        return plan
    }

    static func read(_ tree: YNode, file: String, reader r: ScenarioReader) -> BatchPlan? {
        guard let f = r.fields(tree, "", allowed: planKeys, what: "a plan mapping with name and scenarios") else { return nil }
        let name = r.required(f, "name", in: tree, "", expected: "the plan's name").flatMap { r.string($0, "name") }
        let seed = f["seed"].flatMap { node -> UInt64? in
            guard let s = r.scalar(node), let v = UInt64(s.replacingUnderscores) else {
                r.report(node, "seed", expected: "a whole number from 0 to 18446744073709551615")
                return nil
            }
            return v
        }
        let replications = f["replications"].flatMap {
            r.integer($0, "replications", expected: "a whole number of replications >= 1") { $0 >= 1 }
        }
        let directory = URL(fileURLWithPath: file).deletingLastPathComponent()
        var items: [BatchPlan.Item] = []
        if let list = r.required(f, "scenarios", in: tree, "", expected: "a list of scenarios, each with a file") {
            if case .sequence(let nodes, _) = list, !nodes.isEmpty {
                var seen: [String: Int] = [:]
                for (i, node) in nodes.enumerated() {
                    let path = "scenarios[\(i)]"
                    guard let item = readItem(node, path, directory: directory, reader: r) else { continue }
                    if let first = seen[item.label] {
                        r.report(node.location, path + ".label",
                                 found: "the label '\(item.label)' again (first at scenarios[\(first)])",
                                 expected: "a label unique within the plan (add label: to tell them apart)")
                        continue
                    }
                    seen[item.label] = i
                    items.append(item)
                }
            } else {
                r.report(list, "scenarios", expected: "a non-empty list of scenarios, each with a file")
            }
        }
        guard let name else { return nil }
        return BatchPlan(name: name, file: file, seed: seed, replications: replications, items: items)
    }

    static func readItem(_ node: YNode, _ path: String, directory: URL, reader r: ScenarioReader) -> BatchPlan.Item? {
        guard let f = r.fields(node, path, allowed: itemKeys, what: "a mapping with file (and label, set, replications)"),
              let fileNode = r.required(f, "file", in: node, path, expected: "the path of a scenario file"),
              let file = r.string(fileNode, path + ".file", expected: "the path of a scenario file") else { return nil }
        let resolved = file.hasPrefix("/") ? file : directory.appendingPathComponent(file).path
        guard FileManager.default.fileExists(atPath: resolved) else {
            r.report(fileNode.location, path + ".file", found: "'\(file)', which does not exist",
                     expected: "the path of a scenario file, relative to the plan")
            return nil
        }
        let label = f["label"].flatMap { r.string($0, path + ".label", expected: "a label for the item") }
            ?? URL(fileURLWithPath: file).deletingPathExtension().lastPathComponent
        var overrides: [String] = []
        if let set = f["set"], let pairs = r.entries(set, path + ".set", what: "a mapping of key.path: value") {
            for (key, keyLocation, value) in pairs {
                guard case .scalar(let v, _, _) = value, !v.isEmpty else {
                    r.report(value, "\(path).set.\(key)", expected: "a single value such as 12 or \"6 weeks\"")
                    continue
                }
                if key.isEmpty || key.split(separator: ".", omittingEmptySubsequences: false).contains(where: \.isEmpty) {
                    r.report(keyLocation, "\(path).set", found: "the key '\(key)'",
                             expected: "a dotted key path such as stations.cmht.capacity")
                    continue
                }
                overrides.append("\(key)=\(v)")
            }
        }
        let replications = f["replications"].flatMap {
            r.integer($0, path + ".replications", expected: "a whole number of replications >= 1") { $0 >= 1 }
        }
        return BatchPlan.Item(label: label, file: resolved, overrides: overrides, replications: replications)
    }

    static func readTree(path: String, problems: inout [Problem]) -> YNode? {
        guard let data = FileManager.default.contents(atPath: path) else {
            let reason = FileManager.default.fileExists(atPath: path) ? "an unreadable file" : "no such file"
            problems.append(Problem(file: path, line: 1, column: 1, path: "", found: reason, expected: "a readable YAML plan file"))
            return nil
        }
        guard let composed = ScenarioLoader.compose(data, file: path, problems: &problems) else { return nil }
        guard let node = composed else {
            problems.append(Problem(file: path, line: 1, column: 1, path: "", found: "an empty file",
                                    expected: "a plan mapping with name and scenarios"))
            return nil
        }
        var budget = 100_000
        return YNode.from(node, file: path, budget: &budget, problems: &problems)
    }
}
