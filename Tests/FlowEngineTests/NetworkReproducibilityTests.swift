import CGSL
import FlowEngine
import XCTest

final class NetworkReproducibilityTests: XCTestCase {
    /// Three stations, one of which nobody reaches (its waits are NaN).
    private let model = NetworkModel(
        name: "repro",
        sources: [Source(name: "gp", arrivals: .poisson(ratePerDay: 2), route: Routing([(0, 0.7), (1, 0.3)])),
                  Source(name: "self", arrivals: .renewal(.uniform(min: 0.2, max: 1.2)), batch: .choice(values: [1, 2], weights: [3, 1]),
                         route: .to(1), priority: 1)],
        stations: [Station(name: "triage", capacity: .servers(1), service: .exponential(mean: 0.3), routing: Routing([(1, 0.5)])),
                   Station(name: "team", capacity: .servers(2), service: .lognormal(mean: 0.8, sd: 0.5), discipline: .priority,
                           patience: .exponential(mean: 3)),
                   Station(name: "unused", capacity: .servers(1), service: .constant(1))],
        duration: 300)

    private func values(_ model: NetworkModel, seed: UInt64, replication: Int = 0) throws -> ReplicationResult {
        var sim = try NetworkSimulation(model: model, masterSeed: seed, replication: replication)
        sim.run()
        return sim.result()
    }

    func testSameSeedGivesIdenticalResults() throws {
        let a = try values(model, seed: 42), b = try values(model, seed: 42)
        XCTAssertTrue(sameValues(a.values, b.values))
        XCTAssertEqual(a.values.map(\.bitPattern), b.values.map(\.bitPattern), "bit for bit, NaN included")
        XCTAssertEqual(a.events, b.events)
        XCTAssertEqual(a.values.map(\.isNaN), b.values.map(\.isNaN))
        XCTAssertTrue(a.values.contains { $0.isNaN }, "the unused station reports NaN waits")
        XCTAssertTrue(metric(a, model, "wait_mean_days", "unused").isNaN)
        XCTAssertEqual(metric(a, model, "arrivals", "unused"), 0)
    }

    func testDifferentSeedOrReplicationGivesDifferentResults() throws {
        let a = try values(model, seed: 42)
        let b = try values(model, seed: 43)
        let c = try values(model, seed: 42, replication: 1)
        XCTAssertFalse(sameValues(a.values, b.values))
        XCTAssertFalse(sameValues(a.values, c.values))
        XCTAssertNotEqual(metric(a, model, "arrivals"), metric(b, model, "arrivals"))
        XCTAssertEqual(c.replication, 1)
    }

    func testSteppingAgreesWithRun() throws {
        var stepped = try NetworkSimulation(model: model, masterSeed: 42, replication: 0)
        stepChecked(&stepped)
        XCTAssertTrue(sameValues(stepped.result().values, try values(model, seed: 42).values))
        assertConservation(stepped)
    }

    func testOtherGenerator() throws {
        var other = model
        other.generator = "ranlxd2"
        var sim = try NetworkSimulation(model: other, masterSeed: 42, replication: 0)
        stepChecked(&sim)
        XCTAssertFalse(sameValues(sim.result().values, try values(model, seed: 42).values))
        XCTAssertTrue(sameValues(sim.result().values, try values(other, seed: 42).values))
    }

    func testUnknownGeneratorThrows() {
        var bad = model
        bad.generator = "no-such-rng"
        XCTAssertThrowsError(try NetworkSimulation(model: bad, masterSeed: 1, replication: 0)) { error in
            XCTAssertEqual(error as? RandomStreamError, .unknownGenerator("no-such-rng"))
        }
    }

    /// Common random numbers: a variant that changes one station's capacity
    /// sees exactly the same system arrival times.
    func testChangingCapacityLeavesArrivalTimesUnchanged() throws {
        func arrivalTimes(_ m: NetworkModel) throws -> (times: [Double], result: ReplicationResult) {
            var sim = try NetworkSimulation(model: m, masterSeed: 7, replication: 3)
            var times: [Double] = []
            var previous = 0
            while sim.step() {
                if sim.systemArrivals > previous { times.append(sim.now) }
                previous = sim.systemArrivals
            }
            return (times, sim.result())
        }
        let base = try arrivalTimes(model)
        var variant = model
        variant.stations[1].capacity = .servers(4)
        let changed = try arrivalTimes(variant)
        var slower = model
        slower.stations[0].capacity = .servers(3)
        slower.stations[0].service = .exponential(mean: 0.9)
        let other = try arrivalTimes(slower)

        XCTAssertGreaterThan(base.times.count, 500)
        XCTAssertEqual(base.times, changed.times)
        XCTAssertEqual(base.times, other.times)
        XCTAssertNotEqual(metric(base.result, model, "wait_mean_days", "team"),
                          metric(changed.result, model, "wait_mean_days", "team"), "the variant does change the run")
        XCTAssertNotEqual(base.result.events, other.result.events)
    }

    func testMetricLayout() throws {
        for m in [model,
                  singleStation(Station(name: "only", capacity: .servers(1), service: .constant(0.1)), rate: 1, duration: 10),
                  NetworkModel(name: "empty", sources: [Source(name: "s", arrivals: .poisson(ratePerDay: 1), route: .leave)],
                               stations: [], duration: 10)] {
            var sim = try NetworkSimulation(model: m, masterSeed: 1, replication: 0)
            sim.run()
            let keys = NetworkMetrics.keys(for: m)
            XCTAssertEqual(sim.result().values.count, keys.count, m.name)
            XCTAssertEqual(Set(keys).count, keys.count, "keys are unique")
            // Every documented metric is there, for every station and for the system.
            var expected: [MetricKey] = []
            for st in m.stations {
                expected += NetworkMetrics.station.map { MetricKey(metric: $0.name, station: st.name) }
            }
            expected += NetworkMetrics.system.map { MetricKey(metric: $0.name, station: NetworkMetrics.systemLabel) }
            XCTAssertTrue(Set(expected).isSubset(of: Set(keys)), m.name)
            XCTAssertGreaterThanOrEqual(keys.count, expected.count)
        }
        let stationNames = NetworkMetrics.station.map(\.name), systemNames = NetworkMetrics.system.map(\.name)
        for name in ["arrivals", "served", "wait_mean_days", "wait_p90_days", "utilisation", "reneged", "balked", "overflowed"] {
            XCTAssertTrue(stationNames.contains(name), name)
        }
        for name in ["arrivals", "departures", "time_in_system_mean_days", "in_system_mean"] {
            XCTAssertTrue(systemNames.contains(name), name)
        }
        XCTAssertEqual(Set(stationNames).count, stationNames.count)
        XCTAssertTrue((NetworkMetrics.station + NetworkMetrics.system).allSatisfy { !$0.meaning.isEmpty })
    }

    func testLeavingStraightFromTheSource() throws {
        let m = NetworkModel(name: "empty", sources: [Source(name: "s", arrivals: .poisson(ratePerDay: 3), route: .leave)],
                             stations: [], duration: 100)
        var sim = try NetworkSimulation(model: m, masterSeed: 2, replication: 0)
        stepChecked(&sim)
        let r = sim.result()
        XCTAssertGreaterThan(metric(r, m, "arrivals"), 200)
        XCTAssertEqual(metric(r, m, "arrivals"), metric(r, m, "departures"))
        XCTAssertTrue(metric(r, m, "time_in_system_mean_days").isNaN, "nobody completed a service")
        XCTAssertEqual(metric(r, m, "in_system_mean"), 0)
    }

    /// After warm-up, counts and time averages cover [warmUp, duration] only.
    func testWarmUpResetsStatistics() throws {
        let m = singleStation(Station(name: "desk", capacity: .servers(1), service: .exponential(mean: 0.4)),
                              rate: 2, duration: 150, warmUp: 50)
        var sim = try NetworkSimulation(model: m, masterSeed: 3, replication: 0)
        var arrivalsAfter = 0, stationArrivalsAfter = 0
        var previousSystem = 0, previousStation = 0
        var queueArea = 0.0, busyArea = 0.0, presentArea = 0.0, lastTime = m.warmUp
        var waiting = 0, busy = 0, present = 0
        var completedTimes: [Double] = []
        let watcher = PeopleWatcher()
        stepChecked(&sim) { s in
            watcher.observe(s)
            if s.now > m.warmUp {
                queueArea += Double(waiting) * (s.now - lastTime)
                busyArea += Double(busy) * (s.now - lastTime)
                presentArea += Double(present) * (s.now - lastTime)
                lastTime = s.now
                arrivalsAfter += s.everArrivedInSystem - previousSystem
                stationArrivalsAfter += s.everArrived(at: 0) - previousStation
            }
            waiting = s.waiting(at: 0)
            busy = s.inService(at: 0)
            present = s.people.liveCount
            previousSystem = s.everArrivedInSystem
            previousStation = s.everArrived(at: 0)
        }
        for d in watcher.departures where d.time > m.warmUp { completedTimes.append(d.time - d.systemArrival) }
        queueArea += Double(waiting) * (m.duration - lastTime)
        busyArea += Double(busy) * (m.duration - lastTime)
        presentArea += Double(present) * (m.duration - lastTime)

        let r = sim.result()
        print("warm-up: \(sim.systemArrivals) arrivals after warm-up of \(sim.everArrivedInSystem) in all")
        XCTAssertLessThan(sim.systemArrivals, sim.everArrivedInSystem)
        XCTAssertGreaterThan(sim.everArrivedInSystem - sim.systemArrivals, 60, "about 100 arrived during warm-up")
        XCTAssertEqual(sim.systemArrivals, arrivalsAfter)
        XCTAssertEqual(metric(r, m, "arrivals"), Double(arrivalsAfter))
        XCTAssertEqual(metric(r, m, "arrivals", "desk"), Double(stationArrivalsAfter))
        XCTAssertLessThan(metric(r, m, "arrivals", "desk"), Double(sim.everArrived(at: 0)))
        XCTAssertEqual(metric(r, m, "throughput_per_day", "desk"), metric(r, m, "served", "desk") / 100, accuracy: 1e-12)
        XCTAssertEqual(metric(r, m, "queue_length_mean", "desk"), queueArea / 100, accuracy: 1e-9)
        XCTAssertEqual(metric(r, m, "busy_servers_mean", "desk"), busyArea / 100, accuracy: 1e-9)
        XCTAssertEqual(metric(r, m, "utilisation", "desk"), busyArea / 100, accuracy: 1e-9)
        XCTAssertEqual(metric(r, m, "in_system_mean"), presentArea / 100, accuracy: 1e-9)
        // Nobody is lost here, so every departure after warm-up completed a service.
        XCTAssertEqual(metric(r, m, "departures"), Double(completedTimes.count))
        let meanTime = completedTimes.reduce(0, +) / Double(completedTimes.count)
        XCTAssertEqual(metric(r, m, "time_in_system_mean_days"), meanTime, accuracy: 1e-9)
        let sorted = completedTimes.sorted()
        let p90 = sorted[Int((0.9 * Double(sorted.count)).rounded(.up)) - 1]
        XCTAssertEqual(metric(r, m, "time_in_system_p90_days"), p90, accuracy: max(1.0 / 86_400, 0.001 * p90))
    }

    // MARK: Thinning

    private func chiSquare(_ observed: [Int], _ expected: [Double]) -> Double {
        zip(observed, expected).reduce(0) { $0 + pow(Double($1.0) - $1.1, 2) / $1.1 }
    }

    func testThinningFollowsHourlyProfile() throws {
        // Closed 00-06, double 12-18, normal otherwise: mean multiplier 1.
        var hourly = Array(repeating: 1.0, count: 24)
        for h in 0..<6 { hourly[h] = 0 }
        for h in 12..<18 { hourly[h] = 2 }
        let profile = ArrivalProfile(hourly: hourly)
        XCTAssertEqual(profile.problems(), [])
        let m = NetworkModel(name: "thinning",
                             sources: [Source(name: "calls", arrivals: .profile(ratePerDay: 100, profile), route: .leave)],
                             stations: [], duration: 400)
        var sim = try NetworkSimulation(model: m, masterSeed: 4, replication: 0)
        var counts = Array(repeating: 0, count: 24)
        var previous = 0
        while sim.step() {
            if sim.systemArrivals > previous { counts[m.calendar.hourOfDay(sim.now)] += sim.systemArrivals - previous }
            previous = sim.systemArrivals
        }
        let total = counts.reduce(0, +)
        XCTAssertEqual(Double(total), 40_000, accuracy: 4 * 200, "rate 100 a day for 400 days")
        for h in 0..<6 { XCTAssertEqual(counts[h], 0, "no arrivals at \(h):00") }
        let open = Array(6..<24)
        let weight = open.reduce(0) { $0 + hourly[$1] }
        let statistic = chiSquare(open.map { counts[$0] }, open.map { Double(total) * hourly[$0] / weight })
        let critical = gsl_cdf_chisq_Pinv(0.999, Double(open.count - 1))
        print("thinning by hour: \(total) arrivals, chi-square \(statistic) on \(open.count - 1) df, 0.999 quantile \(critical)")
        XCTAssertEqual(critical, 40.79, accuracy: 0.01)
        XCTAssertLessThan(statistic, critical)
    }

    func testThinningFollowsWeeklyProfile() throws {
        let profile = ArrivalProfile(weekly: [1, 1, 1, 1, 2, 0, 0])   // busy Friday, closed at weekends
        let calendar = SimCalendar(year: 2025, month: 1, day: 8)       // Wednesday
        let m = NetworkModel(name: "thinning",
                             sources: [Source(name: "referrals", arrivals: .profile(ratePerDay: 40, profile), route: .leave)],
                             stations: [], duration: 280, calendar: calendar)
        var sim = try NetworkSimulation(model: m, masterSeed: 5, replication: 0)
        var counts = Array(repeating: 0, count: 7)
        var previous = 0
        while sim.step() {
            if sim.systemArrivals > previous { counts[calendar.dayOfWeek(sim.now)] += sim.systemArrivals - previous }
            previous = sim.systemArrivals
        }
        XCTAssertEqual(counts[5], 0, "Saturday")
        XCTAssertEqual(counts[6], 0, "Sunday")
        let total = counts.reduce(0, +)
        let statistic = chiSquare(Array(counts[0..<5]), [1, 1, 1, 1, 2].map { Double(total) * $0 / 6 })
        let critical = gsl_cdf_chisq_Pinv(0.999, 4)
        print("thinning by weekday: \(counts), chi-square \(statistic) on 4 df, 0.999 quantile \(critical)")
        XCTAssertLessThan(statistic, critical)
    }

    func testThinningFollowsMonthlyProfile() throws {
        var monthly = Array(repeating: 1.0, count: 12)
        monthly[1] = 0      // February
        monthly[11] = 3     // December
        let profile = ArrivalProfile(monthly: monthly)
        XCTAssertTrue(profile.isMonthly)
        let m = NetworkModel(name: "thinning",
                             sources: [Source(name: "referrals", arrivals: .profile(ratePerDay: 20, profile), route: .leave)],
                             stations: [], duration: 365)
        var sim = try NetworkSimulation(model: m, masterSeed: 6, replication: 0)
        var counts = Array(repeating: 0, count: 12)
        var previous = 0
        while sim.step() {
            if sim.systemArrivals > previous { counts[m.calendar.monthIndex(sim.now)] += sim.systemArrivals - previous }
            previous = sim.systemArrivals
        }
        XCTAssertEqual(counts[1], 0, "no arrivals in February")
        // Exposure: days of each month inside the run (it starts on 6 January).
        var days = Array(repeating: 0.0, count: 12)
        for d in 0..<365 { days[m.calendar.monthIndex(Double(d))] += 1 }
        let open = (0..<12).filter { monthly[$0] > 0 }
        let total = open.reduce(0) { $0 + counts[$1] }
        let weight = open.reduce(0.0) { $0 + days[$1] * monthly[$1] }
        let statistic = chiSquare(open.map { counts[$0] }, open.map { Double(total) * days[$0] * monthly[$0] / weight })
        let critical = gsl_cdf_chisq_Pinv(0.999, Double(open.count - 1))
        print("thinning by month: \(counts), chi-square \(statistic) on \(open.count - 1) df, 0.999 quantile \(critical)")
        XCTAssertLessThan(statistic, critical)
    }
}
