import FlowEngine
import FlowExperiments
import FlowReport
import FlowScenario
import FlowStats
import Foundation

extension Run {
    /// "5%" or "0.05" → 0.05.
    static func fraction(_ text: String) -> Double? {
        let t = text.trimmingCharacters(in: .whitespaces)
        let v = t.hasSuffix("%") ? Double(t.dropLast()).map { $0 / 100 } : Double(t)
        guard let v, v > 0, v < 1 else { return nil }
        return v
    }

    /// The replications advisor: keeps adding replications (numbered on from
    /// those done, so the result equals a fixed run of the final size) until
    /// every target metric's relative half-width is within `target`.
    func addReplicationsUntil(_ target: Double, _ first: RunResults, scenario: Scenario, seed: UInt64,
                              quietly: Bool) throws -> RunResults {
        let goal = PrecisionTarget(relativeHalfWidth: target, confidence: confidence, minimumReplications: 3)
        // By default the metrics that are never near zero: relative precision of a wait that is
        // usually 0, or of a count of a few, is ill-posed; name such metrics with --target-metric.
        let keys: [MetricKey] = targetMetrics.isEmpty
            ? scenario.model.stations.map { MetricKey(metric: "utilisation", station: $0.name) }
                + [MetricKey(metric: "time_in_system_mean_days", station: NetworkMetrics.systemLabel)]
            : targetMetrics.map { m in
                let parts = m.split(separator: "@", maxSplits: 1).map(String.init)
                return MetricKey(metric: parts[0], station: parts[1])
            }
        for k in keys where !first.keys.contains(k) {
            Terminal.error("flowsim: --target-metric \(k.metric)@\(k.station) is not a metric of this scenario (see flowsim metrics)")
            throw Exit.usage
        }
        var results = first
        while true {
            // Metrics with no observations or a zero mean cannot have a relative precision; they are left out.
            let series = keys.map { results.values($0.metric, station: $0.station) }
                .filter { v in v.allSatisfy(\.isFinite) && Summary(values: v).mean != 0 }
            guard let advice = ReplicationAdvisor.advise(series, target: goal) else { return results }
            if !quietly {
                Terminal.error(String(format: "  %d replications: worst relative half-width %.2f%% (target %.2f%%)",
                                      results.results.count, 100 * advice.relativeHalfWidth, 100 * target))
            }
            if advice.met { return results }
            let have = results.results.count
            guard have < maxReplications else {
                Terminal.error("flowsim: stopped at --max-replications \(maxReplications) before reaching the target")
                return results
            }
            let more = min(max(advice.required.map { $0 - have } ?? have, 1), maxReplications - have)
            let extra = try ReplicationRunner.run(model: scenario.model, seed: seed, replications: more,
                                                  firstReplication: have, threads: threads)
            results = RunResults(keys: results.keys, results: results.results + extra.results)
        }
    }

    /// `--warm-up auto`: a pilot of the same replications without warm-up,
    /// then MSER-5 (White 1997) on the replications' mean daily census of
    /// people in the system; the run proper discards up to that point.
    func detectWarmUp(_ model: NetworkModel, seed: UInt64, replications: Int) throws -> Double {
        var pilot = model
        pilot.warmUp = 0
        if pilot.seriesInterval == nil { pilot.seriesInterval = 1 }
        let results = try ReplicationRunner.run(model: pilot, seed: seed, replications: replications, threads: threads)
        let per = NetworkSeries.valuesPerCensus(pilot)
        let count = NetworkSeries.censusCount(pilot)
        var mean = [Double](repeating: 0, count: count)
        for r in results.results {
            for k in 0..<min(count, r.series.count / per) { mean[k] += r.series[k * per + per - 1] / Double(results.results.count) }
        }
        let times = (0..<count).map { NetworkSeries.time($0, pilot) }
        guard let cut = MSER.truncation(mean), let w = cut.warmUp(times: times) else {
            Terminal.error("flowsim: the run is too short for MSER-5; no warm-up discarded")
            return 0
        }
        if cut.reachedSearchLimit {
            Terminal.error("flowsim: MSER-5 chose the edge of its search (half the run): the run may be too short to reach steady state")
        }
        if !quiet { Terminal.error(String(format: "  warm-up (MSER-5 on people in the system): %.1f days", w)) }
        return min(w, model.duration * 0.5)
    }

    /// Re-runs replication 0 on this thread with a trace into the event log.
    func writeEventLog(_ path: String, model: NetworkModel, seed: UInt64) throws {
        let writer = try EventLogWriter(path: path, model: model)
        var sim = try NetworkSimulation(model: model, masterSeed: seed, replication: 0)
        sim.trace = { writer.record($0) }
        sim.run()
        writer.close()
        if !quiet { Terminal.error("  event log: \(writer.rows) rows of replication 0 in \(path)") }
    }
}
