import FlowEngine
import FlowExperiments
import FlowScenario
import Foundation
import XCTest

/// Out-of-area placements brought back when a local bed frees.
final class RepatriationTests: XCTestCase {
    /// Ten local beds offered 10 Erlangs (B(10, 10) ≈ 0.215 go out of area).
    let beds = """
        name: repatriation
        run: {duration: 400 days, warm_up: 60 days, replications: 4, seed: 21}
        sources:
          admissions: {rate: 0.5 per day, to: local_beds}
        stations:
          local_beds:
            function: bed
            capacity: 10
            queue_limit: 0
            overflow: out_of_area
            service: {distribution: lognormal, mean: 20 days, sd: 15 days}
          out_of_area:
            function: bed
            capacity: infinite
            service: {distribution: lognormal, mean: 20 days, sd: 15 days}
        """

    func testRepatriationCutsOutOfAreaBedDaysAndFillsLocalBeds() throws {
        let without = try simulate(try loadScenario(beds))
        let with = try simulate(try loadScenario(beds.replacingOccurrences(of: "    overflow: out_of_area", with: "    overflow: out_of_area\n    repatriate: true")))
        func mean(_ r: RunResults, _ metric: String, _ station: String = "system") -> Double {
            let v = r.values(metric, station: station)
            return v.reduce(0, +) / Double(v.count)
        }
        XCTAssertEqual(without.values("repatriations", station: "system"), [0, 0, 0, 0])
        XCTAssertEqual(with.values("repatriations", station: "system"), with.values("repatriations", station: "local_beds"))
        XCTAssertGreaterThan(mean(with, "repatriations"), 0.5 * mean(with, "oap_admissions"),
                             "most placements end in a local bed: one frees long before a 20-day stay ends")
        print("OAP bed days without / with repatriation: \(mean(without, "oap_bed_days")) / \(mean(with, "oap_bed_days"))")
        // Paired over replications (common random numbers): the fall is far beyond noise.
        let fall = zip(without.values("oap_bed_days", station: "system"), with.values("oap_bed_days", station: "system")).map { $0 - $1 }
        let m = fall.reduce(0, +) / Double(fall.count)
        let sd = (fall.map { ($0 - m) * ($0 - m) }.reduce(0, +) / Double(fall.count - 1)).squareRoot()
        XCTAssertGreaterThan(m, 4 * sd / Double(fall.count).squareRoot(), "OAP bed days fall with repatriation")
        XCTAssertGreaterThan(mean(with, "bed_occupancy"), mean(without, "bed_occupancy"))
        // Same arrivals (same streams): every admission is counted once, local or out of area.
        XCTAssertEqual(with.values("admissions", station: "system"), without.values("admissions", station: "system"))
    }

    func testNoLocalBedIsFreeWhileSomeoneIsPlacedOutOfAreaAndEveryoneIsAccountedFor() throws {
        let s = try loadScenario(beds.replacingOccurrences(of: "    overflow: out_of_area", with: "    overflow: out_of_area\n    repatriate: true"))
        var sim = try NetworkSimulation(model: s.model, masterSeed: 4, replication: 0)
        var placedSeen = 0, steps = 0
        while sim.step() && steps < 30_000 {
            steps += 1
            if sim.inService(at: 1) > 0 {
                placedSeen += 1
                XCTAssertEqual(sim.inService(at: 0), sim.capacity(at: 0), "a local bed is free while someone is out of area")
            }
            if steps % 20 == 0 { XCTAssertEqual(sim.checkInvariants(), []) }
        }
        XCTAssertGreaterThan(placedSeen, 100)
    }

    func testAnOutOfAreaUnitWithItsOwnQueueTakesTheNextWhenSomeoneIsBroughtBack() throws {
        // Three out-of-area beds with a queue: a repatriation frees one, and the next in line takes it.
        let text = beds.replacingOccurrences(of: "    overflow: out_of_area", with: "    overflow: out_of_area\n    repatriate: true")
            .replacingOccurrences(of: "    capacity: infinite", with: "    capacity: 3")
        let s = try loadScenario(text, overrides: ["sources.admissions.rate=0.7 per day"])
        var sim = try NetworkSimulation(model: s.model, masterSeed: 5, replication: 0)
        var queued = 0, steps = 0
        while sim.step() && steps < 20_000 {
            steps += 1
            if sim.waiting(at: 1) > 0 { queued += 1 }
            let problems = sim.checkInvariants()
            XCTAssertEqual(problems, [], "after event \(steps)")
            if !problems.isEmpty { break }
        }
        XCTAssertGreaterThan(queued, 100, "people queued for the out-of-area beds")
        XCTAssertGreaterThan(sim.result().values[NetworkMetrics.keys(for: s.model).firstIndex(of: MetricKey(metric: "repatriations", station: "system"))!], 10)
    }

    func testARepatriatedPersonKeepsTheRestOfTheirStay() throws {
        // Time from admission to leaving is the length of stay (mean 20 days) wherever it is spent.
        let r = try simulate(try loadScenario(beds.replacingOccurrences(of: "    overflow: out_of_area", with: "    overflow: out_of_area\n    repatriate: true")),
                             replications: 8)
        let v = r.values("time_in_system_mean_days", station: "system")
        let mean = v.reduce(0, +) / Double(v.count)
        let sd = (v.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(v.count - 1)).squareRoot()
        let se = sd / Double(v.count).squareRoot()
        print("time in beds with repatriation: \(mean) ± \(se), expected 20, z = \((mean - 20) / se)")
        XCTAssertLessThan(abs(mean - 20), 4 * se + 0.2)
        XCTAssertGreaterThan(r.values("repatriations", station: "system").reduce(0, +), 100)
    }
}
