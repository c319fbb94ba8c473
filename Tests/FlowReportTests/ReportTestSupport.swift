import FlowEngine
import FlowExperiments
import FlowReport
import FlowScenario
import Foundation
import XCTest

/// Scenarios run once and rendered, shared by the report tests.
enum ReportFixture {
    static var packageRoot: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }

    struct Rendered: Sendable {
        var scenario: Scenario
        var results: RunResults
        var html: String
    }

    /// Loads a scenario, runs `replications` and renders the report.
    static func render(path: String, replications: Int, overrides: [String] = [], seriesInterval: Double? = 1) throws -> Rendered {
        var scenario = try ScenarioLoader.load(path: path, overrides: overrides)
        // As `flowsim run` does by default: a daily census for the charts over time.
        scenario.model.seriesInterval = seriesInterval
        let results = try ReplicationRunner.run(model: scenario.model, seed: scenario.seed, replications: replications)
        let info = RunInfo(scenarioName: scenario.name, scenarioHash: scenario.hash, files: scenario.files, seed: scenario.seed,
                           generator: scenario.model.generator, duration: scenario.model.duration,
                           warmUp: scenario.model.warmUp)
        let html = HTMLReport.render(results: results, info: info, model: scenario.model,
                                     scenarioDescription: scenario.description)
        return Rendered(scenario: scenario, results: results, html: html)
    }

    /// The shipped Dorset baseline, 3 replications, rendered once.
    static let dorset: Result<Rendered, any Error> = Result {
        try render(path: packageRoot.appendingPathComponent("Scenarios/dorset-baseline.yaml").path, replications: 3)
    }

    /// A scenario whose every name is hostile HTML.
    static let hostileYAML = #"""
        name: "<script>alert(1)</script> & \"quoted\" 'single'"
        description: "Desc <script>alert(2)</script> & <img src=x onerror=alert(3)> \"q\" 'a'"
        run: {duration: 60 days, warm_up: 10 days, replications: 3, seed: 7}
        attributes:
          risk: [low, high]
          group: ["<b>g1</b>", "a&b"]
        groups: group
        standards: [2 weeks]
        sources:
          "<script>src</script>":
            rate: 30 per day
            to: "<script>alert(1)</script>"
            mix:
              risk: {low: 70, high: 30}
              group: {"<b>g1</b>": 50, "a&b": 50}
        stations:
          "<script>alert(1)</script>":
            function: triage
            capacity: 2
            service: {distribution: exponential, mean: 1 h}
            rules:
              - {when: "risk > low", decision: redirect, to: "\"quoted\" & 'single'", reason: "<script>reason</script>"}
              - {when: "risk < high", decision: reject, reason: "x&y<z>", adherence: 0.3}
            on_reject: {re_refer: 0.5, after: 3 days}
            routing: {"\"quoted\" & 'single'": 0.5}
          "\"quoted\" & 'single'":
            capacity: 1
            service: {distribution: exponential, mean: 40 min}
            queue_limit: 3
        """#

    static let hostile: Result<Rendered, any Error> = Result {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("flowsim-report-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("hostile.yaml")
        try Data(hostileYAML.utf8).write(to: file)
        return try render(path: file.path, replications: 3)
    }

    /// A small queueing network with no attributes, groups or rules, and no time series.
    static let clinic: Result<Rendered, any Error> = Result {
        try render(path: packageRoot.appendingPathComponent("Scenarios/examples/clinic.yaml").path, replications: 3,
                   seriesInterval: nil)
    }

    static func temporaryFile(_ name: String) -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("flowsim-report-\(UUID().uuidString)-\(name)")
    }
}

/// Checks that tags nest and close: every element opened is closed in
/// order, apart from void elements and self-closing SVG elements. Returns
/// the problems found (empty when balanced). Text is escaped by the report,
/// so `<` only ever starts a tag; the style sheet is skipped.
func tagProblems(_ html: String) -> [String] {
    let void: Set<String> = ["meta", "br", "hr", "img", "input", "link", "col", "area", "base", "source", "wbr", "!doctype"]
    var stack: [String] = []
    var problems: [String] = []
    var i = html.startIndex
    while let open = html[i...].firstIndex(of: "<") {
        guard let close = html[open...].firstIndex(of: ">") else {
            problems.append("unterminated tag at offset \(html.distance(from: html.startIndex, to: open))")
            break
        }
        let inner = html[html.index(after: open)..<close]
        i = html.index(after: close)
        let selfClosing = inner.hasSuffix("/")
        let isEnd = inner.hasPrefix("/")
        let nameText = (isEnd ? inner.dropFirst() : inner).prefix { !$0.isWhitespace && $0 != "/" && $0 != ">" }
        let name = nameText.lowercased()
        if isEnd {
            if stack.last == name { stack.removeLast() } else {
                problems.append("</\(name)> closes <\(stack.last ?? "nothing")>")
                if let k = stack.lastIndex(of: name) { stack.removeSubrange(k...) }
            }
        } else if !selfClosing && !void.contains(name) {
            if name == "style" {
                // Skip the style sheet to its end tag.
                guard let end = html.range(of: "</style>", range: i..<html.endIndex) else {
                    problems.append("unclosed <style>")
                    break
                }
                i = end.upperBound
                continue
            }
            stack.append(name)
        }
    }
    if !stack.isEmpty { problems.append("unclosed: " + stack.joined(separator: " ")) }
    return problems
}

func occurrences(of needle: String, in text: String) -> Int {
    text.components(separatedBy: needle).count - 1
}

/// The five-character HTML escape, written independently of the report's.
func escaped(_ s: String) -> String {
    s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
        .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
        .replacingOccurrences(of: "'", with: "&#39;")
}
