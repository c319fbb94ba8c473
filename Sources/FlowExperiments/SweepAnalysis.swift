import FlowDesign
import Foundation
import FlowEngine

/// Why a sweep's sensitivity could not be estimated for an output.
public struct SweepAnalysisError: Error, Sendable, CustomStringConvertible {
    public var output: String
    public var reason: String

    public var description: String { "sensitivity of \(output): \(reason)" }
}

extension Sweep {
    /// The sensitivity of each output to each parameter, from every point's
    /// mean over its replications.
    /// - Parameters:
    ///   - resamples: bootstrap resamples for Sobol intervals.
    ///   - confidence: level of the Sobol and PRCC intervals.
    ///   - seed: seeds the bootstrap, so the intervals are reproducible.
    public func analyse(_ summary: ExperimentSummary, outputs: [MetricKey], resamples: Int = 1000,
                        confidence: Double = 0.95, seed: UInt64 = 1) throws(SweepAnalysisError) -> [OutputSensitivity] {
        var out: [OutputSensitivity] = []
        for key in outputs {
            let label = OutputMetric.label(key)
            let y = summary.means(key)
            if let p = summary.points.firstIndex(where: \.isEmpty) {
                throw SweepAnalysisError(output: label, reason: "point \(p) is not finished (resume or merge its replications first)")
            }
            if let p = y.firstIndex(where: { !$0.isFinite }) {
                let known = summary.summary(key, point: p) != nil
                throw SweepAnalysisError(output: label, reason: known
                    ? "no replication of point \(p) observed it (e.g. nobody waited); choose another --metric"
                    : "no such metric in the results; `flowsim metrics` lists them")
            }
            var s = OutputSensitivity(output: label)
            do throws(DesignError) {
                switch built {
                case .oat(let d):
                    s.baseline = y[0]
                    s.tornado = try TornadoEffects.estimate(design: d, outputs: y).map {
                        TornadoSwing(name: $0.name, lowLevel: $0.lowValue, highLevel: $0.highValue,
                                     outputAtLow: $0.lowOutput, outputAtHigh: $0.highOutput)
                    }
                case .factorial(let d):
                    s.prcc = try prcc(names: d.parameters.map(\.name), inputs: d.points, y, confidence)
                case .lhs(let d):
                    s.prcc = try prcc(names: d.parameters.map(\.name), inputs: d.points, y, confidence)
                case .sobol(let d):
                    let indices = try SobolIndices(design: d, outputs: y, resamples: resamples, confidence: confidence, seed: seed)
                    s.firstOrder = zip(indices.parameterNames, indices.firstOrder).map {
                        SensitivityEstimate(name: $0, value: $1.value, lower: $1.lower, upper: $1.upper)
                    }
                    s.totalOrder = zip(indices.parameterNames, indices.total).map {
                        SensitivityEstimate(name: $0, value: $1.value, lower: $1.lower, upper: $1.upper)
                    }
                case .morris(let d):
                    s.morris = try MorrisEffects.estimate(design: d, outputs: y).map {
                        MorrisScreening(name: $0.name, muStar: $0.muStar, sigma: $0.sigma)
                    }
                }
            } catch {
                throw SweepAnalysisError(output: label, reason: error.description)
            }
            out.append(s)
        }
        return out
    }

    private func prcc(names: [String], inputs: [[Double]], _ y: [Double], _ confidence: Double) throws(DesignError)
        -> [SensitivityEstimate] {
        try PRCC.estimate(names: names, inputs: inputs, outputs: y, confidence: confidence).map {
            SensitivityEstimate(name: $0.name, value: $0.coefficient, lower: $0.lower, upper: $0.upper)
        }
    }
}

/// Output metrics named on the command line: `METRIC[@STATION][/GROUP]`,
/// the station defaulting to the system; `NAME.p90` names a wait's
/// statistic (`wait_mean_days.p90` is `wait_p90_days`).
public enum OutputMetric {
    public static func parse(_ text: String) -> MetricKey? {
        var metric = text.trimmingCharacters(in: .whitespaces), station = NetworkMetrics.systemLabel, group = MetricKey.allGroups
        if let slash = metric.firstIndex(of: "/") {
            group = String(metric[metric.index(after: slash)...])
            metric = String(metric[..<slash])
        }
        if let at = metric.firstIndex(of: "@") {
            station = String(metric[metric.index(after: at)...])
            metric = String(metric[..<at])
        }
        metric = statistic(metric)
        guard !metric.isEmpty, !station.isEmpty, !group.isEmpty, !metric.contains(" ") else { return nil }
        return MetricKey(metric: metric, station: station, group: group)
    }

    public static func label(_ key: MetricKey) -> String {
        "\(key.metric)@\(key.station)" + (key.group == MetricKey.allGroups ? "" : "/\(key.group)")
    }

    /// `wait_treatment_days.p90` → `wait_treatment_p90_days`; `wait_mean_days.p90` → `wait_p90_days`.
    static func statistic(_ name: String) -> String {
        guard let dot = name.lastIndex(of: ".") else { return name }
        let base = String(name[..<dot]), stat = String(name[name.index(after: dot)...])
        guard ["mean", "median", "p90", "p95"].contains(stat) else { return name }
        if base.contains("_mean_") { return base.replacingOccurrences(of: "_mean_", with: stat == "mean" ? "_mean_" : "_\(stat)_") }
        if base.hasSuffix("_days") { return stat == "mean" ? base : String(base.dropLast(5)) + "_\(stat)_days" }
        return name
    }
}
