import FlowEngine
import FlowStats
import Foundation
import XCTest

/// Runs each scenario of `Scenarios/validation/` and compares its metrics
/// with queueing theory computed here (`QueueingTheory`): each theory value
/// must lie inside the replications' 99% confidence interval, and each
/// interval must be narrow enough for the check to catch a wrong engine.
///
/// Seeds are fixed in the files, so the outcome is reproducible. With about
/// thirty checks at 99%, a correct engine would fail one now and then were the
/// seeds changed; such a failure calls for a longer run, not another seed.
final class ValidationTests: XCTestCase {
    // MARK: M/M/1

    func checkMM1(_ file: String, lambda: Double, maxRelativeHalfWidth: (wait: Double, time: Double)) throws {
        let run = try ValidationRun.run(file)
        run.requirePoisson("arrivals", ratePerDay: lambda)
        run.requireStation("server", servers: 1, service: .exponential(mean: 1))
        let mu = 1.0
        run.expect("wait_mean_days", at: "server", theory: QueueingTheory.mm1MeanWait(lambda: lambda, mu: mu),
                   maxRelativeHalfWidth: maxRelativeHalfWidth.wait)
        run.expect("time_in_station_mean_days", at: "server",
                   theory: QueueingTheory.mm1MeanTimeInStation(lambda: lambda, mu: mu),
                   maxRelativeHalfWidth: maxRelativeHalfWidth.time)
        run.expect("utilisation", at: "server", theory: lambda / mu, maxRelativeHalfWidth: 0.02)
    }

    func testMM1Rho050() throws {
        try checkMM1("mm1-rho050.yaml", lambda: 0.5, maxRelativeHalfWidth: (0.04, 0.03))
    }

    func testMM1Rho080() throws {
        try checkMM1("mm1-rho080.yaml", lambda: 0.8, maxRelativeHalfWidth: (0.04, 0.03))
    }

    // MARK: M/M/c, Erlang C

    func checkMMc(servers c: Int, rho: Double, maxRelativeHalfWidth: Double, waitProbabilityHalfWidth: Double = 0.05) throws {
        let file = String(format: "mmc-c%02d-rho%03d.yaml", c, Int((rho * 100).rounded()))
        let run = try ValidationRun.run(file)
        let lambda = Double(c) * rho
        run.requirePoisson("arrivals", ratePerDay: lambda)
        run.requireStation("servers", servers: c, service: .exponential(mean: 1))
        let q = QueueingTheory.MMc(lambda: lambda, mu: 1, servers: c)
        if c == 1 {
            // Erlang C with one server must reduce to M/M/1.
            XCTAssertEqual(q.waitProbability, rho, accuracy: 1e-12)
            XCTAssertEqual(q.meanWait, QueueingTheory.mm1MeanWait(lambda: lambda, mu: 1), accuracy: 1e-12)
        }
        run.expect("wait_mean_days", at: "servers", theory: q.meanWait, maxRelativeHalfWidth: maxRelativeHalfWidth)
        run.expect("wait_probability", at: "servers", theory: q.waitProbability, maxRelativeHalfWidth: waitProbabilityHalfWidth)
    }

    func testMMcC1Rho070() throws { try checkMMc(servers: 1, rho: 0.70, maxRelativeHalfWidth: 0.045) }
    func testMMcC1Rho090() throws { try checkMMc(servers: 1, rho: 0.90, maxRelativeHalfWidth: 0.08) }
    func testMMcC1Rho095() throws { try checkMMc(servers: 1, rho: 0.95, maxRelativeHalfWidth: 0.12) }
    func testMMcC5Rho070() throws { try checkMMc(servers: 5, rho: 0.70, maxRelativeHalfWidth: 0.05) }
    func testMMcC5Rho090() throws { try checkMMc(servers: 5, rho: 0.90, maxRelativeHalfWidth: 0.10) }
    func testMMcC5Rho095() throws { try checkMMc(servers: 5, rho: 0.95, maxRelativeHalfWidth: 0.12) }
    func testMMcC20Rho070() throws { try checkMMc(servers: 20, rho: 0.70, maxRelativeHalfWidth: 0.11, waitProbabilityHalfWidth: 0.07) }
    func testMMcC20Rho090() throws { try checkMMc(servers: 20, rho: 0.90, maxRelativeHalfWidth: 0.10) }
    func testMMcC20Rho095() throws { try checkMMc(servers: 20, rho: 0.95, maxRelativeHalfWidth: 0.12) }

    // MARK: Loss systems, Erlang B

    func checkErlangB(_ file: String, service: Distribution) throws {
        let run = try ValidationRun.run(file)
        let lambda = 8.0, c = 10
        run.requirePoisson("arrivals", ratePerDay: lambda)
        run.requireStation("servers", servers: c, service: service, queueLimit: 0)
        let a = lambda * service.mean
        let b = QueueingTheory.erlangB(servers: c, load: a)
        run.expect("overflow_share", at: "servers", theory: b, maxRelativeHalfWidth: 0.04)
        run.expect("busy_servers_mean", at: "servers", theory: a * (1 - b), maxRelativeHalfWidth: 0.01)
        // No waiting room, so nobody waits.
        XCTAssertEqual(run.results.values("wait_mean_days", station: "servers").max(), 0)
        XCTAssertEqual(run.results.values("queue_length_mean", station: "servers").max(), 0)
    }

    func testErlangBExponential() throws {
        try checkErlangB("mmcc-erlang-b.yaml", service: .exponential(mean: 1))
    }

    /// Insensitivity: lognormal service with the same mean gives the same blocking.
    func testErlangBLognormalInsensitivity() throws {
        try checkErlangB("mgcc-lognormal-erlang-b.yaml", service: .lognormal(mean: 1, sd: 2))
    }

    // MARK: M/M/c/K

    func testMMcKBlocking() throws {
        let run = try ValidationRun.run("mmck-blocking.yaml")
        let lambda = 2.7, c = 3, k = 8
        run.requirePoisson("arrivals", ratePerDay: lambda)
        run.requireStation("servers", servers: c, service: .exponential(mean: 1), queueLimit: k - c)
        let q = QueueingTheory.MMcK(lambda: lambda, mu: 1, servers: c, limit: k)
        XCTAssertEqual(q.distribution.reduce(0, +), 1, accuracy: 1e-12)
        run.expect("overflow_share", at: "servers", theory: q.blocking, maxRelativeHalfWidth: 0.05)
        run.expect("wait_mean_days", at: "servers", theory: q.meanWait, maxRelativeHalfWidth: 0.04)
        run.expect("wait_probability", at: "servers", theory: q.waitProbability, maxRelativeHalfWidth: 0.02)
    }

    // MARK: M/D/1

    func testMD1PollaczekKhinchine() throws {
        let run = try ValidationRun.run("md1-pollaczek-khinchine.yaml")
        let lambda = 0.8, d = 1.0
        run.requirePoisson("arrivals", ratePerDay: lambda)
        run.requireStation("server", servers: 1, service: .constant(d))
        let wq = QueueingTheory.pollaczekKhinchineWait(lambda: lambda, serviceMean: d, serviceSecondMoment: d * d)
        // Constant service halves the M/M/1 wait.
        XCTAssertEqual(wq, QueueingTheory.mm1MeanWait(lambda: lambda, mu: 1 / d) / 2, accuracy: 1e-12)
        run.expect("wait_mean_days", at: "server", theory: wq, maxRelativeHalfWidth: 0.04)
        run.expect("time_in_station_mean_days", at: "server", theory: wq + d, maxRelativeHalfWidth: 0.03)
    }

    // MARK: Non-preemptive priority M/M/1

    /// Per-class waits are not engine metrics (one wait per station), so this
    /// checks (1) the station's mean wait against the λ-weighted Cobham waits
    /// and (2) the top class alone through the system's 90th percentile time,
    /// with the low class held back 50 days so the percentile falls among
    /// top-class people only. See the scenario file for the derivation.
    func testPriorityMM1Cobham() throws {
        let run = try ValidationRun.run("priority-mm1.yaml")
        let lambdas = [0.76, 0.04], mu = 1.0, hold = 50.0
        run.requirePoisson("urgent", ratePerDay: lambdas[0], priority: 0)
        run.requirePoisson("routine", ratePerDay: lambdas[1], priority: 1)
        run.requireStation("server", servers: 1, service: .exponential(mean: 1 / mu), discipline: .priority)
        run.requireStation("hold", servers: nil, service: .constant(hold))
        XCTAssertEqual(run.routing(of: "hold"), ["server": 1])
        XCTAssertEqual(run.routing(of: "server"), ["exit": 1])
        XCTAssertEqual(run.route(of: "urgent"), ["server": 1])
        XCTAssertEqual(run.route(of: "routine"), ["hold": 1])

        let total = lambdas.reduce(0, +)
        let waits = QueueingTheory.cobhamWaits(lambdas: lambdas, serviceMeans: [1 / mu, 1 / mu],
                                               serviceSecondMoments: [2 / (mu * mu), 2 / (mu * mu)])
        let overall = zip(lambdas, waits).reduce(0) { $0 + $1.0 * $1.1 } / total
        // Kleinrock's conservation law: with one service distribution the
        // weighted wait equals FIFO's, which is why check (2) is needed.
        XCTAssertEqual(overall, QueueingTheory.mm1MeanWait(lambda: total, mu: mu), accuracy: 1e-12)
        run.expect("wait_mean_days", at: "server", theory: overall, maxRelativeHalfWidth: 0.06)

        let topShare = lambdas[0] / total
        let p90 = QueueingTheory.solveIncreasing({ t in
            topShare * (1 - QueueingTheory.topClassTimeInStationTail(lambdaTop: lambdas[0], lambdaTotal: total, mu: mu, t: t))
        }, equals: 0.9, lo: 0, hi: hold)
        XCTAssertLessThan(p90, hold)
        // Its mean is Cobham's top-class wait plus a service.
        let topMean = integrateTail(upTo: 400) {
            QueueingTheory.topClassTimeInStationTail(lambdaTop: lambdas[0], lambdaTotal: total, mu: mu, t: $0)
        }
        XCTAssertEqual(topMean, waits[0] + 1 / mu, accuracy: 1e-6)
        let fifoP90 = -log(1 - 0.9 / topShare) / (mu - total)
        print(String(format: "[validation] priority-mm1.yaml: Cobham waits %.4f (urgent), %.4f (routine); "
                        + "system p90 %.4f with priority, %.4f if the server were FIFO",
                     waits[0], waits[1], p90, fifoP90))
        run.expect("time_in_system_p90_days", at: "system", theory: p90, maxRelativeHalfWidth: 0.05)
        // Each class on its own, by the engine's per-priority-class waits.
        run.expect("wait_mean_days", at: "server", group: "priority:0", theory: waits[0], maxRelativeHalfWidth: 0.06)
        run.expect("wait_mean_days", at: "server", group: "priority:1", theory: waits[1], maxRelativeHalfWidth: 0.12)
    }

    /// E[T] = ∫ P(T > t) dt by the trapezoidal rule.
    func integrateTail(upTo end: Double, _ tail: (Double) -> Double) -> Double {
        let steps = 400_000
        let h = end / Double(steps)
        var sum = (tail(0) + tail(end)) / 2
        for i in 1..<steps { sum += tail(Double(i) * h) }
        return sum * h
    }

    // MARK: Jackson network

    func testJacksonNetworkWithFeedback() throws {
        let run = try ValidationRun.run("jackson-feedback.yaml")
        let names = ["intake", "assess", "treat"]
        let gamma = [1.0, 0, 0]
        let routing: [[Double]] = [
            [0, 0.5, 0.5],
            [0.2, 0, 0.3],
            [0.25, 0, 0],
        ]
        let nodes = [
            QueueingTheory.JacksonNode(servers: 1, mu: 2),
            QueueingTheory.JacksonNode(servers: 2, mu: 0.5),
            QueueingTheory.JacksonNode(servers: 1, mu: 1 / 0.9),
        ]
        run.requirePoisson("arrivals", ratePerDay: gamma[0])
        XCTAssertEqual(run.route(of: "arrivals"), ["intake": 1])
        for (i, name) in names.enumerated() {
            run.requireStation(name, servers: nodes[i].servers, service: .exponential(mean: 1 / nodes[i].mu))
            var expected: [String: Double] = [:]
            for (j, p) in routing[i].enumerated() where p > 0 { expected[names[j], default: 0] += p }
            let leave = 1 - routing[i].reduce(0, +)
            if leave > 1e-12 { expected["exit"] = leave }
            let actual = run.routing(of: name)
            XCTAssertEqual(Set(actual.keys), Set(expected.keys), "routing of \(name)")
            for (k, p) in expected { XCTAssertEqual(actual[k] ?? .nan, p, accuracy: 1e-12, "routing \(name) → \(k)") }
        }
        let lambda = QueueingTheory.trafficEquations(external: gamma, routing: routing)
        for j in 0..<3 {  // the solution satisfies the traffic equations
            let inflow = gamma[j] + (0..<3).reduce(0) { $0 + lambda[$1] * routing[$1][j] }
            XCTAssertEqual(lambda[j], inflow, accuracy: 1e-12)
        }
        let t = QueueingTheory.jacksonMeanTimeInSystem(external: gamma, routing: routing, nodes: nodes)
        print(String(format: "[validation] jackson-feedback.yaml: arrival rates %.6f, %.6f, %.6f per day",
                     lambda[0], lambda[1], lambda[2]))
        run.expect("time_in_system_mean_days", at: "system", theory: t, maxRelativeHalfWidth: 0.04)
    }

    // MARK: Every file is checked

    func testEveryValidationScenarioHasATest() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: ValidationRun.directory.path)
            .filter { $0.hasSuffix(".yaml") }.sorted()
        var covered = [
            "mm1-rho050.yaml", "mm1-rho080.yaml", "mmcc-erlang-b.yaml", "mgcc-lognormal-erlang-b.yaml",
            "mmck-blocking.yaml", "md1-pollaczek-khinchine.yaml", "priority-mm1.yaml", "jackson-feedback.yaml",
        ]
        for c in [1, 5, 20] {
            for rho in [70, 90, 95] { covered.append(String(format: "mmc-c%02d-rho%03d.yaml", c, rho)) }
        }
        XCTAssertEqual(files, covered.sorted())
    }
}
