import ArgumentParser
import FlowEngine
import FlowExperiments
import FlowReport
import FlowScenario
import Foundation

/// `flowsim report DIR`: the HTML report of a finished run, rebuilt from its
/// files and its scenario (which must not have changed since: the scenario
/// hash is checked).
struct Report: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write the HTML report of a run from its results directory.",
        discussion: """
            Reads DIR/summary.json, DIR/replications.csv and, if present, DIR/timeseries.csv, and \
            the scenario files named in summary.json (with the run's --set overrides). Exits 65 if \
            the scenario has changed since the run.
            """
    )

    @Argument(help: "A results directory written by flowsim run.")
    var directory: String

    @Option(name: [.short, .customLong("output")], help: "The HTML file to write (default: DIR/report.html).")
    var output: String?

    func run() throws {
        let summaryURL = URL(fileURLWithPath: directory).appendingPathComponent("summary.json")
        guard let data = try? Data(contentsOf: summaryURL),
              let summary = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
              let scenarioInfo = summary["scenario"] as? [String: Any],
              let files = scenarioInfo["files"] as? [String], let file = files.first,
              let hash = scenarioInfo["hash"] as? String else {
            Terminal.error("flowsim: \(summaryURL.path): found no readable summary.json, expected the results of flowsim run")
            throw Exit.io
        }
        let overrides = scenarioInfo["overrides"] as? [String] ?? []
        var scenario: Scenario
        do {
            scenario = try ScenarioLoader.load(path: file, overrides: overrides)
        } catch {
            Terminal.error(error.description)
            throw Exit.invalidScenario
        }
        guard scenario.hash == hash else {
            Terminal.error("flowsim: \(file): the scenario has changed since the run (hash \(scenario.hash), expected \(hash)); run it again")
            throw Exit.invalidScenario
        }
        scenario.model.warmUp = summary["warm_up_days"] as? Double ?? scenario.model.warmUp
        let seed = (summary["seed"] as? NSNumber)?.uint64Value ?? scenario.seed
        let confidence = summary["confidence"] as? Double ?? 0.95
        let results: RunResults
        do {
            results = try ResultFiles.read(directory: directory, model: &scenario.model)
        } catch {
            Terminal.error("flowsim: \(error)")
            throw Exit.io
        }
        var info = RunInfo(scenarioName: scenario.name, scenarioHash: scenario.hash, files: scenario.files, seed: seed,
                           generator: scenario.model.generator, duration: scenario.model.duration,
                           warmUp: scenario.model.warmUp, confidence: confidence)
        info.overrides = overrides
        let path = output ?? URL(fileURLWithPath: directory).appendingPathComponent("report.html").path
        do {
            try writeReport(results: results, info: info, scenario: scenario, to: path)
        } catch {
            Terminal.error("flowsim: cannot write the report \(path): \(error.localizedDescription)")
            throw Exit.io
        }
        print("Wrote \(path)")
    }
}
