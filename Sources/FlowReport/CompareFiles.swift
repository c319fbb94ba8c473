import FlowEngine
import FlowExperiments
import FlowStats
import Foundation

/// What identifies one scenario of a comparison in its file.
public struct ComparedScenario: Sendable {
    public var name: String
    public var hash: String
    public var files: [String]
    public var generator: String
    public var duration: Double
    public var warmUp: Double

    public init(name: String, hash: String, files: [String], generator: String, duration: Double, warmUp: Double) {
        self.name = name
        self.hash = hash
        self.files = files
        self.generator = generator
        self.duration = duration
        self.warmUp = warmUp
    }
}

/// Writes `compare.json`: a baseline against its variants, metric by metric.
///
/// Byte-identical for the same scenarios, seed and replications whatever
/// the thread count, like `summary.json`: nothing time- or machine-dependent
/// is written, and differences follow the baseline's metric layout (the
/// ranking by size is the table's business, and would reorder rows when a
/// single value moved).
public enum CompareFiles {
    public static let schemaVersion = 1
    public static let fileName = "compare.json"

    /// - Parameter variants: one per `comparison.variants`, in the same order.
    public static func json(_ comparison: Comparison, baseline: ComparedScenario, variants: [ComparedScenario]) -> String {
        var s = "{\n"
        s += "  \"schema_version\": \(schemaVersion),\n"
        s += "  \"flowsim_version\": \(JSONText.quote(FlowSimVersion.string)),\n"
        s += "  \"seed\": \(comparison.seed),\n"
        s += "  \"replications\": \(comparison.replications),\n"
        s += "  \"confidence\": \(NumberFormat.json(comparison.confidence)),\n"
        s += "  \"baseline\": \(scenario(baseline, indent: "  ")),\n"
        s += "  \"variants\": ["
        let blocks = zip(comparison.variants, variants).map { compared, info in
            var v = "\n    {\n"
            v += "      \"scenario\": \(scenario(info, indent: "      ")),\n"
            v += "      \"significant\": \(compared.significant.count),\n"
            v += "      \"differences\": ["
            let rows = compared.differences.map { "\n        " + row($0) }
            v += rows.joined(separator: ",") + (rows.isEmpty ? "]\n" : "\n      ]\n")
            return v + "    }"
        }
        s += blocks.joined(separator: ",") + (blocks.isEmpty ? "]\n" : "\n  ]\n")
        return s + "}\n"
    }

    /// Writes `compare.json` into `directory`, creating it; returns its path.
    public static func write(_ comparison: Comparison, baseline: ComparedScenario, variants: [ComparedScenario],
                             to directory: String) throws -> String {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let path = (directory as NSString).appendingPathComponent(fileName)
        try Data(json(comparison, baseline: baseline, variants: variants).utf8)
            .write(to: URL(fileURLWithPath: path), options: .atomic)
        return path
    }

    static func scenario(_ s: ComparedScenario, indent: String) -> String {
        let inner = indent + "  "
        return "{\n"
            + "\(inner)\"name\": \(JSONText.quote(s.name)),\n"
            + "\(inner)\"hash\": \(JSONText.quote(s.hash)),\n"
            + "\(inner)\"files\": [" + s.files.map(JSONText.quote).joined(separator: ", ") + "],\n"
            + "\(inner)\"generator\": \(JSONText.quote(s.generator)),\n"
            + "\(inner)\"duration_days\": \(NumberFormat.json(s.duration)),\n"
            + "\(inner)\"warm_up_days\": \(NumberFormat.json(s.warmUp))\n"
            + "\(indent)}"
    }

    static func row(_ d: MetricDifference) -> String {
        let p = d.paired
        return "{\"metric\": \(JSONText.quote(d.key.metric)), \"station\": \(JSONText.quote(d.key.station)), "
            + "\"group\": \(JSONText.quote(d.key.group)), "
            + "\"baseline_mean\": \(NumberFormat.json(p.baselineMean)), "
            + "\"variant_mean\": \(NumberFormat.json(p.variantMean)), "
            + "\"mean_difference\": \(NumberFormat.json(p.meanDifference)), "
            + "\"sd\": \(NumberFormat.json(p.standardDeviation)), "
            + "\"half_width\": \(NumberFormat.json(p.halfWidth)), "
            + "\"relative_change\": \(NumberFormat.json(p.relativeChange)), "
            + "\"standardised_size\": \(NumberFormat.json(p.standardisedSize)), "
            + "\"n\": \(p.n), \"significant\": \(p.isSignificant)}"
    }
}
