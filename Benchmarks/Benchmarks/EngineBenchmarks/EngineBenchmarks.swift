import Benchmark
import FlowEngine
import FlowScenario

/// The engine's hot paths, one at a time, with mallocs tracked: the event
/// list, a draw from each distribution, one rule evaluation, one full event.
let benchmarks: @Sendable () -> Void = {
    // Each iteration does a million operations, so set-up (a generator, a
    // warmed-up simulation) is amortised and mallocs read per million.
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .throughput, .mallocCountTotal, .peakMemoryResident],
        scalingFactor: .mega,
        maxDuration: .seconds(2),
        maxIterations: 20
    )

    Benchmark("EventQueue schedule + next (1,000 pending)") { benchmark in
        var queue = EventQueue()
        let stream = try! RandomStream(seed: 1)
        for _ in 0..<1000 { queue.schedule(Event(time: stream.uniform() * 1000, kind: .arrival)) }
        var now = 0.0
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            let e = queue.next()!
            now = e.time
            queue.schedule(Event(time: now + stream.exponential(mean: 1000), kind: .arrival))
        }
        benchmark.stopMeasurement()
        blackHole(now)
    }

    let distributions: [(String, Distribution)] = [
        ("exponential", .exponential(mean: 1)),
        ("erlang k=3", .erlang(k: 3, mean: 1)),
        ("gamma", .gamma(shape: 2, scale: 0.5)),
        ("lognormal", .lognormal(mean: 33, sd: 33)),
        ("weibull", .weibull(shape: 1.3, scale: 60)),
        ("normal truncated at 0", .truncatedNormal(mean: 1, sd: 0.5)),
        ("uniform", .uniform(min: 0, max: 1)),
        ("triangular", .triangular(min: 0, mode: 1, max: 3)),
        ("poisson", .poisson(mean: 3)),
        ("bernoulli", .bernoulli(p: 0.3)),
        ("choice of 5", .choice(values: [0, 1, 2, 3, 4], weights: [5, 4, 3, 2, 1])),
        ("table of 5 points", .continuousEmpirical(x: [0, 1, 2, 5, 10], cdf: [0, 0.3, 0.6, 0.9, 1])),
    ]
    for (name, d) in distributions {
        Benchmark("Draw: \(name)") { benchmark in
            let stream = try! RandomStream(seed: 7)
            var sum = 0.0
            benchmark.startMeasurement()
            for _ in benchmark.scaledIterations { sum += d.sample(stream) }
            benchmark.stopMeasurement()
            blackHole(sum)
        }
    }

    Benchmark("Rule: risk >= high or complexity >= 4") { benchmark in
        let attributes = [Attribute(name: "risk", levels: ["low", "medium", "high"]),
                          Attribute(name: "complexity", levels: ["1", "2", "3", "4", "5"])]
        guard case .success(let rule) = ScenarioLoader.compileExpression(
            "risk >= high or complexity >= 4", attributes: attributes, stations: ["cmht"]) else { fatalError("rule") }
        var levels = [0, 0]
        var hits = 0.0
        benchmark.startMeasurement()
        for i in benchmark.scaledIterations {
            levels[0] = i % 3
            levels[1] = i % 5
            hits += rule.evaluate(attribute: { attributes[$0].values[levels[$0]] }, level: { levels[$0] },
                                  waiting: { _ in 0 }, inService: { _ in 0 }, capacity: { _ in 1 })
        }
        benchmark.stopMeasurement()
        blackHole(hits)
    }

    Benchmark("One event: M/M/10 at rho 0.9 in steady state") { benchmark in
        let model = NetworkModel(
            name: "mmc",
            sources: [Source(name: "customers", arrivals: .poisson(ratePerDay: 9), route: .to(0))],
            stations: [Station(name: "servers", capacity: .servers(10), service: .exponential(mean: 1))],
            duration: 1e9)
        var sim = try! NetworkSimulation(model: model, masterSeed: 1, replication: 0)
        for _ in 0..<200_000 { sim.step() }   // past the start-up growth of the event list and the queue
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations { sim.step() }
        benchmark.stopMeasurement()
        blackHole(sim.now)
    }
}
