import FlowEngine
import FlowScenario
import XCTest

/// Distributions: kinds, parameters that belong or do not, and every
/// parameter constraint, for durations (service) and counts (batch).
final class DistributionErrorTests: ScenarioTestCase {
    static let exponential = "{distribution: exponential, mean: 30 min}"

    /// The base scenario with the desk's service replaced.
    func service(_ d: String) -> String { Self.valid.with(Self.exponential, d) }

    /// The base scenario with a batch-size distribution on the source.
    func batch(_ d: String) -> String { Self.valid.with("    to: desk\n", "    to: desk\n    batch: \(d)\n") }

    let svc = "stations.desk.service"
    let bat = "sources.walk_in.batch"

    func testEveryKindLoadsWithItsParameters() throws {
        let cases: [(String, Distribution)] = [
            ("{distribution: constant, value: 30 min}", .constant(minutes(30))),
            ("{distribution: exponential, mean: 2 h}", .exponential(mean: hours(2))),
            ("{distribution: erlang, k: 3, mean: 1 day}", .erlang(k: 3, mean: 1)),
            ("{distribution: gamma, shape: 2, scale: 1 h}", .gamma(shape: 2, scale: hours(1))),
            ("{distribution: lognormal, mean: 2 days, sd: 1 day}", .lognormal(mean: 2, sd: 1)),
            ("{distribution: weibull, shape: 1.5, scale: 1 week}", .weibull(shape: 1.5, scale: 7)),
            ("{distribution: normal, mean: 1 day, sd: 6 h}", .truncatedNormal(mean: 1, sd: hours(6))),
            ("{distribution: uniform, min: 1 day, max: 2 days}", .uniform(min: 1, max: 2)),
            ("{distribution: triangular, min: 1 day, mode: 2 days, max: 4 days}", .triangular(min: 1, mode: 2, max: 4)),
            ("{distribution: choice, values: [1 day, 2 days], weights: [1, 3]}", .choice(values: [1, 2], weights: [1, 3])),
            ("{distribution: empirical, values: [1 day, 2 days, 2 days]}", .choice(values: [1, 2, 2], weights: [1, 1, 1])),
            ("{distribution: table, points: [[0 days, 0], [1 day, 0.5], [3 days, 1]]}",
             .continuousEmpirical(x: [0, 1, 3], cdf: [0, 0.5, 1])),
            ("2 h", .constant(hours(2))),
        ]
        for (text, expected) in cases {
            let s = try load(service(text))
            XCTAssertEqual(s.model.stations[0].service, expected, text)
        }
        let counts: [(String, Distribution)] = [
            ("{distribution: poisson, mean: 2}", .poisson(mean: 2)),
            ("{distribution: bernoulli, p: 0.3}", .bernoulli(p: 0.3)),
            ("{distribution: choice, values: [1, 2], weights: [1, 1]}", .choice(values: [1, 2], weights: [1, 1])),
            ("{distribution: uniform, min: 1, max: 3}", .uniform(min: 1, max: 3)),
            ("4", .constant(4)),
        ]
        for (text, expected) in counts {
            XCTAssertEqual(try load(batch(text)).model.sources[0].batch, expected, text)
        }
    }

    func testDistributionNotAMapping() throws {
        try expectProblem(service("[1, 2]"), at: "[1, 2]", path: svc, found: ["a list"],
                          expected: ["a distribution mapping such as {distribution: exponential, mean: 30 min}"])
    }

    func testUnknownDistributionNameSuggestsTheNearest() throws {
        try expectProblem(service("{distribution: expnential, mean: 30 min}"), at: "expnential", path: "\(svc).distribution",
                          found: ["unknown distribution 'expnential'"],
                          expected: ["one of constant, exponential, erlang", "table", "did you mean 'exponential'?"])
        try expectProblem(service("{distribution: [exponential], mean: 30 min}"), at: "[exponential]",
                          path: "\(svc).distribution", found: ["a list"], expected: ["one of constant, exponential"])
    }

    func testMissingDistributionKey() throws {
        try expectProblem(service("{mean: 30 min}"), at: "{mean", path: "\(svc).distribution",
                          found: ["nothing (the key is missing)"], expected: ["one of constant, exponential"])
    }

    func testUnknownParameterKey() throws {
        try expectProblem(service("{distribution: exponential, mean: 30 min, meen: 3 min}"), at: "meen", path: "\(svc).meen",
                          found: ["unknown key 'meen'"], expected: ["did you mean 'mean'?"])
    }

    func testParameterNotBelongingToTheDistribution() throws {
        try expectProblem(service("{distribution: exponential, mean: 30 min, sd: 5 min}"), at: "5 min", path: "\(svc).sd",
                          found: ["parameter 'sd' for a exponential distribution"], expected: ["only mean"])
        try expectProblem(service("{distribution: gamma, shape: 2, scale: 5 min, mean: 10 min}"), at: "10 min",
                          path: "\(svc).mean", found: ["parameter 'mean' for a gamma distribution"], expected: ["only shape, scale"])
    }

    func testMissingParameter() throws {
        try expectProblem(service("{distribution: lognormal, mean: 30 min}"), at: "{distribution: lognormal", path: "\(svc).sd",
                          found: ["nothing (the key is missing)"], expected: ["the lognormal parameter sd"])
        let all = try problems(service("{distribution: triangular}"))
        XCTAssertEqual(all.map(\.path), ["\(svc).max", "\(svc).min", "\(svc).mode"].sorted())
    }

    func testDurationParametersNeedUnits() throws {
        try expectProblem(service("{distribution: exponential, mean: 30}"), at: "30}", path: "\(svc).mean",
                          found: ["'30' with no unit"], expected: ["a duration >= 0 with a unit"])
        try expectProblem(service("30"), at: "30\n", path: svc, found: ["'30' with no unit"], expected: ["a duration >= 0 with a unit"])
        try expectProblem(service("{distribution: exponential, mean: 30 parsecs}"), at: "30 parsecs", path: "\(svc).mean",
                          found: ["unknown unit 'parsecs' in '30 parsecs'"], expected: ["a unit such as"])
        try expectProblem(service("{distribution: constant, value: -1 min}"), at: "-1 min", path: "\(svc).value",
                          found: ["'-1 min'"], expected: ["a duration >= 0"])
        try expectProblem(service("{distribution: gamma, shape: 2 min, scale: 1 h}"), at: "2 min", path: "\(svc).shape",
                          found: ["'2 min'"], expected: ["a number"])
    }

    func testPositiveParameters() throws {
        let cases: [(String, String, String, String)] = [
            ("{distribution: exponential, mean: 0 min}", "0 min}", "mean", "0.0"),
            ("{distribution: erlang, k: 2, mean: 0 h}", "0 h", "mean", "0.0"),
            ("{distribution: gamma, shape: 0, scale: 1 h}", "0,", "shape", "0.0"),
            ("{distribution: gamma, shape: -2, scale: 1 h}", "-2", "shape", "-2.0"),
            ("{distribution: gamma, shape: 2, scale: 0 h}", "0 h", "scale", "0.0"),
            ("{distribution: lognormal, mean: 0 h, sd: 1 h}", "0 h", "mean", "0.0"),
            ("{distribution: lognormal, mean: 1 h, sd: 0 h}", "0 h", "sd", "0.0"),
            ("{distribution: weibull, shape: -1, scale: 1 h}", "-1", "shape", "-1.0"),
            ("{distribution: weibull, shape: 1, scale: 0 h}", "0 h", "scale", "0.0"),
            ("{distribution: normal, mean: 1 h, sd: 0 h}", "0 h", "sd", "0.0"),
        ]
        for (text, at, key, found) in cases {
            try expectProblem(service(text), at: at, within: text, path: "\(svc).\(key)", found: [found],
                              expected: ["a finite number > 0"])
        }
    }

    func testErlangNeedsAWholeNumberOfPhases() throws {
        for bad in ["0", "1.5", "two"] {
            try expectProblem(service("{distribution: erlang, k: \(bad), mean: 1 h}"), at: bad, within: "k: \(bad)",
                              path: "\(svc).k", found: ["'\(bad)'"], expected: ["an integer >= 1"])
        }
    }

    func testUniformAndTriangularOrder() throws {
        try expectProblem(service("{distribution: uniform, min: 10 min, max: 5 min}"), at: "5 min", path: "\(svc).max",
                          expected: ["a value greater than min"])
        try expectProblem(service("{distribution: uniform, min: 10 min, max: 10 min}"), at: "10 min", occurrence: 2,
                          path: "\(svc).max", expected: ["a value greater than min"])
        try expectProblem(service("{distribution: triangular, min: 5 min, mode: 40 min, max: 30 min}"), at: "40 min",
                          path: "\(svc).mode", expected: ["min <= mode <= max and min < max"])
    }

    func testCountDistributionsForADuration() throws {
        try expectProblem(service("{distribution: poisson, mean: 3}"), at: "poisson", path: "\(svc).distribution",
                          found: ["a count distribution (poisson) for a duration"], expected: ["a continuous distribution"])
        try expectProblem(service("{distribution: bernoulli, p: 0.5}"), at: "bernoulli", path: "\(svc).distribution",
                          found: ["a count distribution (bernoulli) for a duration"], expected: ["a continuous distribution"])
    }

    func testCountParameters() throws {
        try expectProblem(batch("{distribution: poisson, mean: 0}"), at: "0}", path: "\(bat).mean", found: ["0.0"],
                          expected: ["a finite number > 0"])
        try expectProblem(batch("{distribution: bernoulli, p: 1.5}"), at: "1.5", path: "\(bat).p", found: ["1.5"],
                          expected: ["a probability in [0, 1]"])
        try expectProblem(batch("{distribution: constant, value: -1}"), at: "-1", path: "\(bat).value", found: ["-1.0"],
                          expected: ["a finite number >= 0"])
        try expectProblem(batch("{distribution: normal, mean: -100, sd: 1}"), at: "-100", path: "\(bat).mean",
                          found: ["-100.0 with sd 1.0"], expected: ["mean > -8 sd"])
        try expectProblem(batch("{distribution: poisson, mean: two}"), at: "two", path: "\(bat).mean", found: ["'two'"],
                          expected: ["a number"])
        try expectProblem(batch("{distribution: uniform, min: -1, max: 3}"), at: "-1", path: "\(bat).min", found: ["-1.0"],
                          expected: ["a finite number >= 0"])
    }

    func testChoice() throws {
        try expectProblem(service("{distribution: choice, values: [10 min, 20 min], weights: [1, 2, 3]}"), at: "[1, 2, 3]",
                          path: "\(svc).weights", found: ["3 weights"], expected: ["one per value (2)"])
        try expectProblem(service("{distribution: choice, values: [10 min, 20 min], weights: [0, 0]}"), at: "[0, 0]",
                          path: "\(svc).weights", found: ["weights summing to 0"], expected: ["a positive sum"])
        try expectProblem(service("{distribution: choice, values: [10 min, 20 min], weights: [1, -1]}"), at: "-1",
                          path: "\(svc).weights[1]", found: ["'-1'"], expected: ["a number >= 0"])
        try expectProblem(service("{distribution: choice, values: [], weights: [1]}"), at: "[]", path: "\(svc).values",
                          found: ["a list"], expected: ["a non-empty list of values"])
        try expectProblem(service("{distribution: choice, values: [10 min, 20], weights: [1, 1]}"), at: "20]",
                          path: "\(svc).values[1]", found: ["'20' with no unit"])
        try expectProblem(service("{distribution: choice, values: [10 min], weights: 1}"), at: "1}", path: "\(svc).weights",
                          found: ["'1'"], expected: ["a list of weights >= 0"])
    }

    func testEmpirical() throws {
        try expectProblem(service("{distribution: empirical, values: 10 min}"), at: "10 min", path: "\(svc).values",
                          found: ["'10 min'"], expected: ["a non-empty list of values"])
        try expectProblem(batch("{distribution: empirical, values: [1, -2]}"), at: "-2", path: "\(bat).values[1]",
                          found: ["'-2'"], expected: ["a number >= 0"])
    }

    func testTable() throws {
        func table(_ points: String) -> String { service("{distribution: table, points: \(points)}") }
        try expectProblem(table("[[10 min, 0], [5 min, 1]]"), at: "[[", path: "\(svc).points",
                          found: ["x decreasing"], expected: ["x in increasing order"])
        try expectProblem(table("[[0 min, 0], [10 min, 0.6], [20 min, 0.4], [30 min, 1]]"), at: "[[", path: "\(svc).points",
                          found: ["F decreasing (0.6 then 0.4)"], expected: ["F non-decreasing"])
        try expectProblem(table("[[10 min, 0.1], [20 min, 1]]"), at: "[[", path: "\(svc).points",
                          found: ["F = 0.1 at the first point"], expected: ["0"])
        try expectProblem(table("[[10 min, 0], [20 min, 0.9]]"), at: "[[", path: "\(svc).points",
                          found: ["F = 0.9 at the last point"], expected: ["1"])
        let one = try problems(table("[[10 min, 0]]"))
        XCTAssertTrue(one.contains { $0.path == "\(svc).points" && $0.found == "1 points" && $0.expected == "at least 2" },
                      "\(ScenarioError(one))")
        try expectProblem(table("[[10 min, 0], [20 min]]"), at: "[20 min]", path: "\(svc).points[1]", found: ["a list"],
                          expected: ["a pair [x, F(x)]"])
        try expectProblem(table("[[10 min, 0], [20 min, 1.5]]"), at: "1.5", path: "\(svc).points[1][1]", found: ["'1.5'"],
                          expected: ["a probability between 0 and 1"])
        try expectProblem(table("[[10 min, 0], [20, 1]]"), at: "20,", path: "\(svc).points[1][0]", found: ["'20' with no unit"])
        try expectProblem(table("3"), at: "3}", path: "\(svc).points", found: ["'3'"], expected: ["a list of [x, F(x)] pairs"])
    }

    func testPatienceIsADurationDistributionToo() throws {
        let text = Self.valid.with("    routing: {nurse: 0.5}\n", "    routing: {nurse: 0.5}\n    patience: {distribution: exponential}\n")
        try expectProblem(text, at: "{distribution: exponential}", path: "stations.desk.patience.mean",
                          found: ["nothing (the key is missing)"], expected: ["the exponential parameter mean"])
        let ok = Self.valid.with("    routing: {nurse: 0.5}\n", "    routing: {nurse: 0.5}\n    patience: 2 h\n")
        XCTAssertEqual(try load(ok).model.stations[0].patience, .constant(hours(2)))
    }
}
