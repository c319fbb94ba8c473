import FlowEngine
import FlowExperiments
import FlowScenario
import Foundation
import XCTest

/// `missing_middle` within a window: rejected twice and accepted by no team
/// within the stated time of referral.
final class MissingMiddleTests: XCTestCase {
    /// Each referral is rejected with probability 1/2 and re-referred after
    /// exactly 10 days, else accepted: the j-th rejection is at 10 (j - 1)
    /// days, acceptance after j rejections at 10 j days. Everyone is
    /// eventually accepted and leaves before the run ends.
    let team = """
        name: missing middle
        run: {duration: 600 days, replications: 4, seed: 41}
        sources:
          gp: {rate: 10 per day, limit: 2000, to: team}
        stations:
          team:
            capacity: infinite
            service: 1 h
            rules:
              - {decision: reject, reason: not_now, adherence: 0.5}
            on_reject: {re_refer: 1, after: {distribution: constant, value: 10 days}}
        """

    func count(within window: String?) throws -> [Double] {
        let text = window.map { team.replacingOccurrences(of: "sources:", with: "missing_middle: {within: \($0)}\nsources:") } ?? team
        let r = try simulate(try loadScenario(text))
        XCTAssertEqual(r.values("departures", station: "system"), [2000, 2000, 2000, 2000])
        return r.values("missing_middle", station: "system")
    }

    func testTheWindowDecidesWhoIsInTheMissingMiddle() throws {
        XCTAssertEqual(try count(within: nil), [0, 0, 0, 0], "by default only people never accepted count, and everyone is accepted in the end")
        XCTAssertEqual(try count(within: "5 days"), [0, 0, 0, 0], "the second rejection comes at 10 days")
        // Second rejection at 10 days, acceptance not before 20: everyone rejected twice or more, P = 1/4.
        let fifteen = try count(within: "15 days")
        // Within 25 days: the third rejection (at 20) comes before any acceptance (30 or later), P = 1/8.
        let twentyFive = try count(within: "25 days")
        for (counts, p) in [(fifteen, 0.25), (twentyFive, 0.125)] {
            let share = counts.reduce(0, +) / 8000
            let se = (p * (1 - p) / 8000).squareRoot()
            print("missing middle share \(share), expected \(p), z = \((share - p) / se)")
            XCTAssertLessThan(abs(share - p), 4 * se)
        }
        for k in 0..<4 { XCTAssertLessThanOrEqual(twentyFive[k], fifteen[k], "the same people, a longer window: fewer still unaccepted") }
    }
}
