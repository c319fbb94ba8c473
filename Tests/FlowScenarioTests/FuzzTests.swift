import FlowEngine
import FlowScenario
import Foundation
import XCTest

/// Scenarios written for the fuzz corpus (beside the shipped ones), so that
/// every part of the language is mutated.
enum FuzzSeeds {
    static let rich = """
        name: Rich
        description: Every feature of the scenario language at once.
        attributes:
          risk: [low, medium, high]
          complexity: [1, 2, 3, 4, 5]
        groups: risk
        standards: [1 day, 2 weeks]
        access: {model: spa, hub: triage}
        run:
          duration: 3 days
          warm_up: 12 h
          replications: 2
          seed: 7
          generator: mt19937
          start: 2025-03-03
        sources:
          gp:
            rate: 40 per day
            profile:
              hourly: [0.2, 0.2, 0.2, 0.2, 0.2, 0.2, 0.5, 1, 2, 2, 2, 2, 1.5, 1.5, 2, 2, 1.5, 1, 0.5, 0.5, 0.2, 0.2, 0.2, 0.2]
              weekly: [1.2, 1, 1, 1, 1.1, 0.3, 0.3]
              monthly: [1, 1, 1, 1, 1, 1, 0.8, 0.8, 1, 1, 1, 1.2]
            batch: {distribution: bernoulli, p: 0.9}
            mix: {risk: {low: 0.6, medium: 0.3, high: 0.1}, complexity: {1: 0.2, 2: 0.3, 3: 0.3, 4: 0.1, 5: 0.1}}
            to: triage
            priority: 1
          crisis_line:
            interarrival: {distribution: erlang, k: 2, mean: 3 h}
            batch: {distribution: poisson, mean: 1.2}
            mix: {risk: {high: 1}}
            to: {crisis: 0.8, exit: 0.2}
            direct: true
            priority: 0
            limit: 100000
        stations:
          triage:
            function: triage
            capacity: 2
            vacancy: 0.1
            costs: {per_arrival: 5, per_service: 60}
            service: {distribution: lognormal, mean: 20 min, sd: 10 min}
            decide: after_service
            rules:
              - {when: "risk >= high", decision: redirect, to: crisis, reason: high_risk}
              - {when: "complexity >= 4 and waiting(cmht) < 30", decision: redirect, to: cmht, reason: complex}
              - {when: "complexity in [1, 2]", decision: signpost, reason: self_help, adherence: 0.9}
            routing: {talking: 0.6, cmht: 0.3, clinic: 0.1}
          talking:
            schedule:
              - {days: weekdays, from: "09:00", to: "17:00", capacity: 4}
              - {days: [sat], from: "10:00", to: "14:00", capacity: 1}
              - {days: daily, from: "20:00", to: "08:00", capacity: 1}
            service: {distribution: gamma, shape: 2, scale: 25 min}
            patience: {distribution: weibull, shape: 1.5, scale: 2 weeks}
            acceptance: {load: [0.5, 1, 2], probability: [1, 0.7, 0.2], reason: full}
            on_reject: {re_refer: 0.4, after: {distribution: exponential, mean: 1 week}}
            balking: {threshold: 20, probability: 0.3}
            outcomes: {step_down: {follow_up: 0.1}, step_up: {cmht: 0.05}}
          cmht:
            capacity: 3
            discipline: priority
            priority_by: risk
            service: {distribution: triangular, min: 30 min, mode: 1 h, max: 2 h}
            queue_limit: 50
            overflow: crisis
            deterioration:
              by: risk
              time_to_crisis: {medium: {distribution: exponential, mean: 8 weeks}, high: {distribution: uniform, min: 1 day, max: 2 weeks}}
              routes: [crisis, ed]
            escalation: {by: risk, time_to_rise: {low: {distribution: exponential, mean: 6 weeks}, medium: 3 weeks}}
            contacts: {every: 2 weeks, length: 1 h}
            costs: {per_contact: 80, per_day_in_service: 3}
            rules:
              - {when: "complexity <= 1", decision: reject, reason: not_complex_enough}
            on_reject: {re_refer: 0.5, after: {distribution: normal, mean: 2 weeks, sd: 3 days}}
          crisis:
            capacity: infinite
            service: {distribution: choice, values: [2 h, 6 h, 1 day], weights: [3, 2, 1]}
            routing: {cmht: 0.2, exit: 0.8}
          ed:
            capacity: 4
            service: {distribution: table, points: [[0 h, 0], [2 h, 0.5], [4 h, 0.9], [12 h, 1]]}
            routing: cmht
          clinic:
            function: assessment
            diary:
              slots: {weekdays: 6, sat: 2}
              at: "09:30"
              book_after: 2 days
              urgent_when: "risk >= high"
              urgent_book_after: 0 days
              reserved: 1
              release_reserved: 1 day
              did_not_attend: 0.1
              rebook_limit: 2
              cancellation: 0.05
              pool: [clinic2]
            vacancy: 0.2
            service: 45 min
            costs: {per_service: 200, per_server_day: 10}
          clinic2:
            diary: {slots: {daily: 2}}
            service: 45 min
          follow_up:
            capacity: 1
            service: {distribution: empirical, values: [15 min, 20 min, 30 min]}
            patience: {distribution: constant, value: 1 day}

        """

    /// A block-style scenario (the rich one is mostly flow style) with a
    /// no-wrong-door access model, so that indentation mutations bite.
    static let blocks = """
        # A queue in block style.
        name: Blocks
        attributes:
          band:
            - child
            - adult
        access:
          model: no_wrong_door
          onward: navigator
        run:
          duration: 2 weeks
          replications: 1
        sources:
          referrals:
            interarrival:
              distribution: gamma
              shape: 2
              scale: 30 min
            mix:
              band:
                child: 1
                adult: 3
            to:
              team: 0.9
              navigator: 0.1
        stations:
          team:
            capacity: 2
            service:
              distribution: exponential
              mean: 5 h
            rules:
              - when: band == child
                decision: reject
                reason: wrong_age
            balking:
              threshold: 5
          navigator:
            capacity: 1
            service: 1 h
            queue_limit: 3
            overflow: lost
            routing:
              team: 0.5

        """

    static let all = [("rich", rich), ("blocks", blocks)]
}

/// SplitMix64: a small, fixed, seedable generator, so the corpus is the same
/// on every machine.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Breaks scenario text in the ways people and tools do.
struct Mutator {
    var rng: SplitMix64

    static let hugeNumbers = ["1e300", "99999999999999999999", "9223372036854775807", "999999999999999999",
                              "1.7976931348623157e308", "4294967296", "1e-300", "0.000000001"]
    static let swapValues = ["42", "-3", "0", "text", "[1, 2]", "{a: 1}", "[]", "{}", "\"\"", "~", "30 min", "12 per day",
                             "true", "[a, {b: c}]", "{distribution: exponential, mean: 1 h}", "\"09:00\"", "desk", "lost"]
    static let unitWords = Units.durationUnits.flatMap(\.names)
    static let replacementUnits = unitWords + ["parsecs", "fortnight", "", "per day", "min min", "Days", "H", "µs", "/day", "%"]

    static let valueSpan = try! NSRegularExpression(
        pattern: #"(?:(?<=: )|(?<=\[)|(?<=, )|(?<=- ))[^,\[\]{}#:\n ][^,\[\]{}#:\n]*?(?=\s*(?:,|\}|\]|#|$))"#)
    static let number = try! NSRegularExpression(pattern: #"(?<![A-Za-z0-9_.])[0-9]+(?:\.[0-9]+)?(?![A-Za-z0-9_])"#)
    static let unit = try! NSRegularExpression(
        pattern: #"(?:[0-9.] *|per +|/ *)("# + unitWords.sorted { $0.count > $1.count }.joined(separator: "|") + #")(?![A-Za-z])"#)
    static let key = try! NSRegularExpression(pattern: #"^([ \-]*)([A-Za-z_]+):"#)

    mutating func int(_ n: Int) -> Int { Int(rng.next() % UInt64(max(n, 1))) }
    mutating func pick<T>(_ xs: [T]) -> T { xs[int(xs.count)] }

    /// Ranges of `regex` (or of its first group) in `line`.
    func ranges(_ regex: NSRegularExpression, in line: String, group: Int = 0) -> [Range<String.Index>] {
        regex.matches(in: line, range: NSRange(line.startIndex..., in: line)).compactMap { Range($0.range(at: group), in: line) }
    }

    /// Replaces one match of `regex` somewhere in the text via `replacement`; false if there is none.
    mutating func replaceMatch(_ lines: inout [String], _ regex: NSRegularExpression, group: Int = 0,
                               _ replacement: (inout Mutator, String) -> String) -> Bool {
        var candidates: [(Int, Range<String.Index>)] = []
        for (i, line) in lines.enumerated() where !line.trimmingCharacters(in: .whitespaces).hasPrefix("#") {
            for r in ranges(regex, in: line, group: group) { candidates.append((i, r)) }
        }
        guard !candidates.isEmpty else { return false }
        let (i, r) = pick(candidates)
        let new = replacement(&self, String(lines[i][r]))
        lines[i].replaceSubrange(r, with: new)
        return true
    }

    /// One to three mutations of `text`; the description lists them.
    mutating func mutate(_ text: String) -> (data: Data, description: String) {
        var lines = text.components(separatedBy: "\n")
        var done: [String] = []
        for _ in 0..<(1 + int(3)) {
            let op = int(100)
            switch op {
            case 0..<10:
                let i = int(lines.count)
                done.append("delete line \(i + 1)")
                lines.remove(at: i)
                if lines.isEmpty { lines = [""] }
            case 10..<20:
                let i = int(lines.count)
                done.append("duplicate line \(i + 1)")
                lines.insert(lines[i], at: i)
            case 20..<40:
                if replaceMatch(&lines, Self.valueSpan, { m, _ in m.pick(Self.swapValues) }) { done.append("swap a value's type") }
            case 40..<50:
                if replaceMatch(&lines, Self.number, { _, old in "-" + old }) { done.append("negate a number") }
            case 50..<62:
                var chosen = ""
                if replaceMatch(&lines, Self.number, { m, _ in chosen = m.pick(Self.hugeNumbers); return chosen }) {
                    done.append("huge number \(chosen)")
                }
            case 62..<70:
                if replaceMatch(&lines, Self.number, { m, _ in m.pick(["0", "0.0", "00"]) }) { done.append("zero") }
            case 70..<80:
                let i = int(lines.count)
                let leading = lines[i].prefix { $0 == " " }.count
                let change = [-4, -2, -1, 1, 2, 4][int(6)]
                if change < 0 {
                    lines[i] = String(lines[i].dropFirst(min(leading, -change)))
                } else {
                    lines[i] = String(repeating: int(8) == 0 ? "\t" : " ", count: change) + lines[i]
                }
                done.append("indent line \(i + 1) by \(change)")
            case 80..<90:
                var chosen = ""
                if replaceMatch(&lines, Self.unit, group: 1, { m, _ in chosen = m.pick(Self.replacementUnits); return chosen }) {
                    done.append("unit → '\(chosen)'")
                }
            case 90..<95:
                if replaceMatch(&lines, Self.key, group: 2, { m, old in
                    var chars = Array(old)
                    let i = m.int(chars.count)
                    switch m.int(3) {
                    case 0: chars.remove(at: i)
                    case 1: chars.insert(chars[i], at: i)
                    default: if i + 1 < chars.count { chars.swapAt(i, i + 1) } else { chars.append("x") }
                    }
                    return String(chars)
                }) { done.append("misspell a key") }
            default:
                var data = Data(lines.joined(separator: "\n").utf8)
                let cut = int(data.count + 1)
                data = data.prefix(cut)
                done.append("truncate at byte \(cut)")
                return (data, done.joined(separator: "; "))
            }
        }
        return (Data(lines.joined(separator: "\n").utf8), done.joined(separator: "; "))
    }
}

/// Mutated scenarios must load to a clean error or to a model that runs.
final class FuzzTests: XCTestCase {
    static let mutations = Int(ProcessInfo.processInfo.environment["FLOWSIM_FUZZ_COUNT"] ?? "") ?? 1000
    static let trace = ProcessInfo.processInfo.environment["FLOWSIM_FUZZ_TRACE"] != nil
    /// FLOWSIM_FUZZ_ALL=1 keeps the known crashes in the corpus (to check the fixes).
    static let all = ProcessInfo.processInfo.environment["FLOWSIM_FUZZ_ALL"] == "1"

    /// Mutants that would crash or hang because of a known bug in Sources
    /// (reported to the lead with the fix): kept out of the corpus and
    /// listed. Each returns the bug's name if the text triggers it.
    static let knownCrashes: [(name: String, matches: @Sendable (String) -> Bool)] = []

    /// Models whose single replication would be a load test rather than a
    /// check (millions of thinning candidates): loaded, not run.
    static func knownRunaway(_ model: NetworkModel) -> String? {
        for s in model.sources {
            if case .profile(let rate, let profile) = s.arrivals, !(rate * profile.peakMultiplier * model.duration < 2e6) {
                return "thinning draws over 2 million candidates inside single events (a huge rate or multiplier)"
            }
        }
        return nil
    }

    func testEveryShippedScenarioLoadsAndRuns() throws {
        let files = Package.shippedScenarios()
        XCTAssertFalse(files.isEmpty, "no scenarios in \(Package.scenarios.path)")
        for url in files {
            switch LoadOutcome.load(path: url.path) {
            case .failed(let problems):
                XCTFail("\(url.lastPathComponent) does not load:\n\(ScenarioError(problems))")
            case .loaded(let s):
                let events = try runClamped(s)
                XCTAssertGreaterThan(events, 0, url.lastPathComponent)
            }
        }
        for (name, text) in FuzzSeeds.all {
            let dir = try ScratchDirectory()
            let path = try dir.write("\(name).yaml", text)
            switch LoadOutcome.load(path: path) {
            case .failed(let problems): XCTFail("seed \(name) does not load:\n\(ScenarioError(problems))")
            case .loaded(let s): XCTAssertGreaterThan(try runClamped(s), 50, name)
            }
        }
    }

    /// Runs one replication of at most 2 days (1 of warm-up) and 200,000
    /// events; checks the engine's invariants at the end. Returns the events.
    @discardableResult
    func runClamped(_ scenario: Scenario, label: String? = nil, file: StaticString = #filePath, line: UInt = #line) throws -> UInt64 {
        var model = scenario.model
        model.duration = min(model.duration, 2)
        model.warmUp = min(model.warmUp, 1)
        var sim = try NetworkSimulation(model: model, masterSeed: scenario.seed, replication: 0)
        sim.run(until: { $0.eventsProcessed > 200_000 })
        let broken = sim.checkInvariants()
        XCTAssertTrue(broken.isEmpty, "\(label ?? scenario.name): " + broken.prefix(5).joined(separator: "; "), file: file, line: line)
        _ = sim.result()
        return sim.eventsProcessed
    }

    func testMutatedScenariosFailCleanlyOrRun() throws {
        let started = Date()
        let scratch = try ScratchDirectory()
        // Mirror the shipped tree so that `extends` resolves beside each mutant.
        let mirror = scratch.url.appendingPathComponent("Scenarios")
        try FileManager.default.copyItem(at: Package.scenarios, to: mirror)
        var seeds: [(name: String, directory: URL, text: String)] = []
        for url in Package.shippedScenarios() {
            let relative = String(url.path.dropFirst(Package.scenarios.standardizedFileURL.path.count + 1))
            let copy = mirror.appendingPathComponent(relative)
            seeds.append((relative, copy.deletingLastPathComponent(), try String(contentsOf: url, encoding: .utf8)))
        }
        for (name, text) in FuzzSeeds.all {
            let path = try scratch.write("inline/\(name).yaml", text)
            seeds.append((name, URL(fileURLWithPath: path).deletingLastPathComponent(), text))
        }
        XCTAssertGreaterThan(seeds.count, 2)

        var mutator = Mutator(rng: SplitMix64(state: 20_251_124))
        var seen = Set<Data>()
        var loaded = 0, failed = 0, ran = 0, duplicates = 0, events: UInt64 = 0
        var excluded: [String] = [], notRun: [String] = []
        for i in 0..<Self.mutations {
            let seed = seeds[i % seeds.count]
            let (data, description) = mutator.mutate(seed.text)
            guard seen.insert(data).inserted else { duplicates += 1; continue }
            let text = String(decoding: data, as: UTF8.self)
            let label = "#\(i) \(seed.name): \(description)"
            if !Self.all, let bug = Self.knownCrashes.first(where: { $0.matches(text) }) {
                excluded.append("\(label) — \(bug.name)")
                continue
            }
            let path = seed.directory.appendingPathComponent("_fuzz_mutant.yaml").path
            try data.write(to: URL(fileURLWithPath: path))
            if Self.trace { FileHandle.standardError.write(Data("\(label)\n".utf8)) }
            switch LoadOutcome.load(path: path) {
            case .failed(let problems):
                failed += 1
                XCTAssertFalse(problems.isEmpty, label)
                XCTAssertEqual(problems, problems.sorted(), label)
                for p in problems {
                    XCTAssertGreaterThanOrEqual(p.line, 1, "\(label): \(p)")
                    XCTAssertGreaterThanOrEqual(p.column, 1, "\(label): \(p)")
                    XCTAssertFalse(p.file.isEmpty, "\(label): \(p)")
                    XCTAssertFalse(p.found.isEmpty, "\(label): \(p)")
                    XCTAssertFalse(p.expected.isEmpty, "\(label): \(p)")
                }
            case .loaded(let scenario):
                loaded += 1
                if let why = Self.knownRunaway(scenario.model) {
                    notRun.append("\(label) — \(why)")
                    continue
                }
                events += try runClamped(scenario, label: label)
                ran += 1
            }
        }
        let seconds = Date().timeIntervalSince(started)
        print("""
            fuzz: \(Self.mutations) mutations of \(seeds.count) seeds in \(String(format: "%.1f", seconds)) s: \
            \(failed) clean errors, \(loaded) valid (\(ran) run, \(events) events), \(duplicates) duplicates, \
            \(excluded.count) excluded (known crashes), \(notRun.count) not run (known runaways)
            """)
        for e in excluded { print("  excluded \(e)") }
        for e in notRun { print("  not run \(e)") }
        // The corpus must exercise both outcomes, or the mutations are too timid or too wild.
        XCTAssertGreaterThan(failed, Self.mutations / 5)
        XCTAssertGreaterThan(loaded, Self.mutations / 20)
    }
}
