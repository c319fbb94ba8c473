import FlowExperiments
import Foundation

/// Writes `sensitivity.csv`: one row per output × method × parameter ×
/// statistic, with the interval where the method gives one, in the long
/// form pandas and R plot directly.
public enum SensitivityFiles {
    @discardableResult
    public static func write(_ sensitivities: [OutputSensitivity], to directory: String) throws -> String {
        let url = URL(fileURLWithPath: directory).appendingPathComponent("sensitivity.csv")
        try csv(sensitivities).write(to: url, atomically: true, encoding: .utf8)
        return url.path
    }

    public static func csv(_ sensitivities: [OutputSensitivity]) -> String {
        var s = "output,method,parameter,statistic,value,lower,upper\n"
        func row(_ output: String, _ method: String, _ parameter: String, _ statistic: String, _ value: Double,
                 _ lower: Double = .nan, _ upper: Double = .nan) {
            s += [CSVText.field(output), method, CSVText.field(parameter), statistic, NumberFormat.csv(value),
                  NumberFormat.csv(lower), NumberFormat.csv(upper)].joined(separator: ",") + "\n"
        }
        for o in sensitivities {
            for t in o.tornado {
                row(o.output, "one_at_a_time", t.name, "baseline_output", o.baseline)
                row(o.output, "one_at_a_time", t.name, "low_level", t.lowLevel)
                row(o.output, "one_at_a_time", t.name, "high_level", t.highLevel)
                row(o.output, "one_at_a_time", t.name, "output_at_low", t.outputAtLow)
                row(o.output, "one_at_a_time", t.name, "output_at_high", t.outputAtHigh)
            }
            for e in o.firstOrder { row(o.output, "sobol", e.name, "first_order", e.value, e.lower, e.upper) }
            for e in o.totalOrder { row(o.output, "sobol", e.name, "total_order", e.value, e.lower, e.upper) }
            for m in o.morris {
                row(o.output, "morris", m.name, "mu_star", m.muStar)
                row(o.output, "morris", m.name, "sigma", m.sigma)
            }
            for e in o.prcc { row(o.output, "prcc", e.name, "prcc", e.value, e.lower, e.upper) }
        }
        return s
    }
}
