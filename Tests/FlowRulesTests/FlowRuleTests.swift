import FlowEngine
import FlowExperiments
import FlowScenario
import FlowStats
import Foundation
import XCTest

/// Formal and informal rules, access models and what follows a decision.
final class FlowRuleTests: XCTestCase {
    /// People tagged by source: every high-risk person passes `tag` first,
    /// so the number of high-risk referrals is known exactly.
    let tagged = """
        name: rule test
        run: {duration: 200 days, replications: 3, seed: 11}
        attributes:
          risk: [low, medium, high]
        sources:
          risky: {rate: 3 per day, to: tag, mix: {risk: {high: 1}}}
          others: {rate: 7 per day, to: desk, mix: {risk: {low: 2, medium: 1}}}
        stations:
          tag:
            capacity: infinite
            service: 0 min
            routing: {desk: 1}
          desk:
            capacity: 20
            service: {distribution: exponential, mean: 1 day}
            rules:
              - {when: "risk >= high", decision: reject, reason: too_risky}
        """

    func testFormalRuleRejectsExactlyThePeopleItMatches() throws {
        let results = try simulate(try loadScenario(tagged))
        let high = results.values("served", station: "tag")
        let rejected = results.values("rejected", station: "desk")
        let reason = results.values("reason:too_risky", station: "desk")
        let accepted = results.values("accepted", station: "desk")
        let arrivals = results.values("arrivals", station: "desk")
        for k in high.indices {
            XCTAssertGreaterThan(high[k], 100)
            XCTAssertEqual(rejected[k], high[k], "replication \(k): rejections equal high-risk referrals")
            XCTAssertEqual(reason[k], rejected[k], "the reason is recorded for each")
            XCTAssertEqual(accepted[k] + rejected[k], arrivals[k], "everyone else is accepted")
        }
        XCTAssertEqual(results.values("served", station: "desk").count, 3)
    }

    func testAdherenceAppliesTheRuleToTheStatedShare() throws {
        let text = tagged.replacingOccurrences(of: "reason: too_risky}", with: "reason: too_risky, adherence: 0.7}")
        let results = try simulate(try loadScenario(text, overrides: ["run.duration=600 days"]))
        let high = results.values("served", station: "tag").reduce(0, +)
        let rejected = results.values("rejected", station: "desk").reduce(0, +)
        let share = rejected / high
        let se = (0.7 * 0.3 / high).squareRoot()
        print("adherence 0.7: rejected share \(share), z = \((share - 0.7) / se)")
        XCTAssertLessThan(abs(share - 0.7), 4 * se)
    }

    func testRejectedPeopleAreReReferredAfterTheDelayWithTheStatedProbability() throws {
        let text = tagged + """

                on_reject: {re_refer: 0.4, after: {distribution: constant, value: 10 days}}
            """
        let s = try loadScenario(text, overrides: ["run.duration=400 days"])
        let results = try simulate(s)
        let rejected = results.values("rejected", station: "desk").reduce(0, +)
        let viaTag = results.values("served", station: "tag").reduce(0, +)
        let again = results.values("re_referrals", station: "desk").reduce(0, +)
        // Every high-risk referral, first or repeated, passes the tag station and is rejected.
        XCTAssertEqual(rejected, viaTag)
        // Those rejected in the last 10 days are re-referred after the run ends.
        let expected = 0.4 * (1 - 10.0 / 400)
        let share = again / rejected
        let se = (expected * (1 - expected) / rejected).squareRoot()
        print("re-referral share \(share), expected \(expected), z = \((share - expected) / se)")
        XCTAssertLessThan(abs(share - expected), 4 * se)
        // Re-referrals come back by the referrer's route: through the tag station again.
        let others = results.values("arrivals", station: "desk").reduce(0, +) - viaTag
        let firstTime = results.values("arrivals", station: "system").reduce(0, +) - others
        XCTAssertEqual(results.values("arrivals", station: "tag").reduce(0, +) - firstTime, again)
    }

    func testNoWrongDoorNeverReturnsAnyoneToTheReferrer() throws {
        let text = tagged.replacingOccurrences(of: "sources:", with: "access: {model: no_wrong_door, onward: navigator}\nsources:") + """

              navigator:
                capacity: 2
                service: {distribution: exponential, mean: 2 h}
                rules:
                  - {when: "risk == medium", decision: reject, reason: not_for_us}
            """
        let results = try simulate(try loadScenario(text))
        for station in ["desk", "navigator", "tag"] {
            XCTAssertEqual(results.values("rejected", station: station).reduce(0, +), 0, "\(station) bounced someone back")
            XCTAssertEqual(results.values("re_referrals", station: station).reduce(0, +), 0)
        }
        let redirected = results.values("redirected", station: "desk")
        XCTAssertEqual(redirected, results.values("served", station: "tag"), "every would-be rejection is passed on")
        XCTAssertEqual(results.values("arrivals", station: "navigator"), redirected)
    }

    func testSinglePointOfAccessSendsEveryRoutineReferralToTheHub() throws {
        let text = """
            name: spa
            run: {duration: 100 days, replications: 2, seed: 5}
            attributes:
              complexity: [1, 2, 3]
            access: {model: spa, hub: hub}
            sources:
              gp: {rate: 10 per day, to: cmht, mix: {complexity: {1: 1, 2: 1, 3: 1}}}
              line: {rate: 4 per day, to: crisis, direct: true}
            stations:
              hub:
                capacity: 3
                service: {distribution: exponential, mean: 30 min}
                decide: after_service
                rules:
                  - {when: "complexity <= 1", decision: signpost, reason: low_need}
                  - {decision: redirect, to: cmht, reason: secondary}
              cmht:
                capacity: 10
                service: {distribution: exponential, mean: 10 days}
              crisis:
                capacity: 2
                service: {distribution: exponential, mean: 4 h}
            """
        let spa = try simulate(try loadScenario(text))
        let nwd = try simulate(try loadScenario(text.replacingOccurrences(of: "access: {model: spa, hub: hub}", with: "")))
        // Common random numbers: the access model does not move a single arrival.
        XCTAssertEqual(spa.values("arrivals", station: "system"), nwd.values("arrivals", station: "system"))
        let hub = spa.values("arrivals", station: "hub")
        let crisis = spa.values("arrivals", station: "crisis")
        let system = spa.values("arrivals", station: "system")
        for k in hub.indices { XCTAssertEqual(hub[k] + crisis[k], system[k], "every non-direct referral meets the hub") }
        XCTAssertEqual(nwd.values("arrivals", station: "hub").reduce(0, +), 0)
        let signposted = spa.values("signposted", station: "hub").reduce(0, +)
        let share = signposted / hub.reduce(0, +)
        XCTAssertEqual(share, 1.0 / 3, accuracy: 0.03)
        XCTAssertEqual(spa.values("reason:secondary", station: "hub"), spa.values("redirected", station: "hub"))
    }

    func testAcceptanceFallsAsLoadRises() throws {
        let text = """
            name: acceptance
            run: {duration: 300 days, warm_up: 30 days, replications: 3, seed: 8}
            sources:
              gp: {rate: 4 per day, to: team}
            stations:
              team:
                capacity: 10
                service: {distribution: exponential, mean: 2 days}
                acceptance: {load: [0.5, 1.5], probability: [1, 0.2], reason: full}
            """
        var shares: [Double] = []
        for rate in ["2", "5", "10", "20"] {
            let r = try simulate(try loadScenario(text, overrides: ["sources.gp.rate=\(rate) per day"]))
            let accepted = r.values("accepted", station: "team").reduce(0, +)
            let arrivals = r.values("arrivals", station: "team").reduce(0, +)
            XCTAssertEqual(r.values("reason:full", station: "team"), r.values("rejected", station: "team"))
            shares.append(accepted / arrivals)
        }
        print("acceptance share by arrival rate 2, 5, 10, 20 per day: \(shares)")
        XCTAssertGreaterThan(shares[0], 0.97, "light load: nearly everyone accepted")
        for i in 1..<shares.count { XCTAssertLessThan(shares[i], shares[i - 1], "acceptance must fall as load rises") }
        XCTAssertLessThan(shares[3], 0.6)
    }

    func testBedsWithOutOfAreaOverflowMatchErlangB() throws {
        // 20 local beds, admissions 0.5 a day, lognormal stays of mean 33 days (offered load 16.5):
        // by insensitivity the share sent out of area is Erlang B(20, 16.5) whatever the stay distribution.
        let text = """
            name: beds
            run: {duration: 6000 days, warm_up: 300 days, replications: 12, seed: 21}
            sources:
              admissions: {rate: 0.5 per day, to: beds}
            stations:
              beds:
                function: bed
                capacity: 20
                service: {distribution: lognormal, mean: 33 days, sd: 33 days}
                queue_limit: 0
                overflow: out_of_area
              out_of_area:
                function: bed
                capacity: infinite
                service: {distribution: lognormal, mean: 40 days, sd: 30 days}
            """
        let r = try simulate(try loadScenario(text))
        let theory = erlangB(servers: 20, load: 0.5 * 33)
        let s = Summary(values: r.values("overflow_share", station: "beds"), confidence: 0.99)
        print("out-of-area share \(s.mean) ± \(s.halfWidth), Erlang B \(theory), z = \(s.zScore(of: theory))")
        XCTAssertTrue(s.contains(theory))
        XCTAssertEqual(r.values("overflowed", station: "beds"), r.values("arrivals", station: "out_of_area"))
        // Out-of-area bed days: mean occupancy of the out-of-area station × days observed.
        let occupied = Summary(values: r.values("busy_servers_mean", station: "out_of_area"))
        XCTAssertEqual(occupied.mean, 0.5 * theory * 40, accuracy: 0.5 * theory * 40 * 0.15)
        // The system's bed metrics are the same figures, read through the stations' functions.
        let days = 6000.0 - 300
        for k in 0..<12 {
            XCTAssertEqual(r.values("admissions", station: "system")[k], r.values("arrivals", station: "beds")[k])
            XCTAssertEqual(r.values("oap_admissions", station: "system")[k], r.values("overflowed", station: "beds")[k])
            XCTAssertEqual(r.values("oap_bed_days", station: "system")[k], r.values("busy_servers_mean", station: "out_of_area")[k] * days,
                           accuracy: 1e-6 * days)
            XCTAssertEqual(r.values("bed_occupancy", station: "system")[k], r.values("utilisation", station: "beds")[k], accuracy: 1e-12)
        }
    }

    func testZeroHazardGivesNoCrisesAndAHigherHazardMore() throws {
        let text = """
            name: hazard
            run: {duration: 200 days, warm_up: 20 days, replications: 3, seed: 4}
            attributes:
              risk: [low, high]
            sources:
              gp: {rate: 6 per day, to: team, mix: {risk: {low: 1, high: 1}}}
            stations:
              team:
                capacity: 5
                service: {distribution: exponential, mean: 1 day}
                deterioration:
                  by: risk
                  time_to_crisis: {high: {distribution: exponential, mean: MEAN}}
                  routes: [safe_haven, crisis_team]
              safe_haven:
                schedule: [{days: daily, from: "16:30", to: "23:30", capacity: 2}]
                service: {distribution: exponential, mean: 2 h}
              crisis_team:
                capacity: 3
                service: {distribution: exponential, mean: 6 h}
            """
        let none = try simulate(try loadScenario(text.replacingOccurrences(of: "time_to_crisis: {high: {distribution: exponential, mean: MEAN}}", with: "time_to_crisis: {}")))
        XCTAssertEqual(none.values("crises", station: "team").reduce(0, +), 0)
        XCTAssertEqual(none.values("arrivals", station: "safe_haven").reduce(0, +), 0)
        var counts: [Double] = []
        for mean in ["60 days", "10 days", "2 days"] {
            let r = try simulate(try loadScenario(text.replacingOccurrences(of: "MEAN", with: mean)))
            let crises = r.values("crises", station: "team").reduce(0, +)
            let haven: Double = r.values("arrivals", station: "safe_haven").reduce(0, +)
            let team: Double = r.values("arrivals", station: "crisis_team").reduce(0, +)
            XCTAssertEqual(crises, haven + team, "every crisis takes a route")
            counts.append(crises)
        }
        print("crises for mean time to crisis 60, 10, 2 days: \(counts)")
        XCTAssertGreaterThan(counts[0], 0)
        XCTAssertLessThan(counts[0], counts[1])
        XCTAssertLessThan(counts[1], counts[2])
    }

    func testCrisisRoutesTakeTheFirstOpenService() throws {
        var s = try loadScenario("""
            name: routes
            run: {duration: 60 days, replications: 1, seed: 2}
            attributes:
              risk: [high]
            sources:
              gp: {rate: 30 per day, to: team}
            stations:
              team:
                capacity: 1
                service: {distribution: exponential, mean: 1 day}
                deterioration: {by: risk, time_to_crisis: {high: {distribution: exponential, mean: 1 day}}, routes: [haven, ae]}
              haven:
                schedule: [{days: daily, from: "16:30", to: "23:30", capacity: 1}]
                service: 1 min
              ae:
                capacity: infinite
                service: 1 min
            """).model
        s.warmUp = 0
        var sim = try NetworkSimulation(model: s, masterSeed: 1, replication: 0)
        let haven = s.stations.firstIndex { $0.name == "haven" }!, ae = s.stations.firstIndex { $0.name == "ae" }!
        var seenHaven = 0, seenAE = 0
        while sim.step() {
            let h = sim.everArrived(at: haven), a = sim.everArrived(at: ae)
            let hour = (sim.now - sim.now.rounded(.down)) * 24
            if h > seenHaven {
                XCTAssertTrue(hour >= 16.5 - 1e-9 && hour < 23.5 + 1e-9, "haven used at hour \(hour) while closed")
            }
            if a > seenAE {
                XCTAssertTrue(hour < 16.5 || hour >= 23.5 - 1e-9, "A&E used at hour \(hour) while the haven was open")
            }
            seenHaven = h
            seenAE = a
            XCTAssertEqual(sim.checkInvariants(), [])
        }
        XCTAssertGreaterThan(seenHaven, 10)
        XCTAssertGreaterThan(seenAE, 10)
    }

    func testCrisisAfterRejectionComesBeforeTheReReferralAtTheStatedRate() throws {
        // Rejected high-risk people are re-referred after exactly 30 days unless a crisis
        // (exponential, mean 10 days) comes first: P(crisis first) = 1 - exp(-3).
        let text = tagged.replacingOccurrences(of: "stations:", with: "stations:\n  crisis: {capacity: infinite, service: 1 h}") + """

                on_reject: {re_refer: 1, after: {distribution: constant, value: 30 days}}
                deterioration: {by: risk, time_to_crisis: {high: {distribution: exponential, mean: 10 days}}, routes: [crisis]}
            """
        let s = try loadScenario(text, overrides: ["run.duration=600 days"])
        let r = try simulate(s)
        let crises = r.values("crises_after_rejection", station: "desk").reduce(0, +)
        let again = r.values("re_referrals", station: "desk").reduce(0, +)
        let share = crises / (crises + again)
        let expected = 1 - exp(-3.0)
        let se = (expected * (1 - expected) / (crises + again)).squareRoot()
        print("crisis before re-referral: \(share), expected \(expected), z = \((share - expected) / se)")
        XCTAssertLessThan(abs(share - expected), 4 * se)
        XCTAssertEqual(r.values("arrivals", station: "crisis").reduce(0, +), crises, "each such crisis takes the crisis route")
        var sim = try NetworkSimulation(model: s.model, masterSeed: 2, replication: 0)
        var steps = 0
        while sim.step() && steps < 20_000 {
            steps += 1
            if steps % 50 == 0 { XCTAssertEqual(sim.checkInvariants(), []) }
        }
    }

    func testCostsAddUp() throws {
        let s = try loadScenario("""
            name: costs
            run: {duration: 100 days, warm_up: 10 days, replications: 2, seed: 6}
            sources:
              gp: {rate: 5 per day, to: team}
            stations:
              team:
                capacity: 8
                service: {distribution: exponential, mean: 1 day}
                contacts: {every: 2 days, length: 30 min}
                routing: {beds: 0.1}
                costs: {per_arrival: 10, per_service: 100, per_day_in_service: 7, per_server_day: 50, per_contact: 20}
              beds:
                capacity: infinite
                service: {distribution: exponential, mean: 5 days}
                costs: {per_day_in_service: 400}
            """)
        let r = try simulate(s)
        let days = 90.0
        for k in 0..<2 {
            func v(_ m: String, _ st: String) -> Double { r.values(m, station: st)[k] }
            let busyDays = v("busy_servers_mean", "team") * days
            let contacts = busyDays / 2
            XCTAssertEqual(v("contacts", "team"), contacts, accuracy: 1e-6 * contacts)
            XCTAssertEqual(v("contact_hours", "team"), contacts * 0.5, accuracy: 1e-6 * contacts)
            let team = 10 * v("arrivals", "team") + 100 * v("served", "team") + 7 * busyDays + 50 * 8 * days + 20 * contacts
            XCTAssertEqual(v("cost", "team"), team, accuracy: 1e-6 * team)
            let beds = 400 * v("busy_servers_mean", "beds") * days
            XCTAssertEqual(v("cost", "beds"), beds, accuracy: 1e-6 * beds)
            XCTAssertEqual(v("cost", "system"), team + beds, accuracy: 1e-6 * (team + beds), "the system's cost is the sum of the stations'")
        }
    }
}
