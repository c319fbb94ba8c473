import FlowEngine
import FlowExperiments
import FlowStats
import Foundation

/// What identifies a run in its files.
public struct RunInfo: Sendable {
    public var scenarioName: String
    public var scenarioHash: String
    public var files: [String]
    public var seed: UInt64
    public var generator: String
    public var duration: Double
    public var warmUp: Double
    public var confidence: Double
    /// `--set key.path=value` overrides the run applied to the scenario.
    public var overrides: [String] = []

    public init(scenarioName: String, scenarioHash: String, files: [String], seed: UInt64, generator: String,
                duration: Double, warmUp: Double, confidence: Double = 0.95) {
        self.scenarioName = scenarioName
        self.scenarioHash = scenarioHash
        self.files = files
        self.seed = seed
        self.generator = generator
        self.duration = duration
        self.warmUp = warmUp
        self.confidence = confidence
    }
}

/// Writes `summary.json` and `replications.csv`.
///
/// Both are byte-identical for the same scenario and seed, whatever the
/// thread count: nothing time- or machine-dependent is written, and rows
/// follow the fixed metric layout in replication order.
public enum RunFiles {
    public static let schemaVersion = 1

    public static func summaryJSON(_ results: RunResults, info: RunInfo) -> String {
        var s = "{\n"
        s += "  \"schema_version\": \(schemaVersion),\n"
        s += "  \"flowsim_version\": \(JSONText.quote(FlowSimVersion.string)),\n"
        s += "  \"scenario\": {\n"
        s += "    \"name\": \(JSONText.quote(info.scenarioName)),\n"
        s += "    \"hash\": \(JSONText.quote(info.scenarioHash)),\n"
        s += "    \"files\": [" + info.files.map(JSONText.quote).joined(separator: ", ") + "],\n"
        s += "    \"overrides\": [" + info.overrides.map(JSONText.quote).joined(separator: ", ") + "]\n"
        s += "  },\n"
        s += "  \"seed\": \(info.seed),\n"
        s += "  \"generator\": \(JSONText.quote(info.generator)),\n"
        s += "  \"duration_days\": \(NumberFormat.json(info.duration)),\n"
        s += "  \"warm_up_days\": \(NumberFormat.json(info.warmUp)),\n"
        s += "  \"replications\": \(results.results.count),\n"
        s += "  \"confidence\": \(NumberFormat.json(info.confidence)),\n"
        s += "  \"metrics\": [\n"
        let rows = results.summaries(confidence: info.confidence).map { key, m in
            "    {\"metric\": \(JSONText.quote(key.metric)), \"station\": \(JSONText.quote(key.station)), "
                + "\"group\": \(JSONText.quote(key.group)), "
                + "\"mean\": \(NumberFormat.json(m.mean)), \"sd\": \(NumberFormat.json(m.standardDeviation)), "
                + "\"half_width\": \(NumberFormat.json(m.halfWidth)), \"n\": \(m.n)}"
        }
        s += rows.joined(separator: ",\n") + "\n  ]\n}\n"
        return s
    }

    /// Tidy: one row per replication × metric × station × group.
    public static func replicationsCSV(_ results: RunResults) -> String {
        var s = "replication,metric,station,group,value\n"
        let names = results.keys.map { "\(CSVText.field($0.metric)),\(CSVText.field($0.station)),\(CSVText.field($0.group))" }
        for r in results.results {
            for (i, v) in r.values.enumerated() {
                s += "\(r.replication),\(names[i]),\(NumberFormat.csv(v))\n"
            }
        }
        return s
    }

    /// Tidy time series: one row per replication × census × metric × station,
    /// with the census time in days and as an ISO 8601 date-time.
    public static func timeseriesCSV(_ results: RunResults, model: NetworkModel) -> String {
        var s = "replication,time_days,timestamp,metric,station,group,value\n"
        let per = NetworkSeries.valuesPerCensus(model)
        var labels: [String] = []
        for st in model.stations {
            for m in NetworkSeries.stationMetrics { labels.append("\(m),\(CSVText.field(st.name)),all") }
        }
        labels.append("\(NetworkSeries.systemMetric),\(NetworkMetrics.systemLabel),all")
        for r in results.results {
            let censuses = r.series.count / per
            for k in 0..<censuses {
                let t = NetworkSeries.time(k, model)
                let prefix = "\(r.replication),\(t),\(model.calendar.isoTimestamp(t)),"
                for (j, label) in labels.enumerated() {
                    s += prefix + label + "," + NumberFormat.csv(r.series[k * per + j]) + "\n"
                }
            }
        }
        return s
    }

    /// Writes `timeseries.csv` when the run kept a time series; returns its path.
    public static func writeSeries(_ results: RunResults, model: NetworkModel, to directory: String) throws -> String? {
        guard results.results.contains(where: { !$0.series.isEmpty }) else { return nil }
        let path = (directory as NSString).appendingPathComponent("timeseries.csv")
        try Data(timeseriesCSV(results, model: model).utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
        return path
    }

    /// Writes both files into `directory`, creating it; returns their paths.
    public static func write(_ results: RunResults, info: RunInfo, to directory: String) throws -> [String] {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let summary = (directory as NSString).appendingPathComponent("summary.json")
        let csv = (directory as NSString).appendingPathComponent("replications.csv")
        try Data(summaryJSON(results, info: info).utf8).write(to: URL(fileURLWithPath: summary), options: .atomic)
        try Data(replicationsCSV(results).utf8).write(to: URL(fileURLWithPath: csv), options: .atomic)
        return [summary, csv]
    }
}
