import FlowEngine
import FlowExperiments
import Foundation

/// Reads a run's `replications.csv` and `timeseries.csv` back into results,
/// for reports made after the run.
public enum ResultFiles {
    public struct ReadError: Error, CustomStringConvertible {
        public var description: String
    }

    /// The metric layout must be the model's (same scenario); the census
    /// interval is taken from the time series.
    public static func read(directory: String, model: inout NetworkModel) throws -> RunResults {
        let dir = URL(fileURLWithPath: directory)
        let keys = NetworkMetrics.keys(for: model)
        let index = Dictionary(keys.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
        var values: [Int: [Double]] = [:]
        let csv = try text(dir.appendingPathComponent("replications.csv"))
        for (n, line) in csv.split(separator: "\n").enumerated().dropFirst() {
            let f = fields(line)
            guard f.count == 5, let rep = Int(f[0]) else { throw ReadError(description: "replications.csv line \(n + 1): found \(line), expected replication,metric,station,group,value") }
            guard let i = index[MetricKey(metric: f[1], station: f[2], group: f[3])] else {
                throw ReadError(description: "replications.csv line \(n + 1): metric \(f[1]) at \(f[2]) is not in the scenario's layout; was it run from another scenario?")
            }
            values[rep, default: Array(repeating: .nan, count: keys.count)][i] = Double(f[4]) ?? .nan
        }
        var series: [Int: [Double]] = [:]
        let tsURL = dir.appendingPathComponent("timeseries.csv")
        if FileManager.default.fileExists(atPath: tsURL.path) {
            var times: [Double] = []
            for line in try text(tsURL).split(separator: "\n").dropFirst() {
                let f = fields(line)
                guard f.count == 7, let rep = Int(f[0]), let t = Double(f[1]) else { continue }
                if rep == values.keys.min(), times.last != t { times.append(t) }
                series[rep, default: []].append(Double(f[6]) ?? .nan)
            }
            if times.count > 1 { model.seriesInterval = times[1] - times[0] } else if let t = times.first { model.seriesInterval = t }
        }
        let results = values.keys.sorted().map { ReplicationResult(replication: $0, values: values[$0]!, events: 0, series: series[$0] ?? []) }
        return RunResults(keys: keys, results: results)
    }

    static func text(_ url: URL) throws -> String {
        guard let data = try? Data(contentsOf: url) else { throw ReadError(description: "\(url.path): cannot read it") }
        return String(decoding: data, as: UTF8.self)
    }

    /// Splits one CSV line, honouring quoted fields (RFC 4180).
    static func fields(_ line: Substring) -> [String] {
        var out: [String] = [], field = "", quoted = false
        var chars = line.makeIterator()
        while let c = chars.next() {
            if quoted {
                if c == "\"" { quoted = false } else { field.append(c) }
            } else if c == "\"" {
                if field.hasSuffix("\"") == false && !field.isEmpty { field.append(c) }
                quoted = true
            } else if c == "," {
                out.append(field)
                field = ""
            } else {
                field.append(c)
            }
        }
        out.append(field)
        return out
    }
}
