import FlowDesign
import XCTest

/// Every form `flowsim sweep --param` accepts, and every way it refuses one.
final class ParameterParseTests: XCTestCase {
    func testRangesInferIntegerFromTheirLiterals() throws {
        let staff = try Parameter.parse("teams.cmht.staff=4..12")
        XCTAssertEqual(staff.name, "teams.cmht.staff")
        XCTAssertEqual(staff.lower, 4)
        XCTAssertEqual(staff.upper, 12)
        XCTAssertTrue(staff.isInteger)
        XCTAssertEqual(staff.distribution, .uniform)

        let x = try Parameter.parse(" x = 0.1 .. 0.5 ")
        XCTAssertEqual(x.name, "x")
        XCTAssertEqual(x.lower, 0.1)
        XCTAssertEqual(x.upper, 0.5)
        XCTAssertFalse(x.isInteger)

        let negative = try Parameter.parse("x=-3.5..3.5")
        XCTAssertEqual(negative.lower, -3.5)
        XCTAssertFalse(try Parameter.parse("x=4.0..12").isInteger, "a decimal point makes it real-valued")
        XCTAssertFalse(try Parameter.parse("x=4..12", integer: false).isInteger, "the caller may override")
        XCTAssertTrue(try Parameter.parse("x=0..1", integer: true).isInteger)
    }

    func testLevelsAndDistributions() throws {
        let levels = try Parameter.parse("x=8,4,6")
        XCTAssertEqual(levels.explicitLevels, [4, 6, 8])
        XCTAssertTrue(levels.isInteger)
        XCTAssertFalse(try Parameter.parse("x=0.5,1,2").isInteger)

        let tri = try Parameter.parse("x=triangular(1,2,4)")
        XCTAssertEqual(tri.lower, 1)
        XCTAssertEqual(tri.upper, 4)
        XCTAssertEqual(tri.distribution, .triangular(mode: 2))
        XCTAssertFalse(tri.isInteger, "distributions are real-valued unless the caller says otherwise")

        let normal = try Parameter.parse("x=normal(10, 2)")
        XCTAssertEqual(normal.distribution, .normal(mean: 10, sd: 2, truncated: false))
        XCTAssertEqual(normal.lower, 4)
        XCTAssertEqual(normal.upper, 16)

        let truncated = try Parameter.parse("x=Normal(10,2,5..15)")
        XCTAssertEqual(truncated.distribution, .normal(mean: 10, sd: 2, truncated: true))
        XCTAssertEqual(truncated.lower, 5)
        XCTAssertEqual(truncated.upper, 15)

        let uniform = try Parameter.parse("x=uniform(0,2)")
        XCTAssertEqual(uniform.distribution, .uniform)
        XCTAssertEqual(uniform.upper, 2)
    }

    /// (text, expected error, expected message) for every error the parser raises.
    func testEveryParseErrorNamesWhatWasFoundAndExpected() {
        let cases: [(String, ParameterError, String)] = [
            ("x", .missingEquals(text: "x"),
             "parameter 'x': expected name=range (for example x=1..5), found no '='"),
            ("=1..2", .emptyName(text: "=1..2"),
             "parameter '=1..2': expected a name before '=', found nothing"),
            ("x= ", .emptySpecification(name: "x"),
             "parameter 'x': expected a range (lo..hi), levels (a,b,c) or a distribution after '=', found nothing"),
            ("x=a..2", .notANumber(name: "x", found: "a"),
             "parameter 'x': expected a number, found 'a'"),
            ("x=1..2..3", .notANumber(name: "x", found: "2..3"),
             "parameter 'x': expected a number, found '2..3'"),
            ("x=4,", .notANumber(name: "x", found: ""),
             "parameter 'x': expected a number, found ''"),
            ("x=5", .unrecognisedSpecification(name: "x", found: "5"),
             "parameter 'x': expected lo..hi, levels a,b,c or a distribution such as triangular(lo,mode,hi), found '5'"),
            ("x=normal(1,2", .unrecognisedSpecification(name: "x", found: "normal(1,2"),
             "parameter 'x': expected lo..hi, levels a,b,c or a distribution such as triangular(lo,mode,hi), found 'normal(1,2'"),
            ("x=5..1", .reversedBounds(name: "x", lower: 5, upper: 1),
             "parameter 'x': expected lower bound < upper bound, found 5.0..1.0"),
            ("x=2..2", .reversedBounds(name: "x", lower: 2, upper: 2),
             "parameter 'x': expected lower bound < upper bound, found 2.0..2.0"),
            ("x=gamma(1,2)", .unknownDistribution(name: "x", found: "gamma"),
             "parameter 'x': unknown distribution 'gamma'; expected uniform(lo,hi), "
                + "triangular(lo,mode,hi) or normal(mean,sd) / normal(mean,sd,lo..hi)"),
            ("x=uniform(1)", .wrongArgumentCount(name: "x", distribution: "uniform", found: 1, expected: "2 (lower, upper)"),
             "parameter 'x': uniform takes 2 (lower, upper) arguments, found 1"),
            ("x=triangular(1,2)",
             .wrongArgumentCount(name: "x", distribution: "triangular", found: 2, expected: "3 (lower, mode, upper)"),
             "parameter 'x': triangular takes 3 (lower, mode, upper) arguments, found 2"),
            ("x=normal(1,2,3,4)",
             .wrongArgumentCount(
                name: "x", distribution: "normal", found: 4, expected: "2 (mean, sd) or 3 (mean, sd, lo..hi)"),
             "parameter 'x': normal takes 2 (mean, sd) or 3 (mean, sd, lo..hi) arguments, found 4"),
            ("x=triangular(1,5,4)", .modeOutsideBounds(name: "x", lower: 1, mode: 5, upper: 4),
             "parameter 'x': expected lower <= mode <= upper, found triangular(1.0,5.0,4.0)"),
            ("x=normal(1,0)", .nonPositiveStandardDeviation(name: "x", found: 0),
             "parameter 'x': expected a standard deviation > 0, found 0.0"),
            ("x=normal(1,-2,0..3)", .nonPositiveStandardDeviation(name: "x", found: -2),
             "parameter 'x': expected a standard deviation > 0, found -2.0"),
            ("x=normal(0,1,50..60)", .emptyTruncation(name: "x", lower: 50, upper: 60),
             "parameter 'x': the truncation interval 50.0..60.0 holds no probability of the normal distribution"),
            ("x=normal(0,1,5)", .unrecognisedSpecification(name: "x", found: "5"),
             "parameter 'x': expected lo..hi, levels a,b,c or a distribution such as triangular(lo,mode,hi), found '5'"),
            ("x=1,2,1", .duplicateLevel(name: "x", level: 1),
             "parameter 'x': expected distinct levels, found 1.0 twice"),
            ("x=inf..2", .nonFinite(name: "x", found: .infinity),
             "parameter 'x': expected a finite number, found inf"),
        ]
        for (text, error, message) in cases {
            XCTAssertThrowsError(try Parameter.parse(text), text) {
                XCTAssertEqual($0 as? ParameterError, error, text)
                XCTAssertEqual("\($0)", message, text)
            }
        }
        XCTAssertThrowsError(try Parameter.parse("x=0.5..3", integer: true)) {
            XCTAssertEqual($0 as? ParameterError, .nonIntegerValue(name: "x", found: 0.5))
        }
    }
}
