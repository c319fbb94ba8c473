import FlowEngine
import FlowScenario
import Foundation
import XCTest

/// Files, YAML, `extends`, `--set` overrides, and problems reported together.
final class LoaderTests: ScenarioTestCase {
    let valid = ScenarioTestCase.valid

    /// The single problem of loading `path`.
    func onlyProblem(_ path: String, overrides: [String] = [], file: StaticString = #filePath, line: UInt = #line) -> Problem? {
        guard case .failed(let all) = LoadOutcome.load(path: path, overrides: overrides) else {
            XCTFail("expected problems", file: file, line: line)
            return nil
        }
        XCTAssertEqual(all.count, 1, "\(ScenarioError(all))", file: file, line: line)
        return all.first
    }

    // MARK: Files

    func testNonexistentFile() {
        let path = scratch.path("missing.yaml")
        XCTAssertEqual(onlyProblem(path), Problem(file: path, line: 1, column: 1, path: "", found: "no such file",
                                                  expected: "a readable YAML scenario file"))
    }

    func testUnreadableFile() throws {
        let dir = scratch.path("a-directory.yaml")
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        XCTAssertEqual(onlyProblem(dir), Problem(file: dir, line: 1, column: 1, path: "", found: "an unreadable file",
                                                 expected: "a readable YAML scenario file"))
    }

    func testBytesThatAreNotUTF8() throws {
        let path = try scratch.write("latin1.yaml", Data([0x6E, 0x61, 0x6D, 0x65, 0x3A, 0x20, 0xE9, 0xFF, 0x0A]))
        XCTAssertEqual(onlyProblem(path), Problem(file: path, line: 1, column: 1, path: "", found: "bytes that are not UTF-8 text",
                                                  expected: "a UTF-8 YAML file"))
    }

    func testEmptyFiles() throws {
        for (name, text) in [("empty.yaml", ""), ("comment.yaml", "# only a comment\n"), ("blank.yaml", "\n\n   \n")] {
            let path = try scratch.write(name, text)
            XCTAssertEqual(onlyProblem(path), Problem(file: path, line: 1, column: 1, path: "", found: "an empty file",
                                                      expected: "a scenario mapping with name, run, sources and stations"), name)
        }
    }

    func testTopLevelNotAMapping() throws {
        for (text, found) in [("- a\n- b\n", "a list"), ("just text\n", "a scalar"), ("---\n~\n", "nothing")] {
            let path = try scratch.write("top.yaml", text)
            let p = onlyProblem(path)
            XCTAssertEqual(p?.found, found, text)
            XCTAssertEqual(p?.expected, "a scenario mapping with name, run, sources and stations")
            XCTAssertEqual(p?.path, "")
            XCTAssertEqual(p?.file, path)
        }
    }

    func testInvalidYAMLIsLocated() throws {
        let cases: [(String, Int, Int, String)] = [
            ("name: Test\nrun:\n  duration: 10 days: extra\n", 3, 20, "mapping values are not allowed"),
            ("name: Test\nrun: {duration: 10 days\nsources: x\n", 3, 8, "did not find expected ',' or '}'"),
            ("a: 1\n---\nb: 2\n", 2, 1, "but found another document"),
            ("name: *foo\n", 1, 7, "found undefined alias"),
            ("name: a\n\tb: c\n", 2, 1, "tab"),
            ("name: \"unterminated\nrun: x\n", 3, 1, "unexpected end of stream"),
        ]
        for (text, line, column, what) in cases {
            let path = try scratch.write("bad.yaml", text)
            guard let p = onlyProblem(path) else { continue }
            XCTAssertEqual(p.file, path)
            XCTAssertEqual(p.line, line, text)
            XCTAssertEqual(p.column, column, text)
            XCTAssertEqual(p.path, "")
            XCTAssertTrue(p.found.hasPrefix("invalid YAML ("), p.found)
            XCTAssertTrue(p.found.contains(what), "\(p.found) lacks \(what)")
            XCTAssertEqual(p.expected, "valid YAML")
        }
        // Control characters are a reader error: still one problem, not a crash.
        let path = try scratch.write("control.yaml", "name: Test\u{1}\n")
        XCTAssertEqual(onlyProblem(path)?.found.hasPrefix("invalid YAML"), true)
    }

    /// Yams rejects duplicate keys itself; the problem names the key. (Its
    /// location is a known issue: see KnownIssuesTests.)
    func testDuplicateKeys() throws {
        for (text, key) in [(valid.with("    capacity: 1\n", "    capacity: 1\n    capacity: 4\n"), "capacity"),
                            (valid + "name: Again\n", "name")] {
            let all = try problems(text)
            XCTAssertEqual(all.count, 1, "\(ScenarioError(all))")
            XCTAssertEqual(all.first?.file, scratch.path("scenario.yaml"))
            XCTAssertTrue(all.first?.found.contains("'\(key)'") ?? false, all.first?.found ?? "")
            XCTAssertTrue((all.first.map { $0.found + $0.expected } ?? "").contains("duplicate"))
        }
    }

    func testComplexKey() throws {
        try expectProblem(valid + "? [a, b]\n: 1\n", at: "[a, b]", path: "", found: ["a complex key"], expected: ["a plain name as key"])
    }

    func testAliasesAreReadAsTheirAnchors() throws {
        let text = valid.with("service: 20 min", "service: &short 20 min") + "    patience: *short\n"
        XCTAssertEqual(try load(text).model.stations[1].patience, .constant(minutes(20)))
    }

    // MARK: Several problems at once

    func testEveryProblemIsReportedAtOnceSortedByLine() throws {
        let text = """
            name: Many
            run:
              duration: 10
            stations:
              desk:
                capcity: 1
                service: 30 min
              nurse:
                capacity: -2
                service: {distribution: expnential, mean: 1 h}
            sources:
              walk_in:
                rate: -1 per day
                to: dsk

            """
        let all = try problems(text)
        XCTAssertEqual(all.map { "\($0.line):\($0.column) \($0.path)" }, [
            "3:13 run.duration",
            "6:5 stations.desk.capacity",
            "6:5 stations.desk.capcity",
            "9:15 stations.nurse.capacity",
            "10:29 stations.nurse.service.distribution",
            "13:11 sources.walk_in.rate",
            "14:9 sources.walk_in.to",
        ], "\(ScenarioError(all))")
        XCTAssertTrue(all.allSatisfy { $0.file == scratch.path("scenario.yaml") })
        // The description lists them the same way, one per line.
        XCTAssertEqual(ScenarioError(all).description.split(separator: "\n").count, 7)
        XCTAssertTrue(ScenarioError(all).description.hasPrefix("\(scratch.path("scenario.yaml")):3:13: run.duration: found '10' with no unit"))
    }

    // MARK: extends

    func testExtendsMergesChildOverBase() throws {
        let base = try scratch.write("base.yaml", valid)
        let child = try scratch.write("child.yaml", """
            extends: base.yaml
            name: Child
            run:
              replications: 4
            stations:
              desk:
                capacity: 3

            """)
        guard case .loaded(let s) = LoadOutcome.load(path: child) else { return XCTFail("child should load") }
        XCTAssertEqual(s.name, "Child")
        XCTAssertEqual(s.replications, 4)
        XCTAssertEqual(s.model.duration, 10, "the base supplies run.duration")
        XCTAssertEqual(s.model.stations.map(\.name), ["desk", "nurse"])
        XCTAssertEqual(s.model.stations[0].capacity, .servers(3), "the child overrides one key")
        XCTAssertEqual(s.model.stations[0].service, .exponential(mean: minutes(30)), "the base supplies the rest")
        XCTAssertEqual(s.model.stations[0].routing, Routing([(1, 0.5)]))
        XCTAssertEqual(s.files, [child, base])
        guard case .loaded(let plain) = LoadOutcome.load(path: base) else { return XCTFail("base should load") }
        XCTAssertNotEqual(s.hash, plain.hash)
    }

    func testExtendsReplacesListsAndScalarsAndChainsThreeFiles() throws {
        try scratch.write("common/grand.yaml", valid.with("    capacity: 2\n",
                                                           "    schedule: [{days: daily, from: \"08:00\", to: \"18:00\", capacity: 3}]\n"))
        try scratch.write("common/parent.yaml", "extends: grand.yaml\nstations:\n  nurse:\n    schedule: [{days: weekdays, from: \"09:00\", to: \"17:00\", capacity: 5}]\n")
        let child = try scratch.write("variants/child.yaml", "extends: ../common/parent.yaml\nrun: {duration: 3 weeks}\n")
        guard case .loaded(let s) = LoadOutcome.load(path: child) else { return XCTFail("chain should load") }
        XCTAssertEqual(s.model.duration, 21)
        XCTAssertEqual(s.files.count, 3)
        guard case .schedule(let w) = s.model.stations[1].capacity else { return XCTFail("schedule expected") }
        XCTAssertEqual(w.maxCapacity, 5, "a list in the child replaces the base's list")
        XCTAssertEqual(w.capacities[w.segment(atTimeOfWeek: 5.5)], 0, "no weekend shift survives from the grandparent")
    }

    func testProblemsInTheBasePointAtTheBaseFile() throws {
        let base = try scratch.write("base.yaml", valid.with("service: 20 min", "service: 20"))
        let child = try scratch.write("child.yaml", "extends: base.yaml\nstations:\n  desk:\n    capcity: 3\n")
        guard case .failed(let all) = LoadOutcome.load(path: child) else { return XCTFail("expected problems") }
        XCTAssertEqual(all.count, 2, "\(ScenarioError(all))")
        let inBase = all.first { $0.path == "stations.nurse.service" }
        XCTAssertEqual(inBase?.file, base)
        XCTAssertEqual(inBase?.line, 15)
        XCTAssertEqual(inBase?.column, 14)
        XCTAssertEqual(inBase?.found, "'20' with no unit")
        let inChild = all.first { $0.path == "stations.desk.capcity" }
        XCTAssertEqual(inChild?.file, child)
        XCTAssertEqual(inChild?.line, 4)
        XCTAssertEqual(inChild?.column, 5)
        XCTAssertTrue(inChild?.expected.contains("did you mean 'capacity'?") ?? false)
        XCTAssertEqual(all, all.sorted())
    }

    func testInvalidYAMLInTheBase() throws {
        let base = try scratch.write("base.yaml", "name: [unclosed\n")
        let child = try scratch.write("child.yaml", "extends: base.yaml\nname: Child\n")
        let p = onlyProblem(child)
        XCTAssertEqual(p?.file, base)
        XCTAssertTrue(p?.found.hasPrefix("invalid YAML") ?? false)
    }

    func testExtendsCycle() throws {
        let a = try scratch.write("a.yaml", "extends: b.yaml\nname: A\n")
        let b = try scratch.write("b.yaml", "name: B\nextends: a.yaml\n")
        let p = onlyProblem(a)
        XCTAssertEqual(p?.file, b, "the file whose extends closes the cycle")
        XCTAssertEqual(p?.path, "extends")
        XCTAssertEqual(p?.found, "a cycle of extends (a.yaml → b.yaml → a.yaml)")
        XCTAssertEqual(p?.expected, "a chain of files that ends")
        XCTAssertGreaterThanOrEqual(p?.line ?? 0, 1)

        let selfish = try scratch.write("self.yaml", "extends: self.yaml\n")
        XCTAssertEqual(onlyProblem(selfish)?.found, "a cycle of extends (self.yaml → self.yaml)")
    }

    func testExtendsAMissingFile() throws {
        let text = "name: Child\nextends: nowhere.yaml\n"
        try expectProblem(text, at: "nowhere.yaml", path: "extends", found: ["'nowhere.yaml', which does not exist"],
                          expected: ["the path of a base scenario file"])
    }

    func testExtendsMustBeAPath() throws {
        try expectProblem("extends: [a.yaml]\n", at: "[a.yaml]", path: "extends", found: ["a list"],
                          expected: ["the path of a base scenario file"])
        let empty = try problems("name: x\nextends:\n")
        XCTAssertEqual(empty.map(\.path), ["extends"])
        XCTAssertEqual(empty.first?.found, "nothing")
        XCTAssertEqual(empty.first?.expected, "the path of a base scenario file")
    }

    func testExtendsByAbsolutePath() throws {
        let base = try scratch.write("elsewhere/base.yaml", valid)
        let child = try scratch.write("child.yaml", "extends: \(base)\nname: Abs\n")
        guard case .loaded(let s) = LoadOutcome.load(path: child) else { return XCTFail("should load") }
        XCTAssertEqual(s.name, "Abs")
    }

    // MARK: --set overrides

    func testOverridesChangeValues() throws {
        let s = try load(valid, overrides: ["stations.desk.capacity=3", "run.replications=4", "name=Other",
                                            "stations.desk.queue_limit=5", "stations.nurse.service=1 h", "run.seed=7",
                                            "run.replications=6"])
        XCTAssertEqual(s.model.stations[0].capacity, .servers(3))
        XCTAssertEqual(s.replications, 6, "later overrides win")
        XCTAssertEqual(s.name, "Other")
        XCTAssertEqual(s.model.stations[0].queueLimit, 5, "an override may add a key")
        XCTAssertEqual(s.model.stations[1].service, .constant(hours(1)))
        XCTAssertEqual(s.seed, 7)
    }

    func testOverridesApplyAfterExtendsAndChangeTheHash() throws {
        try scratch.write("base.yaml", valid)
        let child = try scratch.write("child.yaml", "extends: base.yaml\nname: Child\n")
        guard case .loaded(let plain) = LoadOutcome.load(path: child),
              case .loaded(let set) = LoadOutcome.load(path: child, overrides: ["stations.nurse.capacity=5"]),
              case .loaded(let again) = LoadOutcome.load(path: child) else { return XCTFail("should load") }
        XCTAssertEqual(set.model.stations[1].capacity, .servers(5))
        XCTAssertEqual(plain.model.stations[1].capacity, .servers(2))
        XCTAssertEqual(plain.hash, again.hash, "the same text hashes the same")
        XCTAssertNotEqual(plain.hash, set.hash)
        XCTAssertEqual(plain.hash.count, 16)
        XCTAssertTrue(plain.hash.allSatisfy(\.isHexDigit))
    }

    func testMalformedOverrides() throws {
        let path = try scratch.write("scenario.yaml", valid)
        for bad in ["stations.desk.capacity", "=3", ""] {
            XCTAssertEqual(onlyProblem(path, overrides: [bad]),
                           Problem(file: "--set", line: 1, column: 1, path: "", found: "'\(bad)'",
                                   expected: "key.path=value, such as stations.desk.capacity=3"), bad)
        }
        XCTAssertEqual(onlyProblem(path, overrides: ["name.first=x"]),
                       Problem(file: "--set", line: 1, column: 1, path: "name.first", found: "a path through a non-mapping",
                               expected: "a key path to a value, such as stations.desk.capacity"))
        let value = onlyProblem(path, overrides: ["stations.desk.capacity=lots"])
        XCTAssertEqual(value?.file, "--set")
        XCTAssertEqual(value?.path, "stations.desk.capacity")
        XCTAssertEqual(value?.found, "'lots'")
        let key = onlyProblem(path, overrides: ["stations.desk.capcity=3"])
        XCTAssertEqual(key?.file, "--set")
        XCTAssertEqual(key?.path, "stations.desk.capcity")
        XCTAssertTrue(key?.expected.contains("did you mean 'capacity'?") ?? false)
        // Several malformed overrides are all reported.
        guard case .failed(let all) = LoadOutcome.load(path: path, overrides: ["a", "b", "stations.desk.capacity=2"]) else {
            return XCTFail("expected problems")
        }
        XCTAssertEqual(Set(all.map(\.found)), ["'a'", "'b'"])
        XCTAssertEqual(all.count, 2)
    }

    // MARK: The shipped example

    func testClinicExampleReadsAsWritten() throws {
        let path = Package.scenarios.appendingPathComponent("examples/clinic.yaml").path
        guard case .loaded(let s) = LoadOutcome.load(path: path) else { return XCTFail("clinic.yaml should load") }
        XCTAssertEqual(s.name, "Walk-in clinic")
        XCTAssertEqual(s.model.duration, 364)
        XCTAssertEqual(s.model.warmUp, 28)
        XCTAssertEqual(s.replications, 10)
        XCTAssertEqual(s.seed, 2025)
        XCTAssertEqual(s.files, [path])
        XCTAssertEqual(s.model.stations.map(\.name), ["reception", "nurse", "doctor"])
        XCTAssertEqual(s.model.stations[0].service, .lognormal(mean: minutes(4), sd: minutes(2)))
        XCTAssertEqual(s.model.stations[0].routing, Routing([(1, 0.9)]))
        XCTAssertEqual(s.model.stations[2].queueLimit, 15)
        XCTAssertEqual(s.model.stations[2].overflow, Routing.exit)
        guard case .schedule(let nurse) = s.model.stations[1].capacity else { return XCTFail("the nurse works shifts") }
        XCTAssertEqual(nurse.capacities[nurse.segment(atTimeOfWeek: 12.0 / 24)], 5, "4 + 1 over lunch on Monday")
        XCTAssertEqual(nurse.capacities[nurse.segment(atTimeOfWeek: 5.5)], 0, "no one on Saturday")
        guard case .profile(let rate, let profile) = s.model.sources[0].arrivals else { return XCTFail("a profile") }
        XCTAssertEqual(rate, 60)
        XCTAssertEqual(profile.weekly, [1.2, 1, 1, 1, 1.1, 0, 0])
    }
}
