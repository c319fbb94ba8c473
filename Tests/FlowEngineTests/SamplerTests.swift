@testable import FlowEngine
import XCTest

/// The event loop draws service times through `Sampler`; every kind must
/// give exactly the draws `Distribution.sample` gives from the same stream.
final class SamplerTests: XCTestCase {
    let kinds: [Distribution] = [
        .constant(2.5),
        .exponential(mean: 0.7),
        .erlang(k: 3, mean: 2),
        .gamma(shape: 2, scale: 0.25),
        .lognormal(mean: 10, sd: 8),
        .weibull(shape: 1.5, scale: 3),
        .truncatedNormal(mean: 1, sd: 2),
        .uniform(min: 0.5, max: 4),
        .triangular(min: 1, mode: 2, max: 7),
        .poisson(mean: 3.5),
        .bernoulli(p: 0.3),
        .choice(values: [1, 2, 5], weights: [0.2, 0.5, 0.3]),
        .continuousEmpirical(x: [0, 1, 4], cdf: [0, 0.6, 1]),
    ]

    func testDrawsEqualDistributionsToTheBit() throws {
        var tables = SamplerTables()
        var samplers: [Sampler] = []
        // All samplers first, so that later tables sit after earlier ones in the flat arrays.
        for d in kinds { samplers.append(Sampler(d, tables: &tables)) }
        for (d, sampler) in zip(kinds, samplers) {
            XCTAssertEqual(d.problems(), [], "\(d)")
            let a = try RandomStream(seed: 11), b = try RandomStream(seed: 11)
            for i in 0..<2_000 {
                let expected = d.sample(a), found = sampler.sample(rng: b.rng, tables: tables)
                if expected.bitPattern != found.bitPattern {
                    XCTFail("\(d), draw \(i): Distribution gives \(expected), Sampler \(found)")
                    break
                }
            }
        }
        XCTAssertEqual(tables.values.count, 3 + 3, "the two table kinds' points, flat")
    }
}
