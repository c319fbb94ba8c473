@testable import FlowEngine
import XCTest

/// Each simulation reads its own copy of the model's buffers (so that
/// threads do not count references on the same cache lines): equal values,
/// different storage, the same results.
final class ModelIsolationTests: XCTestCase {
    private func model() -> NetworkModel {
        var team = Station(name: "a community mental health team", capacity: .servers(2),
                           service: .choice(values: [0.5, 1, 2], weights: [1, 2, 1]),
                           routing: Routing([(station: 0, probability: 0.1)]))
        team.rules = [FlowRule(condition: RuleExpression(code: [.attribute(0), .constant(1), .greaterOrEqual],
                                                         text: "risk >= high, the rule's text long enough for a heap buffer"),
                               decision: .reject, reason: 0, adherence: 0.9)]
        team.reasons = ["below the threshold of this team's criteria, as written"]
        var source = Source(name: "general practice referrals", arrivals: .poisson(ratePerDay: 1.5), route: .to(0))
        source.mix = [.choice(values: [0, 1], weights: [3, 1])]
        var m = NetworkModel(name: "isolation", sources: [source], stations: [team], duration: 200)
        m.attributes = [Attribute(name: "risk", levels: ["low", "high"])]
        return m
    }

    private func address<T>(_ a: [T]) -> UnsafeRawPointer? { a.withUnsafeBufferPointer { UnsafeRawPointer($0.baseAddress) } }

    func testIsolatedHasItsOwnBuffersAndEqualValues() throws {
        let m = model(), c = m.isolated()
        let code = try XCTUnwrap(m.stations[0].rules[0].condition), copied = try XCTUnwrap(c.stations[0].rules[0].condition)
        XCTAssertEqual(code, copied)
        XCTAssertNotEqual(address(code.code), address(copied.code), "the rule's code is in a buffer of its own")
        XCTAssertEqual(m.stations[0].routing, c.stations[0].routing)
        XCTAssertNotEqual(address(m.stations[0].routing.cumulative), address(c.stations[0].routing.cumulative))
        XCTAssertEqual(m.stations[0].service, c.stations[0].service)
        XCTAssertEqual(m.sources[0].mix, c.sources[0].mix)
        XCTAssertEqual(m.attributes, c.attributes)
        XCTAssertNotEqual(address(m.attributes[0].values), address(c.attributes[0].values))
        XCTAssertEqual(m.stations[0].reasons, c.stations[0].reasons)
    }

    func testSimulationsOfTheModelAndItsCopyAgree() throws {
        let m = model()
        var a = try NetworkSimulation(model: m, masterSeed: 5, replication: 0)
        var b = try NetworkSimulation(model: m.isolated().isolated(), masterSeed: 5, replication: 0)
        a.run()
        b.run()
        XCTAssertGreaterThan(a.eventsProcessed, 100)
        XCTAssertEqual(a.eventsProcessed, b.eventsProcessed)
        XCTAssertEqual(a.result().values.map(\.bitPattern), b.result().values.map(\.bitPattern))
    }
}
