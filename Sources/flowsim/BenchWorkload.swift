import FlowEngine
import FlowExperiments
import FlowScenario
import Foundation

/// The standard workloads and how they are measured.
enum BenchWorkload {
    static let mmc = """
        name: mmc benchmark
        run: {duration: 111112 days, replications: 1, seed: 1}
        sources:
          customers: {rate: 9 per day, to: servers, limit: 1000000}
        stations:
          servers: {capacity: 10, service: {distribution: exponential, mean: 1 day}}
        """

    static let network = """
        name: network benchmark
        run: {duration: 100001 days, replications: 1, seed: 1}
        sources:
          arrivals: {rate: 10 per day, to: triage, limit: 1000000}
        stations:
          triage: {capacity: 2, service: {distribution: exponential, mean: 0.15 days}, routing: {assess: 0.6, advice: 0.4}}
          assess: {capacity: 4, service: {distribution: lognormal, mean: 0.5 days, sd: 0.3 days}, routing: {treat: 0.7, advice: 0.2}}
          advice: {capacity: 2, service: {distribution: exponential, mean: 0.1 days}}
          treat: {capacity: 6, service: {distribution: gamma, shape: 2, scale: 0.25 days}, routing: {review: 0.5, treat: 0.1}}
          review: {capacity: 2, service: {distribution: exponential, mean: 0.2 days}, queue_limit: 5, overflow: lost, routing: {assess: 0.1, beds: 0.05}}
          beds: {capacity: 5, service: {distribution: lognormal, mean: 10 days, sd: 8 days}}
        """

    static func load(text: String) throws -> NetworkModel {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("flowsim-bench-\(getpid())-\(text.hashValue).yaml")
        try text.write(to: url, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: url) }
        return try ScenarioLoader.load(path: url.path).model
    }

    /// Expected arrivals per day of a model's sources (profiles by their mean multiplier).
    static func arrivalsPerDay(_ model: NetworkModel) -> Double {
        model.sources.reduce(0) { total, s in
            let batch = s.batch?.mean ?? 1
            switch s.arrivals {
            case .poisson(let r): return total + r * batch
            case .renewal(let d): return total + batch / d.mean
            case .profile(let r, let p):
                func mean(_ v: [Double]) -> Double { v.reduce(0, +) / Double(v.count) }
                return total + r * mean(p.hourly) * mean(p.weekly) * mean(p.monthly) * batch
            }
        }
    }

    static func measure(_ name: String, scenarioPath: String) throws -> String {
        var model: NetworkModel
        switch name {
        case "mmc": model = try load(text: mmc)
        case "network", "replications": model = try load(text: network)
        default: model = try ScenarioLoader.load(path: scenarioPath).model
        }
        switch name {
        case "mh-year":
            model.warmUp = 0
            model.duration = 365
        case "mh-million":
            model.warmUp = 0
            model.duration = (1_000_000 / arrivalsPerDay(model)).rounded(.up)
        default: break
        }
        if name == "replications" { return try replications(network: model, scenarioPath: scenarioPath) }
        let start = Date()
        var sim = try NetworkSimulation(model: model, masterSeed: 1, replication: 0)
        sim.run()
        let wall = Date().timeIntervalSince(start)
        let events = sim.eventsProcessed
        return json(["workload": name, "events": Double(events), "wall_s": wall, "events_per_s": Double(events) / wall,
                     "people": Double(sim.everArrivedInSystem)])
    }

    /// Rounds of the replication workloads: one thread and all threads run
    /// in turn, so that a drift of the machine's speed reaches both.
    static let replicationRounds = 3

    /// Replications per second at one thread and at all (medians over the
    /// rounds), the speed-up (median of each round's ratio), and whether
    /// every run agrees exactly with the first.
    static func replications(network: NetworkModel, scenarioPath: String) throws -> String {
        var net = network
        net.duration = 365
        for s in net.sources.indices { net.sources[s].limit = nil }
        var mh = try ScenarioLoader.load(path: scenarioPath).model
        mh.warmUp = 0
        mh.duration = 365
        var out: [String: Any] = ["workload": "replications"]
        for (label, model, n) in [("network", net, 1000), ("mh_year", mh, 100)] {
            var one: [Double] = [], all: [Double] = []
            var runs: [RunResults] = []
            for round in 0..<replicationRounds {
                // One thread first in even rounds, all threads first in odd ones.
                for threads in round % 2 == 0 ? [1, 0] : [0, 1] {
                    let start = Date()
                    let r = try ReplicationRunner.run(model: model, seed: 1, replications: n, threads: threads)
                    let rate = Double(n) / Date().timeIntervalSince(start)
                    if threads == 1 { one.append(rate) } else { all.append(rate) }
                    runs.append(r)
                }
            }
            func median(_ xs: [Double]) -> Double {
                let s = xs.sorted()
                return s.count % 2 == 1 ? s[s.count / 2] : (s[s.count / 2 - 1] + s[s.count / 2]) / 2
            }
            out["\(label)_replications"] = Double(n)
            out["\(label)_rounds"] = Double(replicationRounds)
            out["\(label)_per_s_1_thread"] = median(one)
            out["\(label)_per_s_all_threads"] = median(all)
            out["\(label)_speed_up"] = median(zip(all, one).map { $0 / $1 })
            out["\(label)_identical"] = runs.dropFirst().allSatisfy { run in
                runs[0].results.map(\.values).elementsEqual(run.results.map(\.values)) { a, b in
                    zip(a, b).allSatisfy { $0 == $1 || ($0.isNaN && $1.isNaN) }
                }
            }
            out["events"] = (out["events"] as? Double ?? 0) + Double(runs[0].totalEvents)
        }
        out["threads"] = Double(ProcessInfoCores.count)
        return json(out)
    }

    static func json(_ object: [String: Any]) -> String {
        var object = object
        var usage = rusage()
        getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
        object["peak_mib"] = Double(usage.ru_maxrss) / 1024
        let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self)
    }

    static func table(_ rows: [[String: Any]]) -> String {
        func f(_ v: Any?, _ format: String) -> String { (v as? Double).map { String(format: format, $0) } ?? "-" }
        var lines = ["workload       events        wall s   events/s      peak MiB"]
        for r in rows {
            let name = (r["workload"] as? String ?? "?").padding(toLength: 14, withPad: " ", startingAt: 0)
            lines.append("\(name) \(f(r["events"], "%11.0f"))  \(f(r["wall_s"], "%8.2f"))  \(f(r["events_per_s"], "%10.3g"))  \(f(r["peak_mib"], "%8.1f"))")
            for key in ["network", "mh_year"] where r["\(key)_replications"] != nil {
                lines.append(String(format: "  %@: %.0f replications, %.0f rounds in turn: %.1f/s at 1 thread, %.1f/s at %.0f threads (%.2fx, median of the rounds' ratios), identical: %@",
                                    key, r["\(key)_replications"] as? Double ?? 0, r["\(key)_rounds"] as? Double ?? 0,
                                    r["\(key)_per_s_1_thread"] as? Double ?? 0,
                                    r["\(key)_per_s_all_threads"] as? Double ?? 0, r["threads"] as? Double ?? 0,
                                    r["\(key)_speed_up"] as? Double ?? 0, (r["\(key)_identical"] as? Bool ?? false) ? "yes" : "NO"))
            }
        }
        return lines.joined(separator: "\n")
    }
}
