import ArgumentParser
import FlowScenario
import Foundation

struct Slurm: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write Slurm job scripts that run a plan as an array of shards and merge them.",
        discussion: """
            Writes DIR/flowsim-array.sbatch (an array job: task i runs `flowsim batch PLAN --shard \
            i/N` into DIR/shards/shard-i.sqlite), DIR/flowsim-merge.sbatch (merges the shards into \
            DIR/results.sqlite) and DIR/submit.sh, which submits the array and then the merge with \
            --dependency=afterok on it and prints both job ids. A shard killed by the scheduler can \
            be run again with the same command: it resumes from its own store. FlowSim does not \
            start or need its own cluster: the scripts go to the scheduler you already have.
            """
    )

    @Argument(help: "The plan file (YAML), as for `flowsim batch`.")
    var plan: String

    @Option(name: .long, help: "Number of shards (array tasks).")
    var shards: Int

    @Option(name: [.short, .long], help: "Directory for the scripts, the shards' stores and the merged store (default: out/<plan name>-slurm).")
    var out: String?

    @Option(name: .long, help: "Slurm partition (default: the cluster's default).")
    var partition: String?

    @Option(name: .long, help: "Time limit per shard, as Slurm takes it (e.g. 02:00:00).")
    var time: String = "01:00:00"

    @Option(name: .customLong("cpus-per-task"), help: "CPUs per shard; each shard runs that many threads.")
    var cpusPerTask: Int = 1

    @Option(name: .long, help: "The flowsim binary the jobs run (default: this one).")
    var flowsim: String?

    @Option(name: .long, help: "Extra options for every shard's `flowsim batch` (quoted as one word), e.g. \"-r 100\".")
    var batchOptions: String = ""

    func validate() throws {
        if shards < 1 { throw ValidationError("--shards must be at least 1, found \(shards)") }
        if cpusPerTask < 1 { throw ValidationError("--cpus-per-task must be at least 1, found \(cpusPerTask)") }
        if time.isEmpty || !time.allSatisfy({ $0.isNumber || $0 == ":" || $0 == "-" }) {
            throw ValidationError("--time must be a Slurm time such as 30:00, 02:00:00 or 1-00:00:00; found \(time)")
        }
    }

    func run() throws {
        // Checked here so a broken plan fails now, not in N jobs on the cluster tonight.
        let loaded = try ExperimentInput.loaded { () throws(ScenarioError) in try PlanLoader.load(path: plan) }
        let directory = URL(fileURLWithPath: out ?? "out/" + URL(fileURLWithPath: plan).deletingPathExtension().lastPathComponent + "-slurm")
            .standardizedFileURL
        let planPath = URL(fileURLWithPath: plan).standardizedFileURL.path
        let binary = flowsim.map { URL(fileURLWithPath: $0).standardizedFileURL.path } ?? Self.runningBinary
        let scripts = SlurmScripts(name: loaded.name, plan: planPath, directory: directory.path, shards: shards,
                                   flowsim: binary, partition: partition, time: time, cpusPerTask: cpusPerTask,
                                   batchOptions: batchOptions)
        do {
            try FileManager.default.createDirectory(at: directory.appendingPathComponent("shards"), withIntermediateDirectories: true)
            try FileManager.default.createDirectory(at: directory.appendingPathComponent("logs"), withIntermediateDirectories: true)
            for (name, text, executable) in scripts.files {
                let url = directory.appendingPathComponent(name)
                try text.write(to: url, atomically: true, encoding: .utf8)
                try FileManager.default.setAttributes([.posixPermissions: executable ? 0o755 : 0o644], ofItemAtPath: url.path)
            }
        } catch {
            Terminal.error("flowsim: cannot write the Slurm scripts to \(directory.path): \(error.localizedDescription)")
            throw Exit.io
        }
        print("Wrote \(scripts.files.map { directory.appendingPathComponent($0.0).path }.joined(separator: ", "))")
        print("Submit with: bash \(directory.appendingPathComponent("submit.sh").path)")
    }

    static var runningBinary: String {
        let arg0 = CommandLine.arguments.first ?? "flowsim"
        if arg0.contains("/") { return URL(fileURLWithPath: arg0).standardizedFileURL.resolvingSymlinksInPath().path }
        return arg0
    }
}

/// The text of the three scripts; kept apart from the command so tests can read them.
struct SlurmScripts {
    var name: String
    var plan: String
    var directory: String
    var shards: Int
    var flowsim: String
    var partition: String?
    var time: String
    var cpusPerTask: Int
    var batchOptions: String

    static func quote(_ s: String) -> String { StoreOption.shellWord(s) }

    var jobName: String {
        let cleaned = name.map { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" ? $0 : "-" }
        return "flowsim-" + String(cleaned.prefix(40))
    }

    var header: String {
        "#!/bin/bash\n" + (partition.map { "#SBATCH --partition=\($0)\n" } ?? "")
    }

    var array: String {
        let q = Self.quote
        return header + """
            #SBATCH --job-name=\(jobName)
            #SBATCH --array=1-\(shards)
            #SBATCH --cpus-per-task=\(cpusPerTask)
            #SBATCH --time=\(time)
            #SBATCH --output=\(directory)/logs/shard-%a.out
            # One shard of the plan; rerunning a task resumes from its own store.
            set -euo pipefail
            i=${SLURM_ARRAY_TASK_ID:?run this script with sbatch}
            exec \(q(flowsim)) batch \(q(plan)) --shard "$i/\(shards)" --threads \(cpusPerTask) --resume \\
                --store \(q(directory))/shards/shard-"$i".sqlite --out \(q(directory))/shards --quiet \(batchOptions)

            """
    }

    var merge: String {
        let q = Self.quote
        return header + """
            #SBATCH --job-name=\(jobName)-merge
            #SBATCH --time=\(time)
            #SBATCH --output=\(directory)/logs/merge.out
            set -euo pipefail
            \(q(flowsim)) merge \(q(directory))/shards/shard-*.sqlite -o \(q(directory))/results.sqlite

            """
    }

    var submit: String {
        let q = Self.quote
        return """
            #!/bin/bash
            # Submits the shards as one array job, then the merge once every shard has succeeded.
            set -euo pipefail
            array=$(sbatch --parsable \(q(directory))/flowsim-array.sbatch)
            array=${array%%;*}
            merge=$(sbatch --parsable --dependency=afterok:"$array" \(q(directory))/flowsim-merge.sbatch)
            merge=${merge%%;*}
            echo "array job $array, merge job $merge"

            """
    }

    var files: [(String, String, Bool)] {
        [("flowsim-array.sbatch", array, false), ("flowsim-merge.sbatch", merge, false), ("submit.sh", submit, true)]
    }
}
