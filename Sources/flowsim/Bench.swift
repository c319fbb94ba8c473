import ArgumentParser
import FlowEngine
import FlowExperiments
import FlowScenario
import Foundation

/// `flowsim bench`: the standard workloads, timed in this process's children
/// so each workload's peak memory is its own.
struct Bench: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Time the standard workloads: events, wall seconds, events per second, peak memory.",
        discussion: """
            Workloads: mmc (M/M/c, c = 10, rho = 0.9, 1,000,000 customers), network (six stations, \
            routing, feedback, a finite queue; 1,000,000 arrivals), mh-year (the default mental health \
            scenario, one simulated year), mh-million (1,000,000 service users through it), \
            replications (1,000 one-year replications of network, then 100 of mh-year, at 1 and at \
            all threads in turn, three rounds, checking the results are identical). Build in release \
            first.
            """
    )

    @Argument(help: "Workloads to run (default: all).")
    var names: [String] = []

    @Flag(name: .long, help: "Print JSON on standard output instead of a table.")
    var json = false

    @Option(name: .long, help: "The mental health scenario for mh-year and mh-million.")
    var scenario = "Scenarios/dorset-baseline.yaml"

    @Option(name: .long, help: .hidden)
    var only: String?

    static let all = ["mmc", "network", "mh-year", "mh-million", "replications"]

    func validate() throws {
        for n in names where !Self.all.contains(n) {
            throw ValidationError("unknown workload '\(n)'; the workloads are " + Self.all.joined(separator: ", "))
        }
    }

    func run() throws {
        if let only {
            // In a child: run one workload and print its figures as one JSON line.
            print(try BenchWorkload.measure(only, scenarioPath: scenario))
            return
        }
        var rows: [[String: Any]] = []
        for name in names.isEmpty ? Self.all : names {
            if !json { Terminal.error("  \(name)...") }
            let text = try child(name)
            guard let row = (try? JSONSerialization.jsonObject(with: Data(text.utf8))) as? [String: Any] else {
                Terminal.error("flowsim: workload \(name) failed:\n\(text)")
                throw Exit.runtime
            }
            rows.append(row)
        }
        if json {
            let data = try JSONSerialization.data(withJSONObject: rows, options: [.prettyPrinted, .sortedKeys])
            print(String(decoding: data, as: UTF8.self))
        } else {
            print(BenchWorkload.table(rows))
        }
    }

    /// Runs `flowsim bench --only NAME` in a fresh process, so the peak memory it reports is the workload's own.
    func child(_ name: String) throws -> String {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: CommandLine.arguments[0]).standardizedFileURL
        if !FileManager.default.isExecutableFile(atPath: p.executableURL!.path) {
            p.executableURL = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        }
        p.arguments = ["bench", "--only", name, "--scenario", scenario]
        let out = Pipe()
        p.standardOutput = out
        try p.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }
}
