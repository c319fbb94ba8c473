import FlowEngine
import FlowExperiments
import FlowScenario
import Foundation
import XCTest

/// Contacts during episodes that queue for a team's staff.
final class StaffContactTests: XCTestCase {
    /// 500 episodes of exactly 10 days; a contact of 1 h is due 2 days after
    /// the episode starts and 2 days after each contact ends.
    let episodes = """
        name: staff contacts
        run: {duration: 400 days, replications: 2, seed: 51}
        sources:
          gp: {rate: 5 per day, limit: 500, to: team}
        stations:
          team:
            function: treatment
            capacity: infinite
            service: 10 days
            contacts: {every: 2 days, length: 1 h, staff: STAFF}
        """

    func testWithAmpleStaffEveryEpisodeGetsItsContactsOnTime() throws {
        // Due at 2, 4 h 1, 6 h 2, 8 h 3 days; the fifth would be due after the episode ends.
        let r = try simulate(try loadScenario(episodes.replacingOccurrences(of: "STAFF", with: "1000")))
        XCTAssertEqual(r.values("contacts", station: "team"), [2000, 2000])
        XCTAssertEqual(r.values("contact_wait_mean_days", station: "team"), [0, 0])
        XCTAssertEqual(r.values("contact_hours", station: "team")[0], 2000, accuracy: 1e-9)
        XCTAssertEqual(r.values("staff_utilisation", station: "team")[0], 2000.0 / 24 / (1000 * 400), accuracy: 1e-12)
    }

    func testScarceStaffMakeFewerContactsAfterAWait() throws {
        let s = try loadScenario(episodes.replacingOccurrences(of: "STAFF", with: "1").replacingOccurrences(of: "length: 1 h", with: "length: 8 h"))
        let r = try simulate(s)
        for k in 0..<2 {
            XCTAssertGreaterThan(r.values("contact_wait_mean_days", station: "team")[k], 0.1)
            XCTAssertLessThan(r.values("contacts", station: "team")[k], 2000)
            XCTAssertEqual(r.values("contact_hours", station: "team")[k], 8 * r.values("contacts", station: "team")[k], accuracy: 1e-6)
        }
        var sim = try NetworkSimulation(model: s.model, masterSeed: 2, replication: 0)
        var steps = 0
        while sim.step() {
            steps += 1
            if steps % 10 == 0 { XCTAssertEqual(sim.checkInvariants(), []) }
        }
        XCTAssertGreaterThan(steps, 1500)
    }

    func testContactWaitsMatchPollaczekKhinchine() throws {
        // Episodes start as a Poisson stream (19.2 a day) and last 15 days; the one contact each
        // is due 10 days in (a shifted Poisson stream is Poisson), the next would be after the
        // episode: one member of staff, 1 h contacts, rho = 0.8: an M/D/1 queue, Wq = rho S / (2 (1 - rho)).
        let s = try loadScenario("""
            name: contacts M/D/1
            run: {duration: 220 days, warm_up: 20 days, replications: 6, seed: 52}
            sources:
              gp: {rate: 19.2 per day, to: team}
            stations:
              team:
                capacity: infinite
                service: 15 days
                contacts: {every: 10 days, length: 1 h, staff: 1}
            """)
        let r = try simulate(s)
        let w = r.values("contact_wait_mean_days", station: "team")
        let mean = w.reduce(0, +) / Double(w.count)
        let sd = (w.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(w.count - 1)).squareRoot()
        let se = sd / Double(w.count).squareRoot()
        let theory = 0.8 * (1.0 / 24) / (2 * 0.2)
        print("contact wait \(mean) ± \(se) days, M/D/1 \(theory), z = \((mean - theory) / se)")
        XCTAssertLessThan(abs(mean - theory), 4 * se)
        let u = r.values("staff_utilisation", station: "team")
        XCTAssertEqual(u.reduce(0, +) / Double(u.count), 0.8, accuracy: 0.02)
    }
}
