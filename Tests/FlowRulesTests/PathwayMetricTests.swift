import FlowEngine
import FlowExperiments
import FlowScenario
import Foundation
import XCTest

/// The documented metric names: each reads what it says, checked
/// against the metric it names or against the simulation's own state.
final class PathwayMetricTests: XCTestCase {
    /// A referral tag (no function), triage, assessment with rejections and
    /// re-referrals, treatment.
    let pathway = """
        name: pathway metrics
        run: {duration: 300 days, warm_up: 20 days, replications: 3, seed: 5}
        attributes:
          complexity: [1, 2, 3]
        standards: [2 weeks]
        sources:
          gp: {rate: 4 per day, to: referral, mix: {complexity: {1: 1, 2: 2, 3: 2}}}
        stations:
          referral: {capacity: infinite, service: {distribution: constant, value: 1 h}, routing: {spa: 1}}
          spa:
            function: triage
            capacity: 1
            service: {distribution: exponential, mean: 4 h}
            routing: {cmht_assessment: 1}
          cmht_assessment:
            function: assessment
            capacity: 3
            service: {distribution: exponential, mean: 0.6 days}
            rules:
              - {when: "complexity <= 1", decision: reject, reason: below_threshold}
            on_reject: {re_refer: 0.5, after: {distribution: exponential, mean: 10 days}}
            routing: {cmht_treatment: 0.7}
          cmht_treatment:
            function: treatment
            capacity: 12
            service: {distribution: exponential, mean: 5 days}
        """

    func testDocumentedNamesReadTheMetricsTheyName() throws {
        let r = try simulate(try loadScenario(pathway))
        let pairs = [("referrals", "arrivals"), ("waiting_list", "queue_length_mean"), ("caseload", "busy_servers_mean"),
                     ("discharges", "left_after_service")]
        for station in ["spa", "cmht_assessment", "cmht_treatment"] {
            for (name, same) in pairs {
                XCTAssertEqual(r.values(name, station: station), r.values(same, station: station), "\(name) at \(station)")
            }
        }
        XCTAssertGreaterThan(r.values("waiting_list", station: "cmht_assessment").reduce(0, +), 0)
        let reReferred = r.values("re_referrals", station: "cmht_assessment")
        let entered = r.values("arrivals", station: "system")
        let discharged = ["referral", "spa", "cmht_assessment", "cmht_treatment"].map { r.values("discharges", station: $0) }
        for k in 0..<3 {
            XCTAssertGreaterThan(reReferred[k], 10)
            XCTAssertEqual(r.values("referrals", station: "system")[k], entered[k] + reReferred[k], "new referrals plus re-referrals")
            XCTAssertEqual(r.values("discharges", station: "system")[k], discharged.reduce(0) { $0 + $1[k] })
        }
    }

    func testEndOfRunCountsAreTheStateAtTheEnd() throws {
        let s = try loadScenario(pathway)
        var sim = try NetworkSimulation(model: s.model, masterSeed: 3, replication: 0)
        sim.run()
        let result = sim.result()
        let keys = NetworkMetrics.keys(for: s.model)
        func value(_ metric: String, _ station: String) throws -> Double {
            result.values[try XCTUnwrap(keys.firstIndex(of: MetricKey(metric: metric, station: station)), metric)]
        }
        var waiting = 0
        for (i, st) in s.model.stations.enumerated() {
            XCTAssertEqual(try value("waiting_list_end", st.name), Double(sim.waiting(at: i)), st.name)
            XCTAssertEqual(try value("caseload_end", st.name), Double(sim.inService(at: i)), st.name)
            waiting += sim.waiting(at: i)
        }
        XCTAssertGreaterThan(try value("caseload_end", "cmht_treatment"), 0)
        XCTAssertEqual(try value("waiting_list_end", "system"), Double(waiting))
    }

    func testPathwayWaitsComeFromTheStationsFunctions() throws {
        let r = try simulate(try loadScenario(pathway))
        for k in 0..<3 {
            // First contact is at triage, after the hour at the referral tag (no function).
            XCTAssertGreaterThan(r.values("wait_first_contact_days", station: "system")[k], 1.0 / 24)
            for (kind, station) in [("assessment", "cmht_assessment"), ("treatment", "cmht_treatment")] {
                XCTAssertEqual(r.values("wait_\(kind)_days", station: "system")[k], r.values("wait_mean_days", station: station)[k],
                               accuracy: 1e-12, kind)
                XCTAssertEqual(r.values("wait_\(kind)_median_days", station: "system")[k], r.values("wait_median_days", station: station)[k])
                XCTAssertEqual(r.values("wait_\(kind)_p90_days", station: "system")[k], r.values("wait_p90_days", station: station)[k])
                XCTAssertEqual(r.values("wait_\(kind)_share_within_14_days", station: "system")[k],
                               r.values("wait_share_within_14_days", station: station)[k])
            }
        }
    }

    func testFirstContactIsTheFirstServiceAtAStationWithAFunction() throws {
        // Without re-referrals each person meets triage once: first contact = 1 h + triage wait.
        let text = pathway.replacingOccurrences(of: "re_refer: 0.5", with: "re_refer: 0")
        let r = try simulate(try loadScenario(text))
        for k in 0..<3 {
            XCTAssertEqual(r.values("wait_first_contact_days", station: "system")[k],
                           r.values("wait_mean_days", station: "spa")[k] + 1.0 / 24, accuracy: 1e-9)
            XCTAssertGreaterThan(r.values("wait_first_contact_p90_days", station: "system")[k],
                                 r.values("wait_first_contact_median_days", station: "system")[k])
        }
    }

    func testCrisesAreCountedByTheRouteTakenAndAEAttendancesByFunction() throws {
        let s = try loadScenario("""
            name: crisis routes
            run: {duration: 200 days, replications: 2, seed: 8}
            attributes:
              risk: [low, high]
            sources:
              gp: {rate: 3 per day, to: cmht, mix: {risk: {low: 1, high: 1}}}
              walk_in: {rate: 1 per day, to: ed}
            stations:
              cmht:
                capacity: 2
                service: {distribution: exponential, mean: 1 day}
                deterioration: {by: risk, time_to_crisis: {high: {distribution: exponential, mean: 5 days}}, routes: [haven, ed]}
              haven:
                function: crisis
                schedule: [{days: daily, from: "16:30", to: "23:30", capacity: 2}]
                service: 2 h
              ed: {function: ae, capacity: infinite, service: 4 h}
            """)
        let r = try simulate(s)
        let keys = NetworkMetrics.keys(for: s.model)
        XCTAssertEqual(keys.filter { $0.group.hasPrefix("route:") }.map(\.group), ["route:haven", "route:ed"])
        for k in 0..<2 {
            let crises = r.values("crises", station: "cmht")[k]
            let haven = r.values("crises", station: "system", group: "route:haven")[k]
            let ed = r.values("crises", station: "system", group: "route:ed")[k]
            XCTAssertGreaterThan(haven, 20)
            XCTAssertGreaterThan(ed, 20)
            XCTAssertEqual(r.values("crises", station: "system")[k], crises)
            XCTAssertEqual(haven + ed, crises, "every crisis takes one route")
            XCTAssertEqual(haven, r.values("arrivals", station: "haven")[k], "only crises reach the haven")
            XCTAssertEqual(r.values("ae_attendances", station: "system")[k], r.values("arrivals", station: "ed")[k])
            XCTAssertGreaterThan(r.values("arrivals", station: "ed")[k], ed, "walk-ins attend A&E too")
        }
    }
}
