import FlowStats
import XCTest

/// The replications advisor against the closed form and against its own
/// stopping rule, on normal data with a known standard deviation.
final class ReplicationAdvisorTests: XCTestCase {
    let target = PrecisionTarget(relativeHalfWidth: 0.05, confidence: 0.95, minimumReplications: 5)

    func normals(_ count: Int, mean: Double, sd: Double, seed: UInt64) -> [Double] {
        var rng = TestRandom(seed: seed)
        return (0..<count).map { _ in mean + sd * rng.normal() }
    }

    /// ⌈(t₍n−1₎ · s / (γ · |mean|))²⌉ evaluated at a given n.
    func closedForm(n: Int, mean: Double, sd: Double, target: PrecisionTarget) -> Int {
        let t = StudentT.quantile(0.5 + target.confidence / 2, degreesOfFreedom: Double(n - 1))
        let r = t * sd / (target.relativeHalfWidth * abs(mean))
        return Int((r * r).rounded(.up))
    }

    func testKnownSDMatchesTheClosedFormAndIsTheLeastSufficientN() throws {
        for (mean, sd) in [(100.0, 20.0), (-3.0, 0.9), (50.0, 4.0), (10.0, 8.0)] {
            let n = try XCTUnwrap(ReplicationAdvisor.requiredReplications(mean: mean, standardDeviation: sd, target: target))
            let fixedPoint = closedForm(n: n, mean: mean, sd: sd, target: target)
            print("mean \(mean), sd \(sd): n* \(n), closed form at n* \(fixedPoint)")
            XCTAssertLessThanOrEqual(abs(n - fixedPoint), 1, "mean \(mean), sd \(sd)")
            // The least n whose t interval is narrow enough, found by brute force.
            let brute = (2...100_000).first { k in
                let t = StudentT.quantile(0.975, degreesOfFreedom: Double(k - 1))
                return t * sd / Double(k).squareRoot() <= 0.05 * abs(mean)
            }
            let least = try XCTUnwrap(brute)
            XCTAssertEqual(max(5, least), n)
        }
        // 1.96² · 20² / 5² = 61.5; t adds a few replications at this size.
        let n = try XCTUnwrap(ReplicationAdvisor.requiredReplications(mean: 100, standardDeviation: 20, target: target))
        XCTAssertTrue((62...66).contains(n), "\(n)")
    }

    func testPilotEstimateMatchesTheClosedFormOnItsOwnEstimates() throws {
        for seed: UInt64 in 1...6 {
            let pilot = normals(20, mean: 100, sd: 20, seed: seed)
            let s = Summary(values: pilot)
            let n = try XCTUnwrap(ReplicationAdvisor.requiredReplications(pilot: pilot, target: target))
            XCTAssertLessThanOrEqual(abs(n - closedForm(n: n, mean: s.mean, sd: s.standardDeviation, target: target)), 1)
            // With the true sd the answer is about 64; a pilot of 20 estimates it loosely.
            XCTAssertTrue((25...160).contains(n), "seed \(seed): \(n)")
        }
    }

    func testSequentialProcedureStopsAtTheFirstNMeetingTheTarget() throws {
        for seed: UInt64 in 1...6 {
            let values = normals(1000, mean: 100, sd: 20, seed: seed)
            let stop = try XCTUnwrap(ReplicationAdvisor.sequentialStop(values, target: target))
            let at = Summary(values: Array(values.prefix(stop)))
            XCTAssertLessThanOrEqual(at.halfWidth / abs(at.mean), 0.05, "seed \(seed)")
            for k in target.minimumReplications..<stop {
                let s = Summary(values: Array(values.prefix(k)))
                XCTAssertGreaterThan(s.halfWidth / abs(s.mean), 0.05, "seed \(seed): met already at \(k)")
            }
            XCTAssertTrue((30...120).contains(stop), "seed \(seed): stopped at \(stop), n* is about 64")
        }
        XCTAssertNil(ReplicationAdvisor.sequentialStop(normals(10, mean: 100, sd: 20, seed: 9), target: target),
                     "ten replications are not enough for ±5%")
    }

    func testRunnerLoopReachesTheTarget() throws {
        let stream = normals(2000, mean: 100, sd: 20, seed: 42)
        var run = 5
        var rounds = 0
        while true {
            let advice = ReplicationAdvisor.advise(Array(stream.prefix(run)), target: target)
            XCTAssertEqual(advice.current, run)
            if advice.met {
                XCTAssertEqual(advice.additional, 0)
                XCTAssertLessThanOrEqual(advice.relativeHalfWidth, 0.05)
                break
            }
            let more = try XCTUnwrap(advice.additional)
            XCTAssertGreaterThanOrEqual(more, 1)
            run += more
            rounds += 1
            XCTAssertLessThan(rounds, 20, "the advisor should not creep")
            if rounds >= 20 { break }
        }
        print("target met after \(run) replications in \(rounds) rounds")
        XCTAssertTrue((30...200).contains(run), "\(run)")
        XCTAssertLessThanOrEqual(rounds, 6)
    }

    func testEdgeCases() {
        XCTAssertNil(ReplicationAdvisor.requiredReplications(mean: 0, standardDeviation: 1, target: target),
                     "no relative precision around a zero mean")
        XCTAssertNil(ReplicationAdvisor.requiredReplications(mean: .nan, standardDeviation: 1, target: target))
        XCTAssertEqual(ReplicationAdvisor.requiredReplications(mean: 3, standardDeviation: 0, target: target), 5)
        let zero = ReplicationAdvisor.advise([-1, 1, -1, 1, 0, 0], target: target)
        XCTAssertFalse(zero.met)
        XCTAssertNil(zero.additional)
        let constant = ReplicationAdvisor.advise([7, 7, 7, 7, 7], target: target)
        XCTAssertTrue(constant.met)
        XCTAssertEqual(constant.relativeHalfWidth, 0)
        let few = ReplicationAdvisor.advise([7, 7], target: target)
        XCTAssertFalse(few.met, "below the minimum")
        XCTAssertEqual(few.additional, 3)
        let withGaps = ReplicationAdvisor.advise([7, .nan, 7, 7, 7, 7], target: target)
        XCTAssertEqual(withGaps.current, 5, "replications that observed nothing are left out")
    }

    func testSeveralMetricsFollowTheMostDemanding() throws {
        let precise = normals(10, mean: 100, sd: 1, seed: 1)
        let loose = normals(10, mean: 100, sd: 30, seed: 2)
        let looser = normals(10, mean: 100, sd: 60, seed: 3)
        let one = ReplicationAdvisor.advise(looser, target: target)
        let all = try XCTUnwrap(ReplicationAdvisor.advise([precise, loose, looser], target: target))
        XCTAssertFalse(all.met)
        XCTAssertEqual(all, one)
        XCTAssertTrue(try XCTUnwrap(ReplicationAdvisor.advise([precise], target: target)).met)
        XCTAssertNil(ReplicationAdvisor.advise([[Double]](), target: target))
    }
}
