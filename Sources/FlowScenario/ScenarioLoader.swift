import FlowEngine
import Foundation
import Yams

/// Reads scenario files: YAML with line marks, `extends:` chains merged
/// base-first, overrides applied, then every key validated at once.
/// Why an expression did not compile: where (0-based character offset),
/// what was found and what was expected.
public struct ExpressionError: Error, Sendable, Equatable {
    public var offset: Int
    public var found: String
    public var expected: String
}

public enum ScenarioLoader {
    /// Loads and validates a scenario file.
    ///
    /// - Parameter overrides: `key.path=value` settings applied after
    ///   `extends` (the `--set` option and sweeps), e.g. `stations.desk.capacity=3`.
    /// - Throws: `ScenarioError` listing every problem found.
    public static func load(path: String, overrides: [String] = []) throws(ScenarioError) -> Scenario {
        var problems: [Problem] = []
        var files: [String] = []
        var bytes: [UInt8] = []
        guard var tree = readChain(path: path, stack: [], files: &files, bytes: &bytes, problems: &problems) else {
            throw ScenarioError(problems.isEmpty ? [Problem(file: path, line: 1, column: 1, path: "",
                                                            found: "no scenario", expected: "a YAML mapping")] : problems)
        }
        for o in overrides {
            bytes += Array("\n--set \(o)".utf8)
            let location = YNode.Location(file: "--set", line: 1, column: 1)
            guard let eq = o.firstIndex(of: "="), eq != o.startIndex else {
                problems.append(Problem(file: "--set", line: 1, column: 1, path: "", found: "'\(o)'",
                                        expected: "key.path=value, such as stations.desk.capacity=3"))
                continue
            }
            let key = String(o[..<eq]), value = String(o[o.index(after: eq)...])
            guard let replaced = tree.replacing(path: key.split(separator: ".").map(String.init), with: value, location: location) else {
                problems.append(Problem(file: "--set", line: 1, column: 1, path: key, found: "a path through a non-mapping",
                                        expected: "a key path to a value, such as stations.desk.capacity"))
                continue
            }
            tree = replaced
        }
        let reader = ScenarioReader()
        reader.problems = problems
        guard let read = reader.readScenario(tree), reader.problems.isEmpty else {
            throw ScenarioError(reader.problems.sorted())
        }
        return Scenario(name: read.name, description: read.description, model: read.model,
                        replications: read.replications, seed: read.seed, files: files, hash: fnv1a(bytes))
    }

    /// Reads a file and what it extends, merged base-first.
    static func readChain(path: String, stack: [String], files: inout [String], bytes: inout [UInt8],
                          problems: inout [Problem]) -> YNode? {
        let canonical = URL(fileURLWithPath: path).standardizedFileURL.path
        if stack.contains(canonical) {
            let chain = (stack + [canonical]).map { URL(fileURLWithPath: $0).lastPathComponent }.joined(separator: " → ")
            problems.append(Problem(file: stack.last ?? path, line: 1, column: 1, path: "extends",
                                    found: "a cycle of extends (\(chain))", expected: "a chain of files that ends"))
            return nil
        }
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            let reason = FileManager.default.fileExists(atPath: path) ? "an unreadable file" : "no such file"
            problems.append(Problem(file: path, line: 1, column: 1, path: "", found: reason, expected: "a readable YAML scenario file"))
            return nil
        }
        files.append(path)
        bytes += Array(data)
        guard let composed = compose(data, file: path, problems: &problems) else { return nil }
        guard let node = composed else {
            problems.append(Problem(file: path, line: 1, column: 1, path: "", found: "an empty file",
                                    expected: "a scenario mapping with name, run, sources and stations"))
            return nil
        }
        var local: [Problem] = []
        var budget = 1_000_000
        let tree = YNode.from(node, file: path, budget: &budget, problems: &local)
        problems += local
        guard case .mapping = tree else {
            problems.append(Problem(file: path, line: tree.location.line, column: tree.location.column, path: "",
                                    found: tree.kindName, expected: "a scenario mapping with name, run, sources and stations"))
            return nil
        }
        guard let extends = tree["extends"] else { return tree }
        guard case .scalar(let base, _, let location) = extends, !base.isEmpty else {
            problems.append(Problem(file: path, line: extends.location.line, column: extends.location.column,
                                    path: "extends", found: extends.summary, expected: "the path of a base scenario file"))
            return nil
        }
        let basePath = base.hasPrefix("/") ? base
            : URL(fileURLWithPath: path).deletingLastPathComponent().appendingPathComponent(base).path
        let baseCanonical = URL(fileURLWithPath: basePath).standardizedFileURL.path
        if (stack + [canonical]).contains(baseCanonical) {
            let chain = (stack + [canonical, baseCanonical]).map { URL(fileURLWithPath: $0).lastPathComponent }.joined(separator: " → ")
            problems.append(Problem(file: path, line: location.line, column: location.column, path: "extends",
                                    found: "a cycle of extends (\(chain))", expected: "a chain of files that ends"))
            return nil
        }
        var baseProblems: [Problem] = []
        guard let baseTree = readChain(path: basePath, stack: stack + [canonical], files: &files, bytes: &bytes,
                                       problems: &baseProblems) else {
            // Point at the extends line; the base file's own problems follow.
            if baseProblems.contains(where: { $0.file == basePath && $0.found == "no such file" }) {
                problems.append(Problem(file: path, line: location.line, column: location.column, path: "extends",
                                        found: "'\(base)', which does not exist", expected: "the path of a base scenario file"))
                baseProblems.removeAll { $0.file == basePath && $0.found == "no such file" }
            }
            problems += baseProblems
            return nil
        }
        problems += baseProblems
        return YNode.merge(base: baseTree, override: tree)
    }

    /// Compiles a flow-rule expression against attributes and station
    /// names; on failure, the character offset and what was expected.
    public static func compileExpression(_ text: String, attributes: [Attribute], stations: [String])
        -> Result<RuleExpression, ExpressionError> {
        ExpressionParser.compile(text, attributes: attributes, stations: stations)
            .mapError { ExpressionError(offset: $0.offset, found: $0.found, expected: $0.expected) }
    }

    /// The YAML of a file's bytes: nil after a problem (not UTF-8, not
    /// YAML), `.some(nil)` for an empty document. Shared with plan files.
    static func compose(_ data: Data, file path: String, problems: inout [Problem]) -> Node?? {
        guard let text = String(data: data, encoding: .utf8) else {
            problems.append(Problem(file: path, line: 1, column: 1, path: "", found: "bytes that are not UTF-8 text",
                                    expected: "a UTF-8 YAML file"))
            return nil
        }
        do {
            return .some(try Yams.compose(yaml: text))
        } catch let error as YamlError {
            problems.append(yamlProblem(error, file: path))
        } catch {
            problems.append(Problem(file: path, line: 1, column: 1, path: "", found: "invalid YAML (\(error))",
                                    expected: "valid YAML"))
        }
        return nil
    }

    static func yamlProblem(_ error: YamlError, file: String) -> Problem {
        switch error {
        case .scanner(let context, let problem, let mark, _),
             .parser(let context, let problem, let mark, _),
             .composer(let context, let problem, let mark, _):
            let what = [context?.text, problem].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: ": ")
            return Problem(file: file, line: mark.line, column: mark.column, path: "",
                           found: "invalid YAML (\(what))", expected: "valid YAML")
        case .duplicatedKeysInMapping(let duplicates, let context):
            // Yams checks before YNode.from can; the mark is the key's first appearance.
            return Problem(file: file, line: context.mark.line, column: context.mark.column, path: "",
                           found: "a duplicate key " + duplicates.map { "'\($0)'" }.joined(separator: ", "),
                           expected: "each key once in a mapping")
        case .reader(let problem, let offset, _, let yaml):
            let before = yaml.utf8.prefix(max(0, offset ?? 0))
            let line = before.filter { $0 == 10 }.count + 1
            let column = String(decoding: before.split(separator: 10, omittingEmptySubsequences: false).last ?? [], as: UTF8.self)
                .unicodeScalars.count + 1
            return Problem(file: file, line: line, column: column, path: "", found: "invalid YAML (\(problem))", expected: "valid YAML")
        default:
            return Problem(file: file, line: 1, column: 1, path: "", found: "invalid YAML (\(error))", expected: "valid YAML")
        }
    }

    /// FNV-1a 64 in 16 hex digits: the hash that names scenarios and experiments.
    public static func fnv1a(_ bytes: [UInt8]) -> String {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in bytes {
            h ^= UInt64(b)
            h = h &* 0x0000_0100_0000_01b3
        }
        let hex = String(h, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }
}
