import FlowEngine
import XCTest

/// The per-station tables skip Array's uniqueness check on each write and
/// check once per event instead; a copied simulation must still keep its
/// own statistics.
final class StationTableTests: XCTestCase {
    func testCopiedSimulationKeepsItsOwnStationState() throws {
        let model = NetworkModel(
            name: "copy",
            sources: [Source(name: "walk-in", arrivals: .poisson(ratePerDay: 9), route: .to(0))],
            stations: [Station(name: "desk", capacity: .servers(10), service: .exponential(mean: 1))],
            duration: 200)
        var original = try NetworkSimulation(model: model, masterSeed: 3, replication: 0)
        for _ in 0..<500 { original.step() }
        let before = original.result()
        let waiting = original.waiting(at: 0), busy = original.inService(at: 0)
        let arrived = original.everArrived(at: 0)

        var copy = original
        stepChecked(&copy)
        XCTAssertGreaterThan(copy.everArrived(at: 0), arrived, "the copy ran on")
        XCTAssertTrue(sameValues(original.result().values, before.values), "the copy's writes stay out of the original")
        XCTAssertEqual(original.waiting(at: 0), waiting)
        XCTAssertEqual(original.inService(at: 0), busy)
        XCTAssertEqual(original.everArrived(at: 0), arrived)
        XCTAssertEqual(original.checkInvariants(), [])
    }
}
