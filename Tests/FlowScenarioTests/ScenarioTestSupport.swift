import FlowScenario
import Foundation
import XCTest

/// Paths in the package and scratch directories for scenario files.
enum Package {
    static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let scenarios = root.appendingPathComponent("Scenarios")
    static let schema = scenarios.appendingPathComponent("flowsim.schema.json")

    /// Every shipped scenario, `Scenarios/**/*.yaml` but the plans, in a fixed order.
    static func shippedScenarios() -> [URL] {
        guard let walker = FileManager.default.enumerator(at: scenarios, includingPropertiesForKeys: nil) else { return [] }
        var out: [URL] = []
        // Plans (Scenarios/plans) are batch plan files, with a schema of their own.
        for case let url as URL in walker where url.pathExtension == "yaml" && url.deletingLastPathComponent().lastPathComponent != "plans" {
            out.append(url.standardizedFileURL)
        }
        return out.sorted { $0.path < $1.path }
    }
}

/// A temporary directory that removes itself.
final class ScratchDirectory {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("flowscenario-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: url) }

    /// Writes `text` to `name` (subdirectories are created) and returns its path.
    @discardableResult
    func write(_ name: String, _ text: String) throws -> String {
        try write(name, Data(text.utf8))
    }

    @discardableResult
    func write(_ name: String, _ data: Data) throws -> String {
        let file = url.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try data.write(to: file)
        return file.path
    }

    func path(_ name: String) -> String { url.appendingPathComponent(name).path }
}

/// Outcome of loading a scenario: the scenario, or every problem reported.
enum LoadOutcome {
    case loaded(Scenario)
    case failed([Problem])

    static func load(path: String, overrides: [String] = []) -> LoadOutcome {
        do {
            return .loaded(try ScenarioLoader.load(path: path, overrides: overrides))
        } catch {
            return .failed(error.problems)
        }
    }
}

/// Durations as the reader computes them: the number times the unit's length in days.
func minutes(_ x: Double) -> Double { x * (1.0 / 1_440) }
func hours(_ x: Double) -> Double { x * (1.0 / 24) }

/// Line and column (1-based, in Unicode scalars like libyaml) where `needle`
/// starts in `text`; its `occurrence`-th appearance.
func position(of needle: String, in text: String, occurrence: Int = 1) -> (line: Int, column: Int)? {
    var searchFrom = text.startIndex
    var found: Range<String.Index>?
    for _ in 0..<occurrence {
        guard let r = text.range(of: needle, range: searchFrom..<text.endIndex) else { return nil }
        found = r
        searchFrom = r.upperBound
    }
    guard let start = found?.lowerBound else { return nil }
    let before = text[..<start]
    let line = before.filter { $0 == "\n" }.count + 1
    let lineStart = before.lastIndex(of: "\n").map { text.index(after: $0) } ?? text.startIndex
    return (line, text[lineStart..<start].unicodeScalars.count + 1)
}

extension String {
    /// A copy with `old` (which must occur exactly once) replaced by `new`.
    func with(_ old: String, _ new: String, file: StaticString = #filePath, line: UInt = #line) -> String {
        let parts = components(separatedBy: old)
        XCTAssertEqual(parts.count, 2, "'\(old)' should occur exactly once in the template", file: file, line: line)
        return replacingOccurrences(of: old, with: new)
    }
}

/// Scenario texts written to a scratch directory and loaded, with assertions
/// on the problems reported.
class ScenarioTestCase: XCTestCase {
    var scratch: ScratchDirectory!

    override func setUpWithError() throws {
        scratch = try ScratchDirectory()
    }

    override func tearDown() {
        scratch = nil
    }

    /// A small valid scenario that the error tests break in one place.
    ///
    ///     line  1  name: Test
    ///           2  run:
    ///           3    duration: 10 days
    ///           4  sources:
    ///           5    walk_in:
    ///           6      rate: 12 per day
    ///           7      to: desk
    ///           8  stations:
    ///           9    desk:
    ///          10      capacity: 1
    ///          11      service: {distribution: exponential, mean: 30 min}
    ///          12      routing: {nurse: 0.5}
    ///          13    nurse:
    ///          14      capacity: 2
    ///          15      service: 20 min
    static let valid = """
        name: Test
        run:
          duration: 10 days
        sources:
          walk_in:
            rate: 12 per day
            to: desk
        stations:
          desk:
            capacity: 1
            service: {distribution: exponential, mean: 30 min}
            routing: {nurse: 0.5}
          nurse:
            capacity: 2
            service: 20 min

        """

    /// The valid scenario with people's attributes, for the flow-rule tests.
    static let withAttributes = valid.with("run:\n", """
        attributes:
          risk: [low, medium, high]
          complexity: [1, 2, 3, 4, 5]
        run:

        """)

    /// Loads `text` written as `name`; fails the test if it loads.
    func problems(_ text: String, name: String = "scenario.yaml", overrides: [String] = [],
                  file: StaticString = #filePath, line: UInt = #line) throws -> [Problem] {
        let path = try scratch.write(name, text)
        switch LoadOutcome.load(path: path, overrides: overrides) {
        case .loaded:
            XCTFail("expected problems, but the scenario loaded", file: file, line: line)
            return []
        case .failed(let problems):
            XCTAssertFalse(problems.isEmpty, "a ScenarioError must carry problems", file: file, line: line)
            XCTAssertEqual(problems, problems.sorted(), "problems must be sorted by file, line, column", file: file, line: line)
            return problems
        }
    }

    /// Loads `text`, which must be valid.
    func load(_ text: String, name: String = "scenario.yaml", overrides: [String] = [],
              file: StaticString = #filePath, line: UInt = #line) throws -> Scenario {
        let path = try scratch.write(name, text)
        switch LoadOutcome.load(path: path, overrides: overrides) {
        case .loaded(let s): return s
        case .failed(let problems):
            XCTFail("expected a valid scenario, got:\n\(ScenarioError(problems))", file: file, line: line)
            throw XCTSkip("scenario did not load")
        }
    }

    /// Asserts that `text` has exactly one problem (or, with `among`, that one
    /// of its problems matches): at the start of `at` (its `occurrence`-th
    /// appearance, or its place inside `within` when given), at `path`, with
    /// `found` and `expected` containing every given fragment.
    @discardableResult
    func expectProblem(_ text: String, at needle: String, within context: String? = nil, occurrence: Int = 1, path: String,
                       found: [String] = [], expected: [String] = [], among: Bool = false,
                       name: String = "scenario.yaml", overrides: [String] = [],
                       file: StaticString = #filePath, line: UInt = #line) throws -> Problem? {
        let all = try problems(text, name: name, overrides: overrides, file: file, line: line)
        guard var where_ = position(of: context ?? needle, in: text, occurrence: occurrence),
              let inside = (context ?? needle).range(of: needle) else {
            XCTFail("'\(context ?? needle)' is not in the scenario text", file: file, line: line)
            return nil
        }
        let lead = (context ?? needle)[..<inside.lowerBound]
        XCTAssertFalse(lead.contains("\n"), "the needle must be on the context's first line", file: file, line: line)
        where_.column += lead.unicodeScalars.count
        if !among {
            XCTAssertEqual(all.count, 1, "expected exactly one problem, got:\n\(ScenarioError(all))", file: file, line: line)
        }
        guard let p = all.first(where: { $0.path == path }) else {
            XCTFail("no problem at path '\(path)'; got:\n\(ScenarioError(all))", file: file, line: line)
            return nil
        }
        XCTAssertEqual(p.file, scratch.path(name), "file of \(p)", file: file, line: line)
        XCTAssertEqual(p.line, where_.line, "line of \(p)", file: file, line: line)
        XCTAssertEqual(p.column, where_.column, "column of \(p)", file: file, line: line)
        for f in found { XCTAssertTrue(p.found.contains(f), "found of \(p) lacks \(f)", file: file, line: line) }
        for e in expected { XCTAssertTrue(p.expected.contains(e), "expected of \(p) lacks \(e)", file: file, line: line) }
        return p
    }
}
