import ArgumentParser
import FlowEngine
import FlowExperiments
import FlowReport
import FlowScenario
import Foundation

struct PlanCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plan",
        abstract: "Find the least capacity that meets service targets with a stated confidence.",
        discussion: """
            Runs the scenario at every candidate value of one key path (--vary KEY=LOW..HIGH, \
            every --step, default 1 for whole numbers), all under common random numbers, and \
            reports the least value at which every --target holds: the one-sided Student-t bound \
            of the metric's mean at --confidence lies on the target's side (for "<=" the mean plus \
            t·sd/√n is at most the threshold). Targets read METRIC[@STATION][/GROUP] OP VALUE, \
            e.g. "wait_mean_days@cmht <= 28 days" or "utilisation@beds < 85%"; join several with \
            "and" or repeat --target. Without a station the metric is the system's.

            Writes plan.json (answer, rule, every candidate's checks), plan.csv (the curve: one \
            row per candidate × target), points.csv, experiment.csv and the results store; the \
            store makes the plan resumable (--resume) and shardable like a batch.

            Exit status 0 when a candidate meets every target, 1 when none does (the curve is \
            still written), 64/65/70/74 as for run.
            """
    )

    @Argument(help: "The scenario file (YAML).")
    var file: String

    @Option(name: .long, help: ArgumentHelp("The key path to vary, with its range: KEY=LOW..HIGH (or give --range).", valueName: "key[=low..high]"))
    var vary: String

    @Option(name: .long, help: ArgumentHelp("Candidate range LOW..HIGH, e.g. 4..12.", valueName: "low..high"))
    var range: String?

    @Option(name: .long, help: "Distance between candidates (default 1 for whole-number ranges, else a tenth of the range).")
    var step: Double?

    @Option(name: .long, help: ArgumentHelp("A target such as \"wait_mean_days@cmht <= 28 days\" (repeatable; \"and\" joins).", valueName: "target"))
    var target: [String] = []

    @Option(name: .customLong("set"), help: "Override a scenario value for every candidate: key.path=value (repeatable).")
    var overrides: [String] = []

    @Option(name: .long, help: "Also write a self-contained HTML report (the curves with their intervals, the target lines and the answer) to this file.")
    var report: String?

    @OptionGroup var options: ExperimentOptions

    var parsed: (key: String, candidates: [Double], targets: [PlanTarget]) {
        get throws {
            var key = vary, rangeText = range
            if let eq = vary.firstIndex(of: "=") {
                key = String(vary[..<eq])
                if rangeText != nil { throw ValidationError("give the range once: in --vary KEY=LOW..HIGH or in --range") }
                rangeText = String(vary[vary.index(after: eq)...])
            }
            if key.isEmpty || key.split(separator: ".", omittingEmptySubsequences: false).contains(where: \.isEmpty) {
                throw ValidationError("--vary must name a key path such as stations.cmht.capacity; found \(vary)")
            }
            guard let rangeText else { throw ValidationError("--vary \(key) needs a range: --vary \(key)=LOW..HIGH or --range LOW..HIGH") }
            let candidates: [Double]
            switch CapacityPlan.candidates(rangeText, step: step) {
            case .success(let c): candidates = c
            case .failure(let e): throw ValidationError("--range: found \(e.problem), expected \(e.expected)")
            }
            if target.isEmpty { throw ValidationError("give at least one --target, such as \"wait_mean_days@cmht <= 28 days\"") }
            switch PlanTarget.parseAll(target) {
            case .success(let t): return (key, candidates, t)
            case .failure(let e): throw ValidationError(e.description)
            }
        }
    }

    func validate() throws { _ = try parsed }

    func run() throws {
        let (key, candidates, targets) = try parsed
        let plan = CapacityPlan(parameter: key, candidates: candidates, targets: targets, confidence: options.confidence)
        let name = URL(fileURLWithPath: file).deletingPathExtension().lastPathComponent + " plan " + key
        let experiment = try ExperimentInput.loaded { () throws(ScenarioError) in
            try plan.experiment(file: file, name: name, baseOverrides: overrides, seed: options.seed,
                                replications: options.replications, interval: options.intervalDays)
        }
        let directory = options.directory(for: file, suffix: "-plan")
        let (summary, _, store) = try options.execute(experiment, directory: directory)
        if options.parsedShard != nil {
            if !options.quiet { print("shard \(options.shard ?? "") stored in \(store); merge the shards, then run plan --resume on the merged store") }
            return
        }
        let result = plan.evaluate(summary)
        if !result.unknown.isEmpty {
            let known = summary.keys.map { "\($0.metric)@\($0.station)" }
            for t in result.unknown {
                let wanted = "\(t.key.metric)@\(t.key.station)"
                let hint = known.first { $0.hasPrefix(t.key.metric + "@") }.map { " (the metric exists at e.g. \($0))" } ?? ""
                Terminal.error("flowsim: target \"\(t.text)\": no metric \(wanted) in the results\(hint); `flowsim metrics` lists them")
            }
            throw Exit.usage
        }
        var written = try ResultsOutput.writing(directory) {
            try ExperimentFiles.write(summary, to: directory) + PlanFiles.write(result, plan: plan, to: directory)
        }
        if let report {
            var data = ExperimentReportData(
                title: experiment.points.first.map { $0.scenario.name + ": capacity plan" } ?? "Capacity plan",
                description: "The least \(key) in \(ExperimentBuilder.format(candidates.first ?? 0))..\(ExperimentBuilder.format(candidates.last ?? 0)) "
                    + "meeting " + targets.map(\.text).joined(separator: " and ") + " at \(Int((plan.confidence * 100).rounded()))% confidence.",
                summary: summary, outputs: targets.map(\.key))
            data.plan = ExperimentReportData.PlanCurve(parameter: key, result: result, confidence: plan.confidence)
            try ExperimentReportFile.write(data, to: report)
            written.append(report)
        }
        if !options.quiet {
            print(Self.table(result, plan: plan))
            if let answer = result.answer {
                print("Least \(key) meeting every target at \(Int((plan.confidence * 100).rounded()))% confidence: \(ExperimentBuilder.format(answer))")
                if !result.failsAbove.isEmpty {
                    print("Note: larger values fail a target (\(result.failsAbove.map(ExperimentBuilder.format).joined(separator: ", "))): "
                        + "the metric is not monotone in \(key), or more replications are needed.")
                }
            } else {
                print("No value of \(key) in \(ExperimentBuilder.format(candidates.first ?? 0))..\(ExperimentBuilder.format(candidates.last ?? 0)) meets every target.")
            }
            print("Wrote " + (written + [store]).joined(separator: ", "))
        }
        if result.answer == nil { throw ExitCode(1) }
    }

    static func table(_ result: CapacityPlan.Result, plan: CapacityPlan) -> String {
        var rows: [[String]] = [[plan.parameter] + plan.targets.map(\.text) + ["meets"]]
        for row in result.rows {
            rows.append([ExperimentBuilder.format(row.value)] + row.checks.map { c in
                HeadlineTable.format(c.mean) + " (bound " + HeadlineTable.format(c.bound) + ")" + (c.met ? "" : " ✗")
            } + [row.met ? "yes" : "no"])
        }
        return TextTable.render(rows).joined(separator: "\n")
    }
}
