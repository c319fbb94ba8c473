import FlowExperiments
import FlowReport
import FlowScenario
import Foundation

/// Writes the self-contained HTML report of a run (the `--report FILE`
/// option of `run`), creating the file's directory if needed.
func writeReport(results: RunResults, info: RunInfo, scenario: Scenario, to path: String) throws {
    let html = HTMLReport.render(results: results, info: info, model: scenario.model,
                                 scenarioDescription: scenario.description)
    let url = URL(fileURLWithPath: path)
    try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
    try Data(html.utf8).write(to: url, options: .atomic)
}

/// Writes an experiment report, creating its directory.
enum ExperimentReportFile {
    static func write(_ data: ExperimentReportData, to path: String) throws {
        do {
            let url = URL(fileURLWithPath: path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try ExperimentReport.render(data).write(to: url, atomically: true, encoding: .utf8)
        } catch {
            Terminal.error("flowsim: cannot write the report \(path): \(error.localizedDescription)")
            throw Exit.io
        }
    }
}
