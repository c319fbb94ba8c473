import FlowEngine
import FlowReport
import Foundation
import XCTest

/// A report of a scenario with locality teams: the family names read as
/// "own locality", each copy is a team of its own, and the page is whole.
final class LocalityReportTests: XCTestCase {
    func testLocalityTeamsAreNamedAndReported() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("flowsim-localities-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("localities.yaml").path
        try """
            name: localities report
            run: {duration: 60 days, replications: 2, seed: 3}
            attributes:
              area: [north, south]
            groups: area
            localities: {by: area, teams: [team]}
            sources:
              gp: {rate: 10 per day, to: hub, mix: {area: {north: 1, south: 1}}}
            stations:
              hub:
                capacity: 2
                service: 20 min
                queue_limit: 5
                overflow: team
                decide: after_service
                rules:
                  - {decision: redirect, to: team, reason: secondary}
              team:
                capacity: 3
                service: {distribution: exponential, mean: 2 days}
                routing: {crisis: 0.1}
                deterioration: {by: area, time_to_crisis: {south: {distribution: exponential, mean: 20 days}}, routes: [crisis]}
              team_south: {capacity: 2}
              crisis:
                capacity: 1
                service: 1 day
                routing: {team: 0.5}
            """.write(toFile: path, atomically: true, encoding: .utf8)
        let r = try ReportFixture.render(path: path, replications: 2)
        XCTAssertEqual(r.scenario.model.stations.map(\.name), ["hub", "team_north", "team_south", "crisis"])
        let html = r.html
        XCTAssertTrue(html.contains("redirect to team (own locality)"), "a rule's locality team by its family name")
        XCTAssertTrue(html.contains("team (own locality) 50%"), "routing to a locality team")
        XCTAssertTrue(html.contains("team_north") && html.contains("team_south"), "each copy is a team")
        XCTAssertFalse(html.contains("redirect to exit"))
        XCTAssertEqual(occurrences(of: "<svg", in: html), occurrences(of: "</svg>", in: html))
        XCTAssertEqual(tagProblems(html), [])
        XCTAssertGreaterThan(r.results.values("crises", station: "team_south").reduce(0, +), 0)
        XCTAssertEqual(r.results.values("crises", station: "team_north").reduce(0, +), 0, "only south has a crisis hazard")
    }
}
