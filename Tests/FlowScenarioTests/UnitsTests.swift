import FlowScenario
import XCTest

/// Durations and rates with units, to days.
final class UnitsTests: ScenarioTestCase {
    func testEveryDurationUnit() {
        var names = 0
        for (unitNames, days) in Units.durationUnits {
            for name in unitNames {
                XCTAssertEqual(Units.duration("30 \(name)"), .success(30 * days), name)
                XCTAssertEqual(Units.duration("30\(name)"), .success(30 * days), "30\(name) without a space")
                XCTAssertEqual(Units.duration("0.5 \(name.uppercased())"), .success(0.5 * days), "units ignore case")
                XCTAssertEqual(Units.duration("\t2 \t \(name)  "), .success(2 * days), "spaces and tabs around")
                names += 1
            }
        }
        XCTAssertEqual(names, 29, "s, sec, secs, second(s), min(s), minute(s), h, hr(s), hour(s), d, day(s), w, wk(s), week(s), month(s), y, yr(s), year(s)")
    }

    func testUnitLengths() throws {
        func days(_ text: String) throws -> Double { try Units.duration(text).get() }
        XCTAssertEqual(try days("86400 s"), 1, accuracy: 1e-12)
        XCTAssertEqual(try days("1440 min"), 1, accuracy: 1e-12)
        XCTAssertEqual(try days("24 h"), 1, accuracy: 1e-12)
        XCTAssertEqual(try days("1 day"), 1)
        XCTAssertEqual(try days("2 weeks"), 14)
        XCTAssertEqual(try days("1 month"), 30.4375)
        XCTAssertEqual(try days("12 months"), 365.25)
        XCTAssertEqual(try days("1 year"), 365.25)
        XCTAssertEqual(try days("1.5 h"), hours(1.5))
        XCTAssertEqual(try days(".5 d"), 0.5)
    }

    func testDurationFailures() {
        XCTAssertEqual(Units.duration("30"), .failure(.missingUnit), "a bare number: the unit is never guessed")
        XCTAssertEqual(Units.duration("30 parsecs"), .failure(.unknownUnit("parsecs")))
        XCTAssertEqual(Units.duration("30parsecs"), .failure(.unknownUnit("parsecs")))
        XCTAssertEqual(Units.duration("min"), .failure(.notANumber("min")))
        XCTAssertEqual(Units.duration("thirty min"), .failure(.notANumber("thirty")))
        XCTAssertEqual(Units.duration(""), .failure(.malformed))
        XCTAssertEqual(Units.duration("   "), .failure(.malformed))
        XCTAssertEqual(Units.duration("30 min 5 s"), .failure(.malformed))
        XCTAssertEqual(Units.duration("30 per day"), .failure(.malformed))
        // Negative durations parse; the reader decides where they are allowed (nowhere).
        XCTAssertEqual(Units.duration("-5 min"), .success(minutes(-5)))
    }

    func testEveryRateUnit() {
        for (unitNames, days) in Units.durationUnits {
            for name in unitNames {
                XCTAssertEqual(Units.rate("12 per \(name)"), .success(12 / days), name)
                XCTAssertEqual(Units.rate("12/\(name)"), .success(12 / days), "12/\(name)")
                XCTAssertEqual(Units.rate("12 / \(name)"), .success(12 / days), "12 / \(name)")
                XCTAssertEqual(Units.rate("12 PER \(name.uppercased())"), .success(12 / days), name)
            }
        }
        XCTAssertEqual(try Units.rate("400 per month").get(), 400 / 30.4375)
        XCTAssertEqual(try Units.rate("0.5 per hour").get(), 12)
        XCTAssertEqual(try Units.rate("12per day").get(), 12)
    }

    func testRateFailures() {
        XCTAssertEqual(Units.rate("12"), .failure(.missingUnit))
        XCTAssertEqual(Units.rate("12 per"), .failure(.malformed))
        XCTAssertEqual(Units.rate("12 day"), .failure(.malformed))
        XCTAssertEqual(Units.rate("12 per day extra"), .failure(.malformed))
        XCTAssertEqual(Units.rate("12 per fortnight"), .failure(.unknownUnit("fortnight")))
        XCTAssertEqual(Units.rate("per day"), .failure(.notANumber("per")))
        XCTAssertEqual(Units.rate(""), .failure(.malformed))
        XCTAssertEqual(Units.rate("/day"), .failure(.notANumber("per")))
    }

    /// Durations must be >= 0 (and > 0 for run.duration), finite, with a
    /// unit, wherever the reader takes one.
    func testTheReaderRejectsBadDurations() throws {
        let valid = Self.valid
        let patience = "    routing: {nurse: 0.5}\n"
        for (bad, found) in [("30", "'30' with no unit"), ("30 parsecs", "unknown unit 'parsecs'"), ("-5 min", "'-5 min'"),
                             ("inf min", "'inf min'"), ("nan min", "'nan min'"), ("\"\"", "nothing")] {
            let all = try problems(valid.with(patience, patience + "    patience: \(bad)\n"))
            XCTAssertEqual(all.map(\.path), ["stations.desk.patience"], bad)
            XCTAssertTrue(all.first?.found.contains(found) ?? false, "\(all.first?.found ?? "") lacks \(found)")
            XCTAssertTrue(all.first?.expected.contains("unit") ?? false, bad)
        }
        for bad in ["0 min", "-1 day", "1e999 days"] {
            let all = try problems(valid.with("duration: 10 days", "duration: \(bad)"))
            XCTAssertEqual(all.map(\.path), ["run.duration"], bad)
            XCTAssertTrue(all.first?.expected.contains("a duration > 0") ?? false, bad)
        }
        XCTAssertEqual(try load(valid.with(patience, patience + "    patience: 0 min\n")).model.stations[0].patience, .constant(0),
                       "zero is a duration >= 0")
        XCTAssertEqual(try load(valid.with("duration: 10 days", "duration: 36h")).model.duration, 1.5)
    }

    func testTheReaderRejectsBadRates() throws {
        for bad in ["0 per day", "-1 per day", "inf per day", "nan per day", "12", "12 per parsec", "1 per 0 days"] {
            let all = try problems(Self.valid.with("rate: 12 per day", "rate: \(bad)"))
            XCTAssertEqual(all.map(\.path), ["sources.walk_in.rate"], bad)
        }
        XCTAssertEqual(try load(Self.valid.with("rate: 12 per day", "rate: 3/h")).model.sources[0].arrivals, .poisson(ratePerDay: 72))
    }
}
