import ArgumentParser
import FlowStore
import Foundation

struct Merge: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Merge results stores (shards of one plan, or runs made apart) into one.",
        discussion: """
            Runs of one experiment are matched by point, other runs by what fixes their results \
            (scenario hash, seed, generator, length, warm-up, census interval). A replication \
            already in the output is skipped, never duplicated, so merging twice changes nothing. \
            Runs that end with every planned replication are summarised. The inputs are only read.
            """
    )

    @Argument(help: "Stores to merge (SQLite files written by flowsim).")
    var inputs: [String]

    @Option(name: [.short, .customLong("output")], help: "The store to merge into (created if missing).")
    var output: String

    @Flag(name: [.customShort("q"), .long], help: "Print nothing but errors.")
    var quiet = false

    func validate() throws {
        if inputs.isEmpty { throw ValidationError("give at least one store to merge") }
        let target = URL(fileURLWithPath: output).standardizedFileURL.path
        if inputs.contains(where: { URL(fileURLWithPath: $0).standardizedFileURL.path == target }) {
            throw ValidationError("the output \(output) is also an input; merge into another file")
        }
        for input in inputs where !FileManager.default.fileExists(atPath: input) {
            throw ValidationError("no such store: \(input)")
        }
    }

    func run() throws {
        let outcome: MergeOutcome
        do {
            let parent = URL(fileURLWithPath: output).deletingLastPathComponent()
            try FileManager.default.createDirectory(at: parent, withIntermediateDirectories: true)
            outcome = try ResultsStore(path: output).merge(from: inputs)
        } catch {
            Terminal.error("flowsim: merge into \(output) failed: \(error.localizedDescription)")
            throw Exit.io
        }
        guard !quiet else { return }
        print("merged \(outcome.stores) stores into \(output): \(outcome.runs) runs, \(outcome.added) replications added, "
            + "\(outcome.duplicates) already there; \(outcome.finishedRuns) of \(outcome.runs) runs complete")
    }
}
