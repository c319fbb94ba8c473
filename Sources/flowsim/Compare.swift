import ArgumentParser
import FlowEngine
import FlowExperiments
import FlowReport
import FlowScenario
import FlowStats
import Foundation

struct Compare: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Compare variants with a baseline under common random numbers and write compare.json.",
        discussion: """
            Every scenario runs the same replications with the same seed, so replication k of a \
            variant meets the same arrivals and service times as replication k of the baseline, \
            and each metric is compared by the paired differences variant − baseline. For each \
            variant the table lists the differences whose interval excludes 0, largest first (by \
            mean difference over the standard deviation of the differences). compare.json holds \
            every compared metric. Seed and replications default to the baseline's run: section.
            """
    )

    @Argument(help: "The baseline scenario, then one or more variants (YAML).")
    var files: [String]

    @Option(name: [.short, .long], help: "Replications of each scenario (default: the baseline's run.replications).")
    var replications: Int?

    @Option(name: .long, help: "Master seed shared by every scenario (default: the baseline's run.seed).")
    var seed: UInt64?

    @Option(name: [.short, .long], help: "Worker threads; 0 means one per core.")
    var threads: Int = 0

    @Option(name: [.short, .long], help: "Directory for compare.json (default: out/compare-<baseline file name>).")
    var out: String?

    @Option(name: .long, help: "Confidence level of the intervals.")
    var confidence: Double = 0.95

    @Option(name: .customLong("metric"), help: "Compare only metrics of this name (repeatable), e.g. wait_mean_days.")
    var metrics: [String] = []

    @Option(name: .long, help: "Rows of the table per variant; 0 lists every significant difference.")
    var top: Int = 10

    @Option(name: .long, help: "Also write an HTML page of the differences (forest plot and table) to this file.")
    var report: String?

    @Flag(name: .long, help: "Show progress on standard error even when it is not a terminal.")
    var progress = false

    @Flag(name: [.short, .long], help: "Print nothing but errors.")
    var quiet = false

    func validate() throws {
        if files.count < 2 { throw ValidationError("compare needs a baseline and at least one variant") }
        if let r = replications, r < 2 {
            throw ValidationError("--replications must be at least 2 to form an interval, found \(r)")
        }
        if threads < 0 { throw ValidationError("--threads must be 0 (all cores) or more, found \(threads)") }
        if !(confidence > 0 && confidence < 1) { throw ValidationError("--confidence must be between 0 and 1, found \(confidence)") }
        if top < 0 { throw ValidationError("--top must be 0 (all) or more, found \(top)") }
    }

    func run() throws {
        let scenarios = try loadAll()
        let base = scenarios[0]
        let known = Set(NetworkMetrics.keys(for: base.model).map(\.metric))
        let unknown = metrics.filter { !known.contains($0) }
        if !unknown.isEmpty {
            Terminal.error("flowsim: unknown metric \(unknown.joined(separator: ", ")); `flowsim metrics` lists them")
            throw Exit.usage
        }
        for s in scenarios.dropFirst() where s.model.generator != base.model.generator {
            Terminal.error("flowsim: warning: \(s.name) uses generator \(s.model.generator), the baseline "
                + "\(base.model.generator): their random numbers are not common, so pairing gains nothing")
        }
        let n = replications ?? base.replications
        guard n >= 2 else {
            Terminal.error("flowsim: a comparison needs at least 2 replications; the baseline sets \(n) (use --replications)")
            throw Exit.usage
        }
        let masterSeed = seed ?? base.seed
        let wanted = Set(metrics)
        let bar = ProgressLine(enabled: !quiet && (progress || Terminal.stderrIsTerminal))
        let started = Date()
        let comparison: Comparison
        do {
            comparison = try Comparison.run(
                baseline: base.model, variants: scenarios.dropFirst().map(\.model), seed: masterSeed, replications: n,
                threads: threads, confidence: confidence, include: wanted.isEmpty ? nil : { wanted.contains($0.metric) }
            ) { bar.update(done: $0, total: $1) }
        } catch {
            Terminal.error("flowsim: run failed: \(error)")
            throw Exit.runtime
        }
        let elapsed = Date().timeIntervalSince(started)
        let directory = out ?? "out/compare-" + URL(fileURLWithPath: files[0]).deletingPathExtension().lastPathComponent
        let written: String
        do {
            written = try CompareFiles.write(comparison, baseline: Self.identity(base),
                                             variants: scenarios.dropFirst().map(Self.identity), to: directory)
        } catch {
            Terminal.error("flowsim: cannot write results to \(directory): \(error.localizedDescription)")
            throw Exit.io
        }
        if let report {
            do {
                let html = ComparisonReport.render(comparison, baseline: base.name, variants: scenarios.dropFirst().map(\.name),
                                                   top: top == 0 ? Int.max : max(top, 15))
                try Data(html.utf8).write(to: URL(fileURLWithPath: report), options: .atomic)
            } catch {
                Terminal.error("flowsim: cannot write the report \(report): \(error.localizedDescription)")
                throw Exit.io
            }
        }
        guard !quiet else { return }
        for (variant, scenario) in zip(comparison.variants, scenarios.dropFirst()) {
            print(DifferenceTable.render(variant, name: scenario.name, baseline: base.name, top: top,
                                         confidence: confidence))
            print()
        }
        let events = comparison.baseline.totalEvents + comparison.variants.reduce(0) { $0 + $1.results.totalEvents }
        print(String(format: "%d scenarios × %d replications, seed %llu, %llu events in %.2f s. Wrote %@",
                     scenarios.count, n, masterSeed, events, elapsed, written))
    }

    /// Reads every file before running any, so one call reports the problems
    /// of all of them, as `check` does.
    func loadAll() throws -> [Scenario] {
        var loaded: [Scenario] = []
        var invalid = false
        for file in files {
            do {
                loaded.append(try ScenarioLoader.load(path: file))
            } catch {
                invalid = true
                Terminal.error(error.description)
            }
        }
        if invalid { throw Exit.invalidScenario }
        return loaded
    }

    static func identity(_ s: Scenario) -> ComparedScenario {
        ComparedScenario(name: s.name, hash: s.hash, files: s.files, generator: s.model.generator,
                         duration: s.model.duration, warmUp: s.model.warmUp)
    }
}

/// The table `compare` prints for one variant: its largest significant
/// differences from the baseline.
enum DifferenceTable {
    static func render(_ variant: VariantComparison, name: String, baseline: String, top: Int,
                       confidence: Double) -> String {
        let level = Int((confidence * 100).rounded())
        let ranked = variant.ranked()
        let shown = top > 0 ? Array(ranked.prefix(top)) : ranked
        var text = "\(name) vs \(baseline): \(ranked.count) of \(variant.differences.count) metrics differ "
            + "(\(level)% paired interval excludes 0)"
        guard !shown.isEmpty else { return text }
        text += shown.count < ranked.count ? "; the \(shown.count) largest:\n" : ":\n"
        var rows: [[String]] = [["station", "metric", "group", "baseline", "variant", "difference", "± \(level)% CI",
                                 "change"]]
        for d in shown {
            let p = d.paired
            rows.append([d.key.station, d.key.metric, d.key.group, HeadlineTable.format(p.baselineMean),
                         HeadlineTable.format(p.variantMean), HeadlineTable.format(p.meanDifference),
                         HeadlineTable.format(p.halfWidth), percent(p.relativeChange)])
        }
        text += TextTable.render(rows, rightFrom: 3).joined(separator: "\n")
        return text
    }

    static func percent(_ x: Double) -> String {
        guard x.isFinite else { return "-" }
        return String(format: "%+.1f%%", x * 100)
    }
}
