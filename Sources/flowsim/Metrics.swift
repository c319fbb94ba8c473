import ArgumentParser
import FlowEngine

struct Metrics: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "List the metrics a run reports, with their meaning.")

    func run() {
        print("Per station:")
        for m in NetworkMetrics.station { print("  \(m.name.padding(30))\(m.meaning)") }
        print("System-wide (station \"\(NetworkMetrics.systemLabel)\"):")
        for m in NetworkMetrics.system { print("  \(m.name.padding(30))\(m.meaning)") }
    }
}

extension String {
    func padding(_ width: Int) -> String {
        count >= width ? self + " " : self + String(repeating: " ", count: width - count)
    }
}
