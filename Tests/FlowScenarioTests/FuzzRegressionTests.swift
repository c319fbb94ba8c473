import FlowEngine
import FlowScenario
import Foundation
import XCTest

/// Bugs the fuzz test found in Sources (crashes, hangs, wrong messages),
/// each kept as the regression test that shows it fixed.
final class FuzzRegressionTests: ScenarioTestCase {
    let valid = ScenarioTestCase.valid

    /// One replication, at most 2 days and 200,000 events.
    func runBriefly(_ s: Scenario) throws -> UInt64 {
        var model = s.model
        model.duration = min(model.duration, 2)
        var sim = try NetworkSimulation(model: model, masterSeed: 1, replication: 0)
        sim.run(until: { $0.eventsProcessed > 200_000 })
        _ = sim.result()
        return sim.eventsProcessed
    }

    // MARK: Crashes (Int conversions and overflow)

    /// Crash: WeeklySchedule.init sums overlapping capacities with `+`.
    func testOverlappingShiftsWithHugeCapacities() throws {
        let text = valid.with("    capacity: 2\n", """
                schedule:
                  - {days: daily, from: "08:00", to: "18:00", capacity: 9223372036854775807}
                  - {days: daily, from: "11:00", to: "15:00", capacity: 1}

            """)
        let all = try problems(text)
        XCTAssertTrue(all.contains { $0.path.hasPrefix("stations.nurse.schedule") }, "\(ScenarioError(all))")
    }

    /// Crash: `vacancy` converts Double(capacity) × (1 − rate) back to Int.
    func testVacancyOfACapacityNearIntMax() throws {
        let text = valid.with("capacity: 2", "capacity: 9223372036854775807\n    vacancy: 0")
        let all = try problems(text)
        XCTAssertTrue(all.contains { $0.path == "stations.nurse.capacity" || $0.path == "stations.nurse.vacancy" })
    }

    /// Crash: SimCalendar.daysFromCivil overflows for years beyond ~2.5e16.
    func testStartYearFarInTheFuture() throws {
        let text = valid.with("  duration: 10 days\n", "  duration: 10 days\n  start: 99999999999999999-01-01\n")
        try expectProblem(text, at: "99999999999999999-01-01", path: "run.start", expected: ["a date written YYYY-MM-DD"])
    }

    /// Crash: ExpressionParser.levelIndex does String(Int(v)) for any whole v.
    func testLevelNumberBeyondIntInAnInList() throws {
        let text = Self.withAttributes.with("    routing: {nurse: 0.5}\n", """
                routing: {nurse: 0.5}
                rules: [{when: "complexity in [99999999999999999999]", decision: reject, reason: r}]

            """)
        let all = try problems(text)
        XCTAssertEqual(all.map(\.path), ["stations.desk.rules[0].when"])
        XCTAssertTrue(all.first?.found.contains("not a level of complexity") ?? false)
    }

    /// Abort: Distribution.mean calls gsl_sf_gamma, which overflows for a
    /// weibull shape below ~1/170, and GSL's default handler aborts unless a
    /// RandomStream was made first (`flowsim check` makes none).
    func testWeibullInterarrivalWithATinyShape() throws {
        let text = valid.with("    rate: 12 per day\n", "    interarrival: {distribution: weibull, shape: 0.001, scale: 1 h}\n")
        if case .failed(let all) = LoadOutcome.load(path: try scratch.write("s.yaml", text)) {
            XCTAssertTrue(all.contains { $0.path.hasPrefix("sources.walk_in.interarrival") }, "\(ScenarioError(all))")
        }
    }

    /// Crash: sourceArrival does Int(batch.sample(...)); a lognormal whose sd
    /// dwarfs its mean samples NaN (sd² overflows) or values beyond Int.max.
    func testLognormalBatchWithAHugeSpread() throws {
        let text = valid.with("    to: desk\n", "    to: desk\n    batch: {distribution: lognormal, mean: 2, sd: 1e300}\n")
        switch LoadOutcome.load(path: try scratch.write("s.yaml", text)) {
        case .failed(let all): XCTAssertTrue(all.contains { $0.path.hasPrefix("sources.walk_in.batch") })
        case .loaded(let s): XCTAssertGreaterThan(try runBriefly(s), 0)
        }
    }

    /// Crash: Diary.book does Int(earliest − hour) for a lead time of 1e20 days.
    func testDiaryWithAHugeLeadTime() throws {
        let text = valid.with("    capacity: 2\n", "    diary: {slots: {weekdays: 4}, book_after: 99999999999999999999 days}\n")
        switch LoadOutcome.load(path: try scratch.write("s.yaml", text)) {
        case .failed(let all): XCTAssertTrue(all.contains { $0.path == "stations.nurse.diary.book_after" })
        case .loaded(let s): XCTAssertGreaterThan(try runBriefly(s), 0)
        }
    }

    /// Crash: NetworkMetrics.standardMetric does String(Int(days)).
    func testAHugeWaitingTimeStandard() throws {
        let text = valid.with("run:\n", "standards: [99999999999999999999 days]\nrun:\n")
        switch LoadOutcome.load(path: try scratch.write("s.yaml", text)) {
        case .failed(let all): XCTAssertTrue(all.contains { $0.path.hasPrefix("standards") })
        case .loaded(let s):
            XCTAssertGreaterThan(try runBriefly(s), 0)
            XCTAssertFalse(NetworkMetrics.keys(for: s.model).isEmpty)
        }
    }

    // MARK: Hangs (checked at load, so they cannot hang here)

    /// Hang: vacancy is applied to diary slots after the "no slots" check,
    /// so Diary.book can search for a free slot for ever.
    func testVacancyThatRemovesEveryDiarySlot() throws {
        let text = valid.with("    capacity: 2\n", "    diary: {slots: {mon: 1}}\n    vacancy: 0.6\n")
        let all = try problems(text)
        XCTAssertTrue(all.contains { $0.path.hasPrefix("stations.nurse") }, "\(ScenarioError(all))")
    }

    /// Hang: thinning draws candidates one by one inside a single event, so
    /// a huge rate with zero-rate hours never reaches the next event (the
    /// event cap of `run(until:)` cannot stop it).
    func testAstronomicRateWithAProfile() throws {
        let hourly = (0..<24).map { $0 < 8 ? "0" : "1" }.joined(separator: ", ")
        let text = valid.with("    rate: 12 per day\n", "    rate: 1000000000000 per day\n    profile: {hourly: [\(hourly)]}\n")
        let all = try problems(text)
        XCTAssertTrue(all.contains { $0.path.hasPrefix("sources.walk_in.rate") || $0.path.hasPrefix("sources.walk_in.profile") })
    }

    /// Silent nonsense: a lognormal whose sd² overflows samples NaN, and NaN
    /// event times end the run at once with no error.
    func testLognormalDurationWithAnOverflowingSpread() throws {
        let sd = "1" + String(repeating: "0", count: 160)
        let text = valid.with("service: 20 min", "service: {distribution: lognormal, mean: 1 h, sd: \(sd) h}")
        let all = try problems(text)
        XCTAssertEqual(all.first?.path.hasPrefix("stations.nurse.service"), true)
    }

    /// Hang: YNode.from expands every alias, so ten lines of nested aliases
    /// ("billion laughs") become 9^9 nodes and `flowsim check` never ends.
    func testAliasBombIsRefused() throws {
        var lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x]"]
        for i in 1...8 { lines.append("a\(i): &a\(i) [" + Array(repeating: "*a\(i - 1)", count: 9).joined(separator: ", ") + "]") }
        lines.append("name: *a8")
        let all = try problems(lines.joined(separator: "\n") + "\n")
        XCTAssertFalse(all.isEmpty)
    }

    // MARK: Messages and locations

    /// Yams rejects duplicate keys itself; the loader reports it at 1:1 with
    /// the whole file in `found`.
    func testDuplicateKeyIsLocated() throws {
        let text = valid.with("    capacity: 1\n", "    capacity: 1\n    capacity: 4\n")
        let all = try problems(text)
        XCTAssertEqual(all.count, 1)
        XCTAssertEqual(all.first?.line, 10, "the first occurrence (or 11, the second)")
        XCTAssertEqual(all.first?.column, 5)
        XCTAssertFalse(all.first?.found.contains("\n") ?? true, "one line, not the file")
    }

    /// Control characters are a YamlError.reader; the loader reports 1:1
    /// and a multi-line message instead of the offset's line and column.
    func testControlCharacterIsLocated() throws {
        let path = try scratch.write("control.yaml", "name: Test\u{1}\n")
        guard case .failed(let all) = LoadOutcome.load(path: path) else { return XCTFail("should fail") }
        XCTAssertEqual(all.first?.line, 1)
        XCTAssertEqual(all.first?.column, 11)
        XCTAssertFalse(all.first?.found.contains("\n") ?? true)
    }

    /// Units.split cuts "1e3" at its "e", so scientific notation is rejected.
    func testScientificNotation() {
        XCTAssertEqual(Units.duration("1e3 min"), .success(1000 * (1.0 / 1440)))
        XCTAssertEqual(Units.duration("2.5e-1 h"), .success(0.25 * (1.0 / 24)))
        XCTAssertEqual(Units.rate("1e3 per year"), .success(1000 / 365.25))
    }

    /// Suggestion accepts distance 2 for one-letter words, so "dya" suggests 'd'.
    func testSuggestionsPreferRealWords() throws {
        try expectProblem(valid.with("rate: 12 per day", "rate: 12 per dya"), at: "12 per dya", path: "sources.walk_in.rate",
                          expected: ["did you mean 'day'?"])
    }

    /// checkOverflowCycles prints the cycle from a sorted set, not in order.
    func testOverflowCycleIsPrintedInOrder() throws {
        let text = valid
            .with("    routing: {nurse: 0.5}\n", "    routing: {nurse: 0.5}\n    queue_limit: 2\n    overflow: nurse\n")
            + "    queue_limit: 2\n    overflow: desk\n"
        let all = try problems(text)
        XCTAssertEqual(all.first { $0.path == "stations.nurse.overflow" }?.found, "an overflow cycle (nurse → desk → nurse)")
    }

    /// A mix with an unknown level also reports "weights summing to 0".
    func testUnknownMixLevelIsReportedAlone() throws {
        let text = Self.withAttributes.with("    to: desk\n", "    to: desk\n    mix: {risk: {lo: 1}}\n")
        XCTAssertEqual(try problems(text).map(\.path), ["sources.walk_in.mix.risk.lo"])
    }

    /// A cycle of extends points at line 1 of the closing file, not at its `extends:`.
    func testExtendsCyclePointsAtTheExtendsLine() throws {
        let a = try scratch.write("a.yaml", "extends: b.yaml\nname: A\n")
        try scratch.write("b.yaml", "name: B\nextends: a.yaml\n")
        guard case .failed(let all) = LoadOutcome.load(path: a) else { return XCTFail("should fail") }
        XCTAssertEqual(all.first?.line, 2)
        XCTAssertEqual(all.first?.column, 10)
    }
}
