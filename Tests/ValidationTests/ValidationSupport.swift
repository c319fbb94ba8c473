import FlowEngine
import FlowExperiments
import FlowScenario
import FlowStats
import Foundation
import XCTest

/// One validation scenario, loaded from `Scenarios/validation/` and run with
/// its own seed and replication count through the public API.
struct ValidationRun {
    let file: String
    let scenario: Scenario
    let results: RunResults
    let seconds: Double

    /// Confidence level of every validation interval.
    static let confidence = 0.99

    static var directory: URL {
        // Tests/ValidationTests/ValidationSupport.swift → package root.
        URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Scenarios").appendingPathComponent("validation")
    }

    /// Multiplies every scenario's replications (same seed, so the first
    /// replications are unchanged): `FLOWSIM_VALIDATION_SCALE=10 swift test
    /// -c release --filter ValidationTests` narrows each interval about
    /// threefold for a stricter check than the quick default.
    static var scale: Int {
        guard let text = ProcessInfo.processInfo.environment["FLOWSIM_VALIDATION_SCALE"] else { return 1 }
        guard let k = Int(text), k >= 1 else {
            XCTFail("FLOWSIM_VALIDATION_SCALE must be an integer >= 1, found '\(text)'")
            return 1
        }
        return k
    }

    /// Loads and runs `Scenarios/validation/<file>` on all cores.
    static func run(_ file: String) throws -> ValidationRun {
        let path = directory.appendingPathComponent(file).path
        let start = Date()
        var scenario: Scenario
        do {
            scenario = try ScenarioLoader.load(path: path)
            if scale > 1 {
                scenario = try ScenarioLoader.load(path: path, overrides: ["run.replications=\(scenario.replications * scale)"])
            }
        } catch {
            XCTFail("\(file) does not load: \(error)")
            throw error
        }
        let results = try ReplicationRunner.run(model: scenario.model, seed: scenario.seed,
                                                replications: scenario.replications, threads: 0)
        let seconds = Date().timeIntervalSince(start)
        let customers = results.values("arrivals", station: NetworkMetrics.systemLabel).reduce(0, +)
        print(String(format: "[validation] %@: %d replications, %.0f arrivals after warm-up, %llu events, %.2f s",
                     file, results.results.count, customers, results.totalEvents, seconds))
        return ValidationRun(file: file, scenario: scenario, results: results, seconds: seconds)
    }

    /// Checks that `theory` lies inside the replications' 99% confidence
    /// interval of `metric` at `station`, and that the interval is tight
    /// enough to mean something: half-width at most `maxRelativeHalfWidth`
    /// of the theory value. Prints the numbers and the z-score either way.
    @discardableResult
    func expect(_ metric: String, at station: String, group: String = "all", theory: Double, maxRelativeHalfWidth: Double,
                file sourceFile: StaticString = #filePath, line: UInt = #line) -> Summary {
        let values = results.values(metric, station: station, group: group)
        XCTAssertEqual(values.count, scenario.replications, "\(file): no metric \(metric) at \(station)",
                       file: sourceFile, line: line)
        XCTAssertTrue(values.allSatisfy(\.isFinite), "\(file): \(metric) at \(station) has replications without observations",
                      file: sourceFile, line: line)
        let summary = Summary(values: values, confidence: Self.confidence)
        let z = summary.zScore(of: theory)
        let relative = summary.halfWidth / abs(theory)
        let inside = summary.contains(theory)
        let where_ = group == "all" ? station : "\(station)[\(group)]"
        print(String(format: "[validation] %@ %@@%@: theory %.6g, simulated %.6g ± %.3g (99%%, ±%.2f%%), n %d, z %+.2f  %@",
                     file, metric, where_, theory, summary.mean, summary.halfWidth, 100 * relative, summary.n, z,
                     inside ? "ok" : "OUTSIDE"))
        XCTAssertTrue(inside, String(format: "%@ %@@%@: theory %.6g outside the 99%% interval %.6g ± %.3g (z %+.2f)",
                                     file, metric, station, theory, summary.mean, summary.halfWidth, z),
                      file: sourceFile, line: line)
        XCTAssertLessThanOrEqual(relative, maxRelativeHalfWidth,
                                 String(format: "%@ %@@%@: interval ±%.2f%% of theory, wider than the ±%.1f%% this check needs to catch errors",
                                        file, metric, station, 100 * relative, 100 * maxRelativeHalfWidth),
                                 file: sourceFile, line: line)
        return summary
    }

    // MARK: The model must be the one the theory is about

    func source(_ name: String, sourceFile: StaticString = #filePath, line: UInt = #line) -> Source? {
        let s = scenario.model.sources.first { $0.name == name }
        XCTAssertNotNil(s, "\(file): no source \(name)", file: sourceFile, line: line)
        return s
    }

    func station(_ name: String, sourceFile: StaticString = #filePath, line: UInt = #line) -> Station? {
        let s = scenario.model.stations.first { $0.name == name }
        XCTAssertNotNil(s, "\(file): no station \(name)", file: sourceFile, line: line)
        return s
    }

    /// Asserts a homogeneous Poisson source at `ratePerDay` with the given priority.
    func requirePoisson(_ name: String, ratePerDay: Double, priority: Int = 0,
                        sourceFile: StaticString = #filePath, line: UInt = #line) {
        guard let s = source(name, sourceFile: sourceFile, line: line) else { return }
        guard case .poisson(let rate) = s.arrivals else {
            return XCTFail("\(file): source \(name) is not a Poisson process", file: sourceFile, line: line)
        }
        XCTAssertEqual(rate, ratePerDay, accuracy: 1e-12 * ratePerDay, "\(file): rate of \(name)", file: sourceFile, line: line)
        XCTAssertEqual(s.priority, priority, "\(file): priority of \(name)", file: sourceFile, line: line)
        XCTAssertNil(s.batch, "\(file): \(name) has batches", file: sourceFile, line: line)
        XCTAssertNil(s.limit, "\(file): \(name) has an arrival limit", file: sourceFile, line: line)
    }

    /// Asserts a station with `servers` servers (nil: infinite), the given
    /// service distribution (parameters to 1e-12 relative), no patience, no
    /// balking, and the given waiting room.
    func requireStation(_ name: String, servers: Int?, service: Distribution, queueLimit: Int? = nil,
                        discipline: Station.Discipline = .fifo,
                        sourceFile: StaticString = #filePath, line: UInt = #line) {
        guard let s = station(name, sourceFile: sourceFile, line: line) else { return }
        XCTAssertEqual(s.capacity, servers.map { .servers($0) } ?? .infinite, "\(file): capacity of \(name)",
                       file: sourceFile, line: line)
        XCTAssertTrue(Self.same(s.service, service), "\(file): service of \(name) is \(s.service), expected \(service)",
                      file: sourceFile, line: line)
        XCTAssertEqual(s.queueLimit, queueLimit, "\(file): queue limit of \(name)", file: sourceFile, line: line)
        XCTAssertEqual(s.discipline, discipline, "\(file): discipline of \(name)", file: sourceFile, line: line)
        XCTAssertNil(s.patience, "\(file): \(name) has patience", file: sourceFile, line: line)
        XCTAssertNil(s.balking, "\(file): \(name) has balking", file: sourceFile, line: line)
        if queueLimit != nil {
            XCTAssertEqual(s.overflow, Routing.exit, "\(file): overflow of \(name) should be lost", file: sourceFile, line: line)
        }
    }

    /// The routing probabilities out of a station, by destination name ("exit" for leaving).
    func routing(of name: String) -> [String: Double] {
        station(name).map { probabilities($0.routing) } ?? [:]
    }

    /// Where a source sends its arrivals, by station name.
    func route(of name: String) -> [String: Double] {
        source(name).map { probabilities($0.route) } ?? [:]
    }

    func probabilities(_ routing: Routing) -> [String: Double] {
        var out: [String: Double] = [:]
        var previous = 0.0
        for (d, c) in zip(routing.destinations, routing.cumulative) {
            let target = d == Routing.exit ? "exit" : scenario.model.stations[Int(d)].name
            out[target, default: 0] += c - previous
            previous = c
        }
        if previous < 1 - 1e-12 { out["exit", default: 0] += 1 - previous }
        return out
    }

    static func same(_ a: Distribution, _ b: Distribution) -> Bool {
        func close(_ x: Double, _ y: Double) -> Bool { abs(x - y) <= 1e-12 * max(abs(x), abs(y)) }
        switch (a, b) {
        case (.exponential(let x), .exponential(let y)), (.constant(let x), .constant(let y)): return close(x, y)
        case (.lognormal(let m1, let s1), .lognormal(let m2, let s2)): return close(m1, m2) && close(s1, s2)
        default: return a == b
        }
    }
}
