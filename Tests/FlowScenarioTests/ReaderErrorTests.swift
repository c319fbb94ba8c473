import FlowEngine
import FlowScenario
import XCTest

/// Every problem the reader reports about the top level, `run`, sources,
/// stations, schedules and routing: where it points and what it says.
final class ReaderErrorTests: ScenarioTestCase {
    let valid = ScenarioTestCase.valid

    func testTheBaseScenarioIsValid() throws {
        let s = try load(valid)
        XCTAssertEqual(s.name, "Test")
        XCTAssertEqual(s.model.duration, 10)
        XCTAssertEqual(s.model.stations.map(\.name), ["desk", "nurse"])
        XCTAssertEqual(s.model.stations[0].capacity, .servers(1))
        XCTAssertEqual(s.model.stations[0].service, .exponential(mean: minutes(30)))
        XCTAssertEqual(s.model.stations[1].service, .constant(minutes(20)))
        XCTAssertEqual(s.model.stations[0].routing, Routing([(1, 0.5)]))
        XCTAssertEqual(s.model.sources[0].arrivals, .poisson(ratePerDay: 12))
        XCTAssertEqual(s.replications, 10)
        XCTAssertEqual(s.seed, 1)
        XCTAssertEqual(s.model.generator, "mt19937")
        XCTAssertEqual(s.model.calendar, .standard)
    }

    // MARK: Top level

    func testUnknownTopLevelKeySuggestsTheNearest() throws {
        try expectProblem(valid.with("name: Test\n", "name: Test\ndescripton: typo\n"), at: "descripton", path: "descripton",
                          found: ["unknown key 'descripton'"], expected: ["one of name, description", "did you mean 'description'?"])
    }

    func testUnknownKeyFarFromEveryKeyHasNoSuggestion() throws {
        let p = try expectProblem(valid.with("name: Test\n", "name: Test\nzzzzzz: 1\n"), at: "zzzzzz", path: "zzzzzz",
                                  found: ["unknown key 'zzzzzz'"], expected: ["one of name"])
        XCTAssertFalse(p?.expected.contains("did you mean") ?? true)
    }

    func testMissingName() throws {
        try expectProblem(valid.with("name: Test\n", ""), at: "run:", path: "name",
                          found: ["nothing (the key is missing)"], expected: ["a scenario name"])
    }

    func testMissingRun() throws {
        try expectProblem(valid.with("run:\n  duration: 10 days\n", ""), at: "name: Test", path: "run",
                          found: ["nothing (the key is missing)"], expected: ["a run mapping"])
    }

    func testMissingSources() throws {
        try expectProblem(valid.with("sources:\n  walk_in:\n    rate: 12 per day\n    to: desk\n", ""), at: "name: Test",
                          path: "sources", found: ["nothing (the key is missing)"], expected: ["a mapping of source names"])
    }

    func testMissingStationsAlsoLeavesTheSourceWithoutItsStation() throws {
        let text = String(valid[..<valid.range(of: "stations:")!.lowerBound])
        let all = try problems(text)
        XCTAssertEqual(all.map(\.path), ["stations", "sources.walk_in.to"])
        try expectProblem(text, at: "name: Test", path: "stations", found: ["nothing (the key is missing)"],
                          expected: ["a mapping of station names to stations"], among: true)
        try expectProblem(text, at: "desk", path: "sources.walk_in.to", found: ["undefined station 'desk'"], among: true)
    }

    func testWrongTypesAtTheTopLevel() throws {
        try expectProblem(valid.with("name: Test", "name: [a, b]"), at: "[a, b]", path: "name",
                          found: ["a list"], expected: ["a text"])
        try expectProblem(valid.with("name: Test\n", "name: Test\ndescription: {a: 1}\n"), at: "{a: 1}", path: "description",
                          found: ["a mapping"], expected: ["a text"])
        try expectProblem(valid.with("run:\n  duration: 10 days", "run: 10 days"), at: "10 days", path: "run",
                          found: ["'10 days'"], expected: ["a run mapping with at least duration"])
        try expectProblem(valid.with("sources:\n  walk_in:\n    rate: 12 per day\n    to: desk", "sources: many"),
                          at: "many", path: "sources", found: ["'many'"], expected: ["a mapping of source names to arrival streams"])
        try expectProblem(valid.with("name: Test", "name: ~"), at: "~", path: "name", found: ["nothing"], expected: ["a text"])
    }

    func testStationsAsAListOrEmpty() throws {
        let stations = String(valid[valid.range(of: "stations:")!.lowerBound...])
        let list = valid.with(stations, "stations: [desk, nurse]\n")
        try expectProblem(list, at: "[desk", path: "stations", found: ["a list"],
                          expected: ["a mapping of station names to stations"], among: true)
        XCTAssertEqual(try problems(list).count, 2, "the source's station is undefined too")
        let empty = valid.with(stations, "stations: {}\n")
        try expectProblem(empty, at: "{}", path: "stations", found: ["no stations"], expected: ["at least one station"], among: true)
    }

    func testEmptySources() throws {
        try expectProblem(valid.with("sources:\n  walk_in:\n    rate: 12 per day\n    to: desk", "sources: {}"), at: "{}",
                          path: "sources", found: ["no sources"], expected: ["at least one source"])
    }

    // MARK: run

    func testUnknownRunKey() throws {
        try expectProblem(valid.with("  duration: 10 days\n", "  duration: 10 days\n  warmup: 1 day\n"), at: "warmup",
                          path: "run.warmup", found: ["unknown key 'warmup'"], expected: ["did you mean 'warm_up'?"])
    }

    func testMissingDuration() throws {
        try expectProblem(valid.with("  duration: 10 days\n", "  replications: 3\n"), at: "replications", path: "run.duration",
                          found: ["nothing (the key is missing)"], expected: ["a duration > 0"])
    }

    func testBareNumberWhereADurationIsExpected() throws {
        try expectProblem(valid.with("duration: 10 days", "duration: 1000"), at: "1000", path: "run.duration",
                          found: ["'1000' with no unit"], expected: ["a duration > 0 with a unit", "\"30 min\""])
    }

    func testZeroDuration() throws {
        try expectProblem(valid.with("duration: 10 days", "duration: 0 days"), at: "0 days", path: "run.duration",
                          found: ["'0 days'"], expected: ["a duration > 0"])
    }

    func testUnknownUnitWithAndWithoutAHint() throws {
        let far = try expectProblem(valid.with("duration: 10 days", "duration: 10 parsecs"), at: "10 parsecs",
                                    path: "run.duration", found: ["unknown unit 'parsecs' in '10 parsecs'"],
                                    expected: ["a unit such as min, h, days, weeks, months, years"])
        XCTAssertFalse(far?.expected.contains("did you mean") ?? true)
        try expectProblem(valid.with("duration: 10 days", "duration: 10 dayz"), at: "10 dayz", path: "run.duration",
                          found: ["unknown unit 'dayz'"], expected: ["did you mean 'day'?"])
    }

    func testNegativeWarmUp() throws {
        try expectProblem(valid.with("  duration: 10 days\n", "  duration: 10 days\n  warm_up: -5 min\n"), at: "-5 min",
                          path: "run.warm_up", found: ["'-5 min'"], expected: ["a duration >= 0"])
    }

    func testWarmUpNotShorterThanTheRun() throws {
        let text = valid.with("  duration: 10 days\n", "  duration: 10 days\n  warm_up: 240 h\n")
        try expectProblem(text, at: "240 h", path: "run.warm_up", found: ["'240 h'"], expected: ["a warm-up shorter than run.duration"])
        XCTAssertNoThrow(try load(valid.with("  duration: 10 days\n", "  duration: 10 days\n  warm_up: 239 h\n")))
    }

    func testReplicationsAndSeed() throws {
        let run = "  duration: 10 days\n"
        try expectProblem(valid.with(run, run + "  replications: 0\n"), at: "0", within: "replications: 0", path: "run.replications",
                          found: ["'0'"], expected: ["an integer >= 1"])
        try expectProblem(valid.with(run, run + "  replications: many\n"), at: "many", path: "run.replications",
                          found: ["'many'"], expected: ["an integer >= 1"])
        try expectProblem(valid.with(run, run + "  seed: -1\n"), at: "-1", path: "run.seed", found: ["'-1'"],
                          expected: ["an integer >= 0"])
        try expectProblem(valid.with(run, run + "  seed: 1.5\n"), at: "1.5", path: "run.seed", expected: ["an integer >= 0"])
        try expectProblem(valid.with(run, run + "  seed: 99999999999999999999\n"), at: "9999", path: "run.seed",
                          expected: ["an integer >= 0"])
        let s = try load(valid.with(run, run + "  replications: 3\n  seed: 1_000\n"))
        XCTAssertEqual(s.replications, 3)
        XCTAssertEqual(s.seed, 1000)
    }

    func testUnknownGenerator() throws {
        XCTAssertTrue(RandomStream.availableGenerators.contains("mt19937"))
        let run = "  duration: 10 days\n"
        try expectProblem(valid.with(run, run + "  generator: mt19973\n"), at: "mt19973", path: "run.generator",
                          found: ["unknown generator 'mt19973'"], expected: ["a GSL generator name", "did you mean 'mt19937'?"])
        XCTAssertEqual(try load(valid.with(run, run + "  generator: taus2\n")).model.generator, "taus2")
    }

    func testBadStartDate() throws {
        let run = "  duration: 10 days\n"
        for bad in ["2025-02-30", "2025-13-01", "next monday", "2025-01"] {
            try expectProblem(valid.with(run, run + "  start: \(bad)\n"), at: bad, path: "run.start", found: ["'\(bad)'"],
                              expected: ["a date written YYYY-MM-DD"])
        }
        let s = try load(valid.with(run, run + "  start: 2024-02-29\n"))
        XCTAssertEqual(s.model.calendar, SimCalendar(year: 2024, month: 2, day: 29))
    }

    // MARK: Stations

    func testReservedStationNames() throws {
        for reserved in ["system", "exit", "lost", "infinite"] {
            try expectProblem(valid + "  \(reserved):\n    capacity: 1\n    service: 5 min\n", at: "\(reserved):",
                              path: "stations.\(reserved)", found: ["the reserved name '\(reserved)'"],
                              expected: ["a station name other than system, exit, lost, infinite"])
        }
    }

    func testStationNotAMapping() throws {
        try expectProblem(valid.with("  nurse:\n    capacity: 2\n    service: 20 min\n", "  nurse: big\n"), at: "big",
                          path: "stations.nurse", found: ["'big'"], expected: ["a station mapping with capacity and service"])
    }

    func testUnknownStationKey() throws {
        try expectProblem(valid.with("    capacity: 2\n", "    capacity: 2\n    queue_limt: 3\n"), at: "queue_limt",
                          path: "stations.nurse.queue_limt", found: ["unknown key 'queue_limt'"],
                          expected: ["one of capacity, schedule, service", "did you mean 'queue_limit'?"])
    }

    func testBadCapacity() throws {
        for (bad, summary) in [("lots", "'lots'"), ("-1", "'-1'"), ("1.5", "'1.5'"), ("{n: 1}", "a mapping"), ("[1]", "a list")] {
            try expectProblem(valid.with("capacity: 2", "capacity: \(bad)"), at: bad, path: "stations.nurse.capacity",
                              found: [summary], expected: ["an integer >= 0 or \"infinite\""])
        }
        XCTAssertEqual(try load(valid.with("capacity: 2", "capacity: infinite")).model.stations[1].capacity, .infinite)
        XCTAssertEqual(try load(valid.with("capacity: 2", "capacity: 0")).model.stations[1].capacity, .servers(0))
    }

    func testBothCapacityAndSchedule() throws {
        let text = valid.with("capacity: 1\n", "capacity: 7\n    schedule: [{days: daily, from: \"08:00\", to: \"18:00\", capacity: 3}]\n")
        try expectProblem(text, at: "7", path: "stations.desk.capacity", found: ["both capacity and schedule"],
                          expected: ["exactly one of them"])
    }

    func testNeitherCapacityNorSchedule() throws {
        try expectProblem(valid.with("    capacity: 2\n", ""), at: "service: 20 min", path: "stations.nurse.capacity",
                          found: ["nothing (the key is missing)"], expected: ["a number of servers, \"infinite\", a schedule"])
    }

    func testMissingService() throws {
        try expectProblem(valid.with("    service: 20 min\n", ""), at: "capacity: 2", path: "stations.nurse.service",
                          found: ["nothing (the key is missing)"], expected: ["a service time distribution"])
    }

    func testBadDiscipline() throws {
        try expectProblem(valid.with("capacity: 2\n", "capacity: 2\n    discipline: lifo\n"), at: "lifo",
                          path: "stations.nurse.discipline", found: ["'lifo'"], expected: ["fifo or priority", "did you mean 'fifo'?"])
        try expectProblem(valid.with("capacity: 2\n", "capacity: 2\n    discipline: [fifo]\n"), at: "[fifo]",
                          path: "stations.nurse.discipline", found: ["a list"], expected: ["fifo or priority"])
        XCTAssertEqual(try load(valid.with("capacity: 2\n", "capacity: 2\n    discipline: priority\n")).model.stations[1].discipline,
                       .priority)
    }

    func testBadQueueLimit() throws {
        try expectProblem(valid.with("capacity: 2\n", "capacity: 2\n    queue_limit: -1\n"), at: "-1",
                          path: "stations.nurse.queue_limit", found: ["'-1'"], expected: ["an integer >= 0 (places to wait"])
    }

    func testOverflowWithoutQueueLimit() throws {
        try expectProblem(valid + "    overflow: lost\n", at: "lost", path: "stations.nurse.overflow",
                          found: ["overflow without queue_limit"], expected: ["queue_limit set"])
    }

    func testOverflowToItself() throws {
        try expectProblem(valid + "    queue_limit: 3\n    overflow: nurse\n", at: "nurse\n", path: "stations.nurse.overflow",
                          found: ["the station itself"], expected: ["another station or lost"])
    }

    func testOverflowToAnUndefinedStation() throws {
        try expectProblem(valid + "    queue_limit: 3\n    overflow: nurce\n", at: "nurce", path: "stations.nurse.overflow",
                          found: ["undefined station 'nurce'"], expected: ["lost or one of desk, nurse", "did you mean 'nurse'?"])
    }

    func testOverflowCycleIsReportedAtEveryStationInIt() throws {
        let text = valid
            .with("    routing: {nurse: 0.5}\n", "    routing: {nurse: 0.5}\n    queue_limit: 2\n    overflow: nurse\n")
            + "    queue_limit: 2\n    overflow: desk\n"
        let all = try problems(text)
        XCTAssertEqual(all.map(\.path), ["stations.desk.overflow", "stations.nurse.overflow"])
        let desk = try expectProblem(text, at: "nurse\n", path: "stations.desk.overflow",
                                     found: ["an overflow cycle (desk → nurse → desk)"],
                                     expected: ["overflow chains that end at lost or a station without queue_limit"], among: true)
        XCTAssertNotNil(desk)
        try expectProblem(text, at: "desk\n", occurrence: 2, path: "stations.nurse.overflow", found: ["an overflow cycle", "nurse"],
                          among: true)
        // A chain that ends is fine.
        let chain = valid.with("    routing: {nurse: 0.5}\n", "    routing: {nurse: 0.5}\n    queue_limit: 2\n    overflow: nurse\n")
            + "    queue_limit: 2\n    overflow: lost\n"
        let s = try load(chain)
        XCTAssertEqual(s.model.stations[0].overflow, 1)
        XCTAssertEqual(s.model.stations[1].overflow, Routing.exit)
    }

    func testBalking() throws {
        try expectProblem(valid + "    balking: {probability: 0.5}\n", at: "{probability", path: "stations.nurse.balking.threshold",
                          found: ["nothing (the key is missing)"], expected: ["the queue length at which people may balk"])
        try expectProblem(valid + "    balking: {threshold: 3, probability: 1.5}\n", at: "1.5",
                          path: "stations.nurse.balking.probability", found: ["'1.5'"], expected: ["a probability between 0 and 1"])
        try expectProblem(valid + "    balking: {threshold: -3}\n", at: "-3", path: "stations.nurse.balking.threshold",
                          found: ["'-3'"], expected: ["an integer >= 0"])
        try expectProblem(valid + "    balking: {treshold: 3}\n", at: "treshold", path: "stations.nurse.balking.treshold",
                          found: ["unknown key 'treshold'"], expected: ["did you mean 'threshold'?"], among: true)
        try expectProblem(valid + "    balking: yes\n", at: "yes", path: "stations.nurse.balking", found: ["'yes'"],
                          expected: ["a balking mapping with threshold and probability"])
        let s = try load(valid + "    balking: {threshold: 4}\n")
        XCTAssertEqual(s.model.stations[1].balking, Station.Balking(threshold: 4, probability: 1))
    }

    // MARK: Schedules

    /// The nurse station with `shifts` instead of its capacity.
    func scheduled(_ shifts: String) -> String {
        valid.with("    capacity: 2\n", "    schedule: \(shifts)\n")
    }

    func testScheduleNotAListOrEmpty() throws {
        try expectProblem(scheduled("weekdays"), at: "weekdays", path: "stations.nurse.schedule", found: ["'weekdays'"],
                          expected: ["a list of shifts such as"])
        try expectProblem(scheduled("[]"), at: "[]", path: "stations.nurse.schedule", found: ["a list"],
                          expected: ["a list of shifts"])
        try expectProblem(scheduled("[early]"), at: "early", path: "stations.nurse.schedule[0]", found: ["'early'"],
                          expected: ["a shift mapping with days, from, to and capacity"])
    }

    func testUnknownShiftKey() throws {
        try expectProblem(scheduled("[{days: daily, from: \"08:00\", to: \"18:00\", capacity: 3, capacty: 1}]"), at: "capacty",
                          path: "stations.nurse.schedule[0].capacty", found: ["unknown key 'capacty'"],
                          expected: ["one of days, from, to, capacity", "did you mean 'capacity'?"])
    }

    func testMissingShiftKeys() throws {
        let all = ["days: daily", "from: \"08:00\"", "to: \"18:00\"", "capacity: 3"]
        let expectations = ["a list of mon..sun", "a time of day", "a time of day", "the number of servers on this shift"]
        for (i, key) in ["days", "from", "to", "capacity"].enumerated() {
            let kept = all.enumerated().filter { $0.offset != i }.map(\.element).joined(separator: ", ")
            try expectProblem(scheduled("[{\(kept)}]"), at: "{", within: "schedule: [{", path: "stations.nurse.schedule[0].\(key)",
                              found: ["nothing (the key is missing)"], expected: [expectations[i]])
        }
    }

    func testBadDays() throws {
        try expectProblem(scheduled("[{days: weekday, from: \"08:00\", to: \"18:00\", capacity: 3}]"), at: "weekday,",
                          path: "stations.nurse.schedule[0].days", found: ["'weekday'"],
                          expected: ["a list of mon, tue, wed, thu, fri, sat, sun, or one of daily, weekdays, weekends",
                                     "did you mean 'weekdays'?"])
        try expectProblem(scheduled("[{days: [mon, mun], from: \"08:00\", to: \"18:00\", capacity: 3}]"), at: "mun",
                          path: "stations.nurse.schedule[0].days[1]", found: ["'mun'"], expected: ["a day mon..sun", "did you mean 'mon'?"])
        try expectProblem(scheduled("[{days: [], from: \"08:00\", to: \"18:00\", capacity: 3}]"), at: "[]",
                          path: "stations.nurse.schedule[0].days", found: ["a list"], expected: ["a list of mon"])
        try expectProblem(scheduled("[{days: {mon: 1}, from: \"08:00\", to: \"18:00\", capacity: 3}]"), at: "{mon",
                          path: "stations.nurse.schedule[0].days", found: ["a mapping"], expected: ["a list of mon"])
    }

    func testBadTimes() throws {
        for bad in ["25:00", "24:30", "9am", "08:60", "8"] {
            try expectProblem(scheduled("[{days: daily, from: \"\(bad)\", to: \"18:00\", capacity: 3}]"), at: "\"\(bad)\"",
                              path: "stations.nurse.schedule[0].from", found: ["\"\(bad)\""],
                              expected: ["a time of day \"HH:MM\" from 00:00 to 24:00"])
        }
        try expectProblem(scheduled("[{days: daily, from: \"08:00\", to: [1], capacity: 3}]"), at: "[1]",
                          path: "stations.nurse.schedule[0].to", found: ["a list"], expected: ["a time of day"])
    }

    func testShiftStartingAndEndingTogether() throws {
        try expectProblem(scheduled("[{days: daily, from: \"08:00\", to: \"08:00\", capacity: 3}]"), at: "{days",
                          path: "stations.nurse.schedule[0].to", found: ["a shift starting and ending at the same time"],
                          expected: ["to different from from"])
    }

    func testNegativeShiftCapacity() throws {
        try expectProblem(scheduled("[{days: daily, from: \"08:00\", to: \"18:00\", capacity: -2}]"), at: "-2",
                          path: "stations.nurse.schedule[0].capacity", found: ["'-2'"], expected: ["an integer >= 0"])
    }

    func testValidScheduleOverlapsAndOvernight() throws {
        let s = try load(valid.with("    capacity: 2\n", """
                schedule:
                  - {days: weekdays, from: "09:00", to: "17:00", capacity: 2}
                  - {days: [mon], from: "12:00", to: "13:00", capacity: 1}
                  - {days: sun, from: "20:00", to: "08:00", capacity: 1}

            """))
        guard case .schedule(let w) = s.model.stations[1].capacity else { return XCTFail("expected a schedule") }
        // Monday: 0 until 09:00, 2 until 12:00, 3 until 13:00, 2 until 17:00, then 0.
        XCTAssertEqual(w.capacities[w.segment(atTimeOfWeek: 0.1)], 1, "Sunday's night shift runs into Monday")
        XCTAssertEqual(w.capacities[w.segment(atTimeOfWeek: 10.0 / 24)], 2)
        XCTAssertEqual(w.capacities[w.segment(atTimeOfWeek: 12.5 / 24)], 3)
        XCTAssertEqual(w.capacities[w.segment(atTimeOfWeek: 18.0 / 24)], 0)
        XCTAssertEqual(w.capacities[w.segment(atTimeOfWeek: 6 + 21.0 / 24)], 1)
        XCTAssertEqual(w.maxCapacity, 3)
    }

    // MARK: Sources

    func testSourceNotAMapping() throws {
        try expectProblem(valid.with("  walk_in:\n    rate: 12 per day\n    to: desk\n", "  walk_in: 12 per day\n"),
                          at: "12 per day", path: "sources.walk_in", found: ["'12 per day'"],
                          expected: ["a source mapping with rate (or interarrival) and to"])
    }

    func testUnknownSourceKey() throws {
        try expectProblem(valid.with("    to: desk\n", "    to: desk\n    priorty: 1\n"), at: "priorty",
                          path: "sources.walk_in.priorty", found: ["unknown key 'priorty'"], expected: ["did you mean 'priority'?"])
    }

    func testMissingRate() throws {
        try expectProblem(valid.with("    rate: 12 per day\n", ""), at: "to: desk", path: "sources.walk_in.rate",
                          found: ["nothing (the key is missing)"], expected: ["a rate such as \"12 per day\" (or an interarrival"])
    }

    func testBadRates() throws {
        for (bad, found) in [("-12 per day", "'-12 per day'"), ("0 per day", "'0 per day'"), ("12", "'12'"),
                             ("twelve per day", "'twelve per day'"), ("12 per", "'12 per'"), ("[12]", "a list")] {
            try expectProblem(valid.with("rate: 12 per day", "rate: \(bad)"), at: bad, path: "sources.walk_in.rate",
                              found: [found], expected: ["a rate > 0 such as \"12 per day\""])
        }
        let far = try expectProblem(valid.with("rate: 12 per day", "rate: 12 per fortnight"), at: "12 per fortnight",
                                    path: "sources.walk_in.rate", found: ["unknown unit 'fortnight' in '12 per fortnight'"],
                                    expected: ["per min, per hour, per day, per week, per month or per year"])
        XCTAssertFalse(far?.expected.contains("did you mean") ?? true)
        try expectProblem(valid.with("rate: 12 per day", "rate: 12 per dayz"), at: "12 per dayz", path: "sources.walk_in.rate",
                          found: ["unknown unit 'dayz'"], expected: ["did you mean 'day'?"])
    }

    func testBothRateAndInterarrival() throws {
        try expectProblem(valid.with("    rate: 12 per day\n", "    rate: 12 per day\n    interarrival: 2 h\n"), at: "12 per day",
                          path: "sources.walk_in.rate", found: ["both rate and interarrival"], expected: ["exactly one of them"])
    }

    func testProfileWithInterarrival() throws {
        try expectProblem(valid.with("    rate: 12 per day\n", "    interarrival: 2 h\n    profile: {weekly: [1, 1, 1, 1, 1, 0, 0]}\n"),
                          at: "{weekly", path: "sources.walk_in.profile", found: ["a profile with interarrival"],
                          expected: ["a profile only with rate"])
    }

    func testInterarrivalWithMeanZero() throws {
        try expectProblem(valid.with("    rate: 12 per day\n", "    interarrival: 0 min\n"), at: "0 min", within: "interarrival: 0 min",
                          path: "sources.walk_in.interarrival", found: ["a mean inter-arrival time of 0"],
                          expected: ["a distribution with a positive mean"])
        let s = try load(valid.with("    rate: 12 per day\n", "    interarrival: {distribution: erlang, k: 2, mean: 2 h}\n"))
        XCTAssertEqual(s.model.sources[0].arrivals, .renewal(.erlang(k: 2, mean: hours(2))))
    }

    func testProfiles() throws {
        let rate = "    rate: 12 per day\n"
        try expectProblem(valid.with(rate, rate + "    profile: {hourly: [1, 2]}\n"), at: "[1, 2]",
                          path: "sources.walk_in.profile.hourly", found: ["2 values"], expected: ["24 multipliers >= 0"])
        try expectProblem(valid.with(rate, rate + "    profile: {weekly: [1, 1, 1, 1, 1, -1, 1]}\n"), at: "-1",
                          path: "sources.walk_in.profile.weekly[5]", found: ["'-1'"], expected: ["a number >= 0"])
        try expectProblem(valid.with(rate, rate + "    profile: {weekly: [0, 0, 0, 0, 0, 0, 0]}\n"), at: "{weekly",
                          path: "sources.walk_in.profile", found: ["all multipliers 0"],
                          expected: ["at least one positive multiplier"])
        try expectProblem(valid.with(rate, rate + "    profile: {dayly: [1]}\n"), at: "dayly", path: "sources.walk_in.profile.dayly",
                          found: ["unknown key 'dayly'"], expected: ["one of hourly, weekly, monthly"])
        try expectProblem(valid.with(rate, rate + "    profile: flat\n"), at: "flat", path: "sources.walk_in.profile",
                          found: ["'flat'"], expected: ["a profile mapping with hourly, weekly or monthly multipliers"])
        let s = try load(valid.with(rate, rate + "    profile: {monthly: [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 2]}\n"))
        guard case .profile(let r, let p) = s.model.sources[0].arrivals else { return XCTFail("expected a profile") }
        XCTAssertEqual(r, 12)
        XCTAssertEqual(p.monthly.last, 2)
        XCTAssertEqual(p.hourly, Array(repeating: 1, count: 24))
    }

    func testBatch() throws {
        let to = "    to: desk\n"
        try expectProblem(valid.with(to, to + "    batch: 2.5\n"), at: "2.5", path: "sources.walk_in.batch", found: ["'2.5'"],
                          expected: ["a count >= 0 or a distribution mapping"])
        try expectProblem(valid.with(to, to + "    batch: -1\n"), at: "-1", path: "sources.walk_in.batch", found: ["'-1'"],
                          expected: ["a count >= 0"])
        try expectProblem(valid.with(to, to + "    batch: {distribution: poisson, mean: 200000}\n"), at: "{distribution: poisson",
                          path: "sources.walk_in.batch", found: ["a mean batch size of 200000"],
                          expected: ["a mean batch size of at most 100000"])
        let s = try load(valid.with(to, to + "    batch: {distribution: poisson, mean: 2}\n"))
        XCTAssertEqual(s.model.sources[0].batch, .poisson(mean: 2))
        XCTAssertEqual(try load(valid.with(to, to + "    batch: 3\n")).model.sources[0].batch, .constant(3))
    }

    func testMissingTo() throws {
        try expectProblem(valid.with("    to: desk\n", ""), at: "rate: 12", path: "sources.walk_in.to",
                          found: ["nothing (the key is missing)"], expected: ["a station name or a mapping of station names to probabilities"])
    }

    func testPriorityAndLimit() throws {
        let to = "    to: desk\n"
        try expectProblem(valid.with(to, to + "    priority: 1000\n"), at: "1000", path: "sources.walk_in.priority",
                          found: ["'1000'"], expected: ["an integer >= 0 (0 is most urgent)"])
        try expectProblem(valid.with(to, to + "    priority: -1\n"), at: "-1", path: "sources.walk_in.priority",
                          expected: ["an integer >= 0"])
        try expectProblem(valid.with(to, to + "    limit: 0\n"), at: "0", within: "limit: 0", path: "sources.walk_in.limit", found: ["'0'"],
                          expected: ["an integer >= 1"])
        let s = try load(valid.with(to, to + "    priority: 3\n    limit: 1_000\n"))
        XCTAssertEqual(s.model.sources[0].priority, 3)
        XCTAssertEqual(s.model.sources[0].limit, 1000)
    }

    // MARK: Routing

    func testSourceToAnUndefinedStation() throws {
        try expectProblem(valid.with("to: desk", "to: dsk"), at: "dsk", path: "sources.walk_in.to", found: ["undefined station 'dsk'"],
                          expected: ["one of desk, nurse", "did you mean 'desk'?"])
        try expectProblem(valid.with("to: desk", "to: {desk: 0.5, nures: 0.5}"), at: "nures", path: "sources.walk_in.to.nures",
                          found: ["undefined station 'nures'"], expected: ["one of desk, nurse, exit", "did you mean 'nurse'?"])
    }

    func testSourceToMustSumToOne() throws {
        try expectProblem(valid.with("to: desk", "to: {desk: 0.5, nurse: 0.3}"), at: "{desk", path: "sources.walk_in.to",
                          found: ["probabilities summing to 0.8"], expected: ["a sum of exactly 1"])
        try expectProblem(valid.with("to: desk", "to: {desk: 0.7, nurse: 0.7}"), at: "{desk", path: "sources.walk_in.to",
                          found: ["probabilities summing to 1.4"], expected: ["a sum of at most 1"])
        let s = try load(valid.with("to: desk", "to: {desk: 0.25, nurse: 0.5, exit: 0.25}"))
        XCTAssertEqual(s.model.sources[0].route, Routing([(0, 0.25), (1, 0.5)]))
    }

    func testRoutingRowSummingPastOne() throws {
        try expectProblem(valid.with("{nurse: 0.5}", "{nurse: 0.7, desk: 0.5}"), at: "{nurse", path: "stations.desk.routing",
                          found: ["probabilities summing to 1.2"], expected: ["a sum of at most 1"])
    }

    func testExplicitExitMustMakeTheRowSumToOne() throws {
        try expectProblem(valid.with("{nurse: 0.5}", "{nurse: 0.5, exit: 0.2}"), at: "{nurse", path: "stations.desk.routing",
                          found: ["probabilities summing to 0.7"], expected: ["a sum of exactly 1 when exit is given"])
        let s = try load(valid.with("{nurse: 0.5}", "{nurse: 0.5, exit: 0.5}"))
        XCTAssertEqual(s.model.stations[0].routing, Routing([(1, 0.5)]))
    }

    func testRoutingToUndefinedStationsAndBadProbabilities() throws {
        try expectProblem(valid.with("{nurse: 0.5}", "{nures: 0.5}"), at: "nures", path: "stations.desk.routing.nures",
                          found: ["undefined station 'nures'"], expected: ["did you mean 'nurse'?"])
        try expectProblem(valid.with("{nurse: 0.5}", "{nurse: 1.5}"), at: "1.5", path: "stations.desk.routing.nurse",
                          found: ["'1.5'"], expected: ["a probability between 0 and 1"])
        try expectProblem(valid.with("{nurse: 0.5}", "{nurse: half}"), at: "half", path: "stations.desk.routing.nurse",
                          found: ["'half'"], expected: ["a probability between 0 and 1"])
        try expectProblem(valid.with("{nurse: 0.5}", "[nurse]"), at: "[nurse]", path: "stations.desk.routing",
                          found: ["a list"], expected: ["a station name or a mapping of station names to probabilities"])
        try expectProblem(valid.with("{nurse: 0.5}", "nurze"), at: "nurze", path: "stations.desk.routing",
                          found: ["undefined station 'nurze'"], expected: ["did you mean 'nurse'?"])
        XCTAssertEqual(try load(valid.with("{nurse: 0.5}", "nurse")).model.stations[0].routing, .to(1))
    }
}
