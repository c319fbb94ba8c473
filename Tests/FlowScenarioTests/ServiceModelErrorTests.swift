import FlowEngine
import FlowScenario
import XCTest

/// Population groups, waiting-time standards, station functions, costs,
/// vacancies, outcomes, contacts, appointment diaries and escalation.
final class ServiceModelErrorTests: ScenarioTestCase {
    let valid = ScenarioTestCase.valid
    let attributes = ScenarioTestCase.withAttributes

    /// The base scenario with a line added to the nurse station (the last one).
    func nurse(_ line: String) -> String { valid + "    \(line)\n" }

    // MARK: groups and standards

    func testGroups() throws {
        XCTAssertEqual(try load(attributes.with("run:\n", "groups: risk\nrun:\n")).model.groupAttribute, 0)
        try expectProblem(attributes.with("run:\n", "groups: rsk\nrun:\n"), at: "rsk", path: "groups",
                          found: ["unknown attribute 'rsk'"], expected: ["one of risk, complexity", "did you mean 'risk'?"])
        try expectProblem(valid.with("run:\n", "groups: risk\nrun:\n"), at: "risk", path: "groups",
                          found: ["unknown attribute 'risk'"], expected: ["an attribute declared under attributes:"])
        try expectProblem(attributes.with("run:\n", "groups: [risk]\nrun:\n"), at: "[risk]", path: "groups", found: ["a list"],
                          expected: ["the attribute whose levels are population groups"])
    }

    func testStandards() throws {
        XCTAssertEqual(try load(valid.with("run:\n", "standards: [4 weeks, 18 weeks]\nrun:\n")).model.standards, [28, 126])
        try expectProblem(valid.with("run:\n", "standards: 4 weeks\nrun:\n"), at: "4 weeks", path: "standards", found: ["'4 weeks'"],
                          expected: ["a list of waiting-time standards such as [4 weeks, 18 weeks]"])
        try expectProblem(valid.with("run:\n", "standards: [4 weeks, 0 days]\nrun:\n"), at: "0 days", path: "standards[1]",
                          found: ["'0 days'"], expected: ["a duration > 0"])
        try expectProblem(valid.with("run:\n", "standards: [28]\nrun:\n"), at: "28", path: "standards[0]", found: ["'28' with no unit"])
    }

    // MARK: function, costs, vacancy

    func testFunction() throws {
        XCTAssertEqual(try load(nurse("function: triage")).model.stations[1].function, .triage)
        try expectProblem(nurse("function: triag"), at: "triag", path: "stations.nurse.function", found: ["'triag'"],
                          expected: ["one of " + StationFunction.allCases.map(\.rawValue).joined(separator: ", "), "did you mean 'triage'?"])
        try expectProblem(nurse("function: [triage]"), at: "[triage]", path: "stations.nurse.function", found: ["a list"],
                          expected: ["a station function"])
    }

    func testCosts() throws {
        let s = try load(nurse("costs: {per_arrival: 1, per_service: 350, per_day_in_service: 2, per_server_day: 3, per_contact: 10}"))
        XCTAssertEqual(s.model.stations[1].costs.perService, 350)
        XCTAssertEqual(s.model.stations[1].costs.perContact, 10)
        XCTAssertEqual(s.model.stations[1].costs.perServerDay, 3)
        try expectProblem(nurse("costs: {per_visit: 3}"), at: "per_visit", path: "stations.nurse.costs.per_visit",
                          found: ["unknown key 'per_visit'"], expected: ["one of per_arrival, per_service"])
        try expectProblem(nurse("costs: {per_service: -1}"), at: "-1", path: "stations.nurse.costs.per_service", found: ["'-1'"],
                          expected: ["a cost >= 0"])
        try expectProblem(nurse("costs: cheap"), at: "cheap", path: "stations.nurse.costs", found: ["'cheap'"],
                          expected: ["a costs mapping"])
    }

    func testVacancy() throws {
        XCTAssertEqual(try load(nurse("vacancy: 0.5")).model.stations[1].capacity, .servers(1))
        let shifts = valid.with("    capacity: 2\n", "    schedule: [{days: daily, from: \"08:00\", to: \"18:00\", capacity: 4}]\n    vacancy: 0.5\n")
        guard case .schedule(let w) = try load(shifts).model.stations[1].capacity else { return XCTFail("a schedule") }
        XCTAssertEqual(w.maxCapacity, 2, "vacant posts leave 2 of 4")
        for bad in ["1", "-0.1", "1.5", "half"] {
            try expectProblem(nurse("vacancy: \(bad)"), at: bad, within: "vacancy: \(bad)", path: "stations.nurse.vacancy",
                              found: ["'\(bad)'"], expected: ["a vacancy rate from 0 up to (not including) 1"])
        }
        try expectProblem(valid.with("capacity: 2", "capacity: infinite") + "    vacancy: 0.2\n", at: "0.2", within: "vacancy: 0.2",
                          path: "stations.nurse.vacancy", found: ["a vacancy rate for an infinite capacity"],
                          expected: ["a station with a number of servers or a schedule"])
    }

    // MARK: outcomes and contacts

    func testOutcomes() throws {
        let s = try load(nurse("outcomes: {step_down: {desk: 0.2}}"))
        XCTAssertEqual(s.model.stations[1].routing.destinations, [0])
        XCTAssertEqual(s.model.stations[1].routing.cumulative, [0.2])
        try expectProblem(nurse("outcomes: {step_sideways: {desk: 0.1}}"), at: "step_sideways",
                          path: "stations.nurse.outcomes.step_sideways", found: ["unknown key 'step_sideways'"],
                          expected: ["one of step_down, step_up, transfer"])
        try expectProblem(nurse("outcomes: {step_up: {dsk: 0.1}}"), at: "dsk", path: "stations.nurse.outcomes.step_up.dsk",
                          found: ["undefined station 'dsk'"], expected: ["did you mean 'desk'?"])
        try expectProblem(nurse("outcomes: down"), at: "down", path: "stations.nurse.outcomes", found: ["'down'"],
                          expected: ["an outcomes mapping with step_down, step_up or transfer"])
        let desk = valid.with("    routing: {nurse: 0.5}\n", "    routing: {nurse: 0.5}\n    outcomes: {step_up: {nurse: 0.6}}\n")
        try expectProblem(desk, at: "{step_up", path: "stations.desk.outcomes", found: ["routing and outcomes summing to 1.1"],
                          expected: ["a sum of at most 1"])
    }

    func testContacts() throws {
        let s = try load(nurse("contacts: {every: 2 weeks, length: 1 h}"))
        XCTAssertEqual(s.model.stations[1].contacts?.interval, 14)
        XCTAssertEqual(s.model.stations[1].contacts?.length, hours(1))
        try expectProblem(nurse("contacts: {length: 1 h}"), at: "{length", path: "stations.nurse.contacts.every",
                          found: ["nothing (the key is missing)"], expected: ["the interval between contacts"])
        try expectProblem(nurse("contacts: {every: 2 weeks}"), at: "{every", path: "stations.nurse.contacts.length",
                          found: ["nothing (the key is missing)"], expected: ["the staff time of a contact"])
        try expectProblem(nurse("contacts: {every: 0 days, length: 1 h}"), at: "0 days", within: "every: 0 days", path: "stations.nurse.contacts.every",
                          found: ["'0 days'"], expected: ["a duration > 0"])
        try expectProblem(nurse("contacts: {every: 2 weeks, length: 1 h, often: yes}"), at: "often",
                          path: "stations.nurse.contacts.often", found: ["unknown key 'often'"], expected: ["one of every, length"])
        XCTAssertNil(s.model.stations[1].contactStaff, "without staff, contacts are counted only")
        XCTAssertEqual(try load(nurse("contacts: {every: 2 weeks, length: 1 h, staff: 4}")).model.stations[1].contactStaff, 4)
        try expectProblem(nurse("contacts: {every: 2 weeks, length: 1 h, staff: 0}"), at: "0", within: "staff: 0", path: "stations.nurse.contacts.staff",
                          found: ["'0'"], expected: ["an integer >= 1 (staff posts who make the contacts)"])
    }

    // MARK: Diaries

    /// The nurse station booked through a diary instead of servers.
    func diary(_ mapping: String) -> String { valid.with("    capacity: 2\n", "    diary: \(mapping)\n") }

    func testDiaryLoads() throws {
        let s = try load(diary("""
            {slots: {weekdays: 4, sat: 1}, at: "09:30", book_after: 2 weeks, reserved: 1, release_reserved: 1 day, \
            did_not_attend: 0.1, rebook_limit: 2, cancellation: 0.05}
            """))
        let d = try XCTUnwrap(s.model.stations[1].diary)
        XCTAssertEqual(d.slots, [4, 4, 4, 4, 4, 1, 0])
        XCTAssertEqual(d.hour, 9.5)
        XCTAssertEqual(d.bookAfter, 14)
        XCTAssertEqual(d.reserved, 1)
        XCTAssertEqual(d.releaseReserved, 1)
        XCTAssertEqual(d.didNotAttend, 0.1)
        XCTAssertEqual(d.rebookLimit, 2)
        XCTAssertEqual(d.cancellation, 0.05)
        XCTAssertEqual(s.model.stations[1].capacity, .infinite, "the diary's slots are the capacity")
    }

    func testDiaryInsteadOfCapacityOrAQueue() throws {
        try expectProblem(valid + "    diary: {slots: {mon: 2}}\n", at: "2", within: "capacity: 2", path: "stations.nurse.capacity",
                          found: ["a capacity with a diary"], expected: ["one of them: a diary's slots are its capacity"])
        try expectProblem(diary("{slots: {mon: 2}}") + "    queue_limit: 3\n", at: "{slots", path: "stations.nurse.diary",
                          found: ["a diary with queue_limit, patience or balking"], expected: ["a diary alone"])
        try expectProblem(diary("yes"), at: "yes", path: "stations.nurse.diary", found: ["'yes'"], expected: ["a diary mapping with slots"])
        try expectProblem(diary("{at: \"09:00\"}"), at: "{at", path: "stations.nurse.diary.slots", found: ["nothing (the key is missing)"],
                          expected: ["clinic slots per weekday"])
        try expectProblem(diary("{slots: {mon: 2}, slot: 3}"), at: "slot:", path: "stations.nurse.diary.slot",
                          found: ["unknown key 'slot'"], expected: ["did you mean 'slots'?"])
    }

    func testDiarySlots() throws {
        let p = "stations.nurse.diary.slots"
        try expectProblem(diary("{slots: 8}"), at: "8", within: "slots: 8", path: p, found: ["'8'"], expected: ["a mapping of days"])
        try expectProblem(diary("{slots: {mun: 2}}"), at: "mun", path: "\(p).mun", found: ["'mun'"],
                          expected: ["a day mon..sun, or daily, weekdays, weekends", "did you mean 'mon'?"])
        try expectProblem(diary("{slots: {mon: -1}}"), at: "-1", path: "\(p).mon", found: ["'-1'"], expected: ["a number of slots >= 0"])
        try expectProblem(diary("{slots: {mon: 100000}}"), at: "100000", path: "\(p).mon", expected: ["a number of slots >= 0"])
        try expectProblem(diary("{slots: {mon: 0}}"), at: "{mon", path: p, found: ["no slots on any day"],
                          expected: ["at least one slot in the week"])
    }

    func testDiaryTimesAndProbabilities() throws {
        let p = "stations.nurse.diary"
        try expectProblem(diary("{slots: {mon: 2}, at: \"25:00\"}"), at: "\"25:00\"", path: "\(p).at", expected: ["a time of day"])
        try expectProblem(diary("{slots: {mon: 2}, book_after: 14}"), at: "14", path: "\(p).book_after", found: ["'14' with no unit"])
        try expectProblem(diary("{slots: {mon: 2}, urgent_book_after: -1 day}"), at: "-1 day", path: "\(p).urgent_book_after",
                          expected: ["a duration >= 0"])
        try expectProblem(diary("{slots: {mon: 2}, release_reserved: soon}"), at: "soon", path: "\(p).release_reserved")
        try expectProblem(diary("{slots: {mon: 2}, reserved: -1}"), at: "-1", path: "\(p).reserved",
                          expected: ["slots a day kept for urgent bookings, >= 0"])
        try expectProblem(diary("{slots: {mon: 2}, reserved: 2}"), at: "2}", within: "reserved: 2}", path: "\(p).reserved",
                          found: ["every slot reserved for urgent bookings and never released"],
                          expected: ["fewer reserved slots than slots on some day, or release_reserved"])
        XCTAssertNoThrow(try load(diary("{slots: {mon: 2}, reserved: 2, release_reserved: 1 day}")))
        try expectProblem(diary("{slots: {mon: 2}, did_not_attend: 1.5}"), at: "1.5", path: "\(p).did_not_attend",
                          expected: ["a probability between 0 and 1"])
        try expectProblem(diary("{slots: {mon: 2}, cancellation: 1}"), at: "1}", within: "cancellation: 1}", path: "\(p).cancellation",
                          expected: ["a probability from 0 up to (not including) 1"])
        try expectProblem(diary("{slots: {mon: 2}, rebook_limit: 200}"), at: "200", path: "\(p).rebook_limit",
                          expected: ["an integer >= 0"])
    }

    func testDiaryUrgency() throws {
        let text = attributes.with("    capacity: 2\n", "    diary: {slots: {mon: 2}, urgent_when: \"rsk >= high\"}\n")
        try expectProblem(text, at: "rsk", path: "stations.nurse.diary.urgent_when", found: ["unknown name 'rsk'"],
                          expected: ["did you mean 'risk'?"])
        let ok = attributes.with("    capacity: 2\n", "    diary: {slots: {mon: 2}, urgent_when: \"risk >= high\"}\n")
        XCTAssertEqual(try load(ok).model.stations[1].diary?.urgent?.text, "risk >= high")
    }

    func testDiaryPools() throws {
        let p = "stations.nurse.diary.pool"
        try expectProblem(diary("{slots: {mon: 2}, pool: nurse}"), at: "nurse}", path: "\(p)[0]", found: ["the station itself"],
                          expected: ["another station with a diary"])
        try expectProblem(diary("{slots: {mon: 2}, pool: [dsk]}"), at: "dsk", path: "\(p)[0]", found: ["undefined station 'dsk'"],
                          expected: ["did you mean 'desk'?"])
        try expectProblem(diary("{slots: {mon: 2}, pool: [[desk]]}"), at: "[desk]", path: "\(p)[0]", found: ["a list"],
                          expected: ["a station name"])
        try expectProblem(diary("{slots: {mon: 2}, pool: [desk]}"), at: "[desk]", path: p, found: ["'desk', which has no diary"],
                          expected: ["stations with diaries to pool with"])
        let pooled = valid.with("    capacity: 1\n", "    diary: {slots: {tue: 1}}\n")
            .with("    capacity: 2\n", "    diary: {slots: {mon: 2}, pool: desk}\n")
        XCTAssertEqual(try load(pooled).model.stations[1].diary?.pool, [0])
    }

    // MARK: Escalation

    func testEscalation() throws {
        let routing = "    routing: {nurse: 0.5}\n"
        func desk(_ line: String) -> String { attributes.with(routing, routing + "    \(line)\n") }
        let e = "stations.desk.escalation"
        let s = try load(desk("escalation: {by: risk, time_to_rise: {low: 1 week, medium: {distribution: exponential, mean: 2 weeks}}}"))
        XCTAssertEqual(s.model.stations[0].escalation,
                       Escalation(attribute: 0, timeToRise: [.constant(7), .exponential(mean: 14), nil]))
        try expectProblem(desk("escalation: {time_to_rise: {low: 1 week}}"), at: "{time_to_rise", path: "\(e).by",
                          found: ["nothing (the key is missing)"], expected: ["the attribute that rises"])
        try expectProblem(desk("escalation: {by: risk}"), at: "{by", path: "\(e).time_to_rise", found: ["nothing (the key is missing)"],
                          expected: ["a mapping of levels to times to the next level"])
        try expectProblem(desk("escalation: {by: rsk, time_to_rise: {low: 1 week}}"), at: "rsk", path: "\(e).by",
                          found: ["unknown attribute 'rsk'"], expected: ["did you mean 'risk'?"])
        try expectProblem(desk("escalation: {by: risk, time_to_rise: {lo: 1 week}}"), at: "lo:", path: "\(e).time_to_rise.lo",
                          found: ["'lo', which is not a level of risk"], expected: ["did you mean 'low'?"])
        try expectProblem(desk("escalation: {by: risk, time_to_rise: {low: 7}}"), at: "7}", path: "\(e).time_to_rise.low",
                          found: ["'7' with no unit"])
        try expectProblem(desk("escalation: {by: risk, time_to_rise: soon}"), at: "soon", path: "\(e).time_to_rise",
                          found: ["'soon'"], expected: ["a mapping of levels to distributions"])
        try expectProblem(desk("escalation: {by: risk, time_to_rise: {low: 1 week}, when: x}"), at: "when", path: "\(e).when",
                          found: ["unknown key 'when'"], expected: ["one of by, time_to_rise"])
        try expectProblem(desk("escalation: fast"), at: "fast", path: e, found: ["'fast'"],
                          expected: ["an escalation mapping with by and time_to_rise"])
        let diary = attributes.with("    capacity: 2\n", "    diary: {slots: {mon: 2}}\n    escalation: {by: risk, time_to_rise: {low: 1 week}}\n")
        try expectProblem(diary, at: "{by", path: "stations.nurse.escalation", found: ["escalation at a diary station"],
                          expected: ["escalation only where people queue"])
    }
}
