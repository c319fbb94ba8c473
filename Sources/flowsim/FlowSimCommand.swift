import ArgumentParser
import FlowEngine

/// `flowsim`: the command-line front of FlowSim.
@main
struct FlowSimCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "flowsim",
        abstract: "Discrete-event simulation of people moving through services.",
        discussion: """
            Describe a system once in a YAML scenario file; FlowSim runs it many times and
            reports, with confidence intervals, waits, queues, utilisation and losses.

            Exit codes: 0 success; 1 `plan` found no value meeting its targets; 64 usage
            error (bad options); 65 invalid scenario or plan; 70 runtime failure; 74
            results could not be written.
            """,
        version: FlowSimVersion.string,
        subcommands: [Run.self, Compare.self, Batch.self, SweepCommand.self, PlanCommand.self, Merge.self, Slurm.self, Report.self, Check.self, Metrics.self, Bench.self]
    )
}

/// Documented exit codes (BSD sysexits).
enum Exit {
    static let usage = ExitCode(64)
    static let invalidScenario = ExitCode(65)
    static let runtime = ExitCode(70)
    static let io = ExitCode(74)
}
