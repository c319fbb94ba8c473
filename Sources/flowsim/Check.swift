import ArgumentParser
import FlowScenario

struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Validate scenario files and report every problem at once.",
        discussion: """
            Each problem is printed to standard error as
              file:line:column: key.path: found X, expected Y
            Valid files are listed on standard output. Exits 65 if any file is invalid.
            """
    )

    @Argument(help: "Scenario files to check.")
    var files: [String]

    @Option(name: .customLong("set"), help: "Override a value before checking: key.path=value (repeatable).")
    var overrides: [String] = []

    func run() throws {
        var invalid = 0
        for file in files {
            do {
                let s = try ScenarioLoader.load(path: file, overrides: overrides)
                print("\(file): ok (\(s.model.sources.count) sources, \(s.model.stations.count) stations)")
            } catch {
                invalid += 1
                Terminal.error(error.description)
                Terminal.error("\(file): \(error.problems.count) problem\(error.problems.count == 1 ? "" : "s")")
            }
        }
        if invalid > 0 { throw Exit.invalidScenario }
    }
}
