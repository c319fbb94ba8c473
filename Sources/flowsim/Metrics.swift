import ArgumentParser
import FlowEngine

struct Metrics: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "List the metrics a run reports, with their meaning.")

    func run() {
        print("Per station:")
        for m in StationMeasure.allCases { print("  \(m.rawValue.padding(30)) \(m.meaning)") }
        print("  \("reason:<name>".padding(30)) rule decisions at the station that gave this reason")
        print("  \("wait_share_within_<N>_days".padding(30)) share of waits within each of the scenario's standards")
        print("System-wide (station \"\(NetworkMetrics.systemLabel)\"):")
        for m in SystemMeasure.allCases { print("  \(m.rawValue.padding(30)) \(m.meaning)") }
        for w in PathwayWait.allCases {
            print("  \("\(w.stem)_share_within_<N>_days".padding(30)) share of those waits within each standard")
        }
        print("""
            Groups (column `group`): `all`; `priority:<k>` for wait_mean_days and served by priority
            class at priority stations (0 most urgent); `<attribute>:<level>` for arrivals,
            wait_mean_days, rejected and crises when the scenario sets `groups:`; `route:<station>`
            for the system's crises, by the crisis route taken.
            """)
    }
}

extension String {
    func padding(_ width: Int) -> String {
        count >= width ? self : self + String(repeating: " ", count: width - count)
    }
}
