import FlowEngine
import FlowScenario
import Foundation
import XCTest

/// `Scenarios/flowsim.schema.json` against the reader: the same keys, the
/// same enumerations and units, and every shipped scenario valid.
final class SchemaTests: ScenarioTestCase {
    // MARK: Keys

    func testSchemaNamesExactlyTheReaderKeys() throws {
        let walk = try SchemaWalk(Package.schema)
        let inSchema = SchemaWalk.closed(walk.paths)
        let inReader = SchemaWalk.closed(ScenarioKeys.allPaths)
        let missing = inReader.subtracting(inSchema).sorted()
        let extra = inSchema.subtracting(inReader).sorted()
        XCTAssertTrue(missing.isEmpty, "keys the reader accepts but the schema lacks:\n  " + missing.joined(separator: "\n  "))
        XCTAssertTrue(extra.isEmpty, "keys in the schema the reader does not accept:\n  " + extra.joined(separator: "\n  "))
        XCTAssertGreaterThan(inSchema.count, 100, "the walk found the schema's keys")
    }

    func testEveryKeyHasADescription() throws {
        let walk = try SchemaWalk(Package.schema)
        XCTAssertTrue(walk.undescribed.isEmpty, "keys without a description:\n  " + walk.undescribed.sorted().joined(separator: "\n  "))
    }

    func testTheWalkSeesMapsListsAndReferences() throws {
        let schema = """
            {"$defs": {"d": {"type": "object", "properties": {"x": {"description": "x"}}}},
             "properties": {"a": {"description": "a", "type": "object", "additionalProperties": {"$ref": "#/$defs/d"}},
                            "b": {"description": "b", "type": "array", "items": {"properties": {"c": {}}}},
                            "r": {"description": "r", "type": "object", "additionalProperties": {"type": "number"}},
                            "n": {"description": "n", "type": "object",
                                  "additionalProperties": {"anyOf": [{"type": "number"}, {"type": "null"}]}},
                            "s": {"description": "s", "type": "object", "additionalProperties": {"type": "integer"}}},
             "if": {"properties": {"z": {}}},
             "then": {"properties": {"t": {"description": "t"}}},
             "else": {"properties": {"e": {}}}}
            """
        let walk = try SchemaWalk(Data(schema.utf8))
        XCTAssertEqual(walk.paths, ["a", "a.*", "a.*.x", "b", "b[].c", "r", "n", "s", "s.*", "z", "t", "e"])
        XCTAssertEqual(walk.undescribed, ["b[].c", "e"], "keys under if are conditions, not declarations")
        XCTAssertEqual(SchemaWalk.closed(["s.*.t", "u.*.v.*"]), ["s.*", "s.*.t", "u.*", "u.*.v.*"])
    }

    // MARK: Enumerations and patterns

    func testEnumerationsMatchTheReader() throws {
        let json = try SchemaWalk.load(Package.schema)
        let defs = try XCTUnwrap(json["$defs"] as? [String: Any])
        func def(_ name: String) throws -> [String: Any] { try XCTUnwrap(defs[name] as? [String: Any], name) }
        func properties(_ d: [String: Any]) throws -> [String: Any] { try XCTUnwrap(d["properties"] as? [String: Any]) }
        func enumeration(_ node: Any?) throws -> [String] {
            try XCTUnwrap((node as? [String: Any])?["enum"] as? [String])
        }
        let kinds = ScenarioKeys.distributionKinds.map(\.name)
        let count = try def("countDistributionMapping"), duration = try def("distributionMapping")
        XCTAssertEqual(try enumeration(try properties(count)["distribution"]), kinds)
        XCTAssertEqual(try enumeration(try properties(duration)["distribution"]), kinds.filter { $0 != "poisson" && $0 != "bernoulli" })
        XCTAssertEqual(try properties(count).keys.sorted(), ScenarioKeys.distribution.sorted())
        // Each kind allows exactly its parameters.
        func kind(of rule: [String: Any]) -> String? {
            let condition = (rule["if"] as? [String: Any])?["properties"] as? [String: Any]
            return (condition?["distribution"] as? [String: Any])?["const"] as? String
        }
        for mapping in [count, duration] {
            let rules = try XCTUnwrap(mapping["allOf"] as? [[String: Any]])
            let kinds = try enumeration(try properties(mapping)["distribution"])
            XCTAssertEqual(rules.compactMap(kind(of:)), kinds)
            for rule in rules {
                let name = try XCTUnwrap(kind(of: rule))
                let parameters = try XCTUnwrap(ScenarioKeys.distributionKinds.first { $0.name == name }?.parameters)
                let then = try XCTUnwrap(rule["then"] as? [String: Any])
                XCTAssertEqual(try enumeration(then["propertyNames"]), ["distribution"] + parameters, name)
            }
        }
        let station = try properties(try def("station"))
        XCTAssertEqual(try enumeration(station["discipline"]), ["fifo", "priority"])
        XCTAssertEqual(try enumeration(station["decide"]), ScenarioKeys.rulePoints)
        XCTAssertEqual(try enumeration(try properties(try def("rule"))["decision"]), ScenarioKeys.decisions)
        XCTAssertEqual(try enumeration(try properties(try def("access"))["model"]), ScenarioKeys.accessModels)
        let top = try properties(try def("scenario"))
        let stations = try XCTUnwrap(top["stations"] as? [String: Any])
        let reserved = try enumeration((stations["propertyNames"] as? [String: Any])?["not"])
        XCTAssertEqual(reserved, ScenarioKeys.reservedStationNames)
        let days = try XCTUnwrap((try properties(try def("shift"))["days"] as? [String: Any])?["anyOf"] as? [[String: Any]])
        XCTAssertEqual(Set(try enumeration(days[0])), Set(ScenarioKeys.weekdays + ScenarioKeys.dayGroups.keys))
        XCTAssertEqual(try enumeration(days[1]["items"]), ScenarioKeys.weekdays)
        XCTAssertEqual(try enumeration(station["function"]), StationFunction.allCases.map(\.rawValue))
        let slots = try XCTUnwrap(try properties(try def("diary"))["slots"] as? [String: Any])
        XCTAssertEqual(Set(try enumeration(slots["propertyNames"])), Set(ScenarioKeys.weekdays + ScenarioKeys.dayGroups.keys))
        // Both variants (a complete file, and one that extends another) name the same keys.
        for (name, value) in defs where name.hasSuffix("Patch") {
            let strict = try def(String(name.dropLast("Patch".count)))
            XCTAssertEqual(((value as? [String: Any])?["properties"] as? [String: Any])?.keys.sorted(),
                           (strict["properties"] as? [String: Any])?.keys.sorted(), name)
        }
    }

    /// The schema's patterns accept what `Units` and the reader accept.
    func testPatternsAgreeWithUnits() throws {
        let json = try SchemaWalk.load(Package.schema)
        let defs = try XCTUnwrap(json["$defs"] as? [String: Any])
        func pattern(_ name: String) throws -> NSRegularExpression {
            let p = try XCTUnwrap((defs[name] as? [String: Any])?["pattern"] as? String, name)
            return try NSRegularExpression(pattern: p)
        }
        func matches(_ re: NSRegularExpression, _ s: String) -> Bool {
            re.firstMatch(in: s, range: NSRange(s.startIndex..., in: s)) != nil
        }
        let duration = try pattern("duration"), positive = try pattern("positiveDuration"), rate = try pattern("rate")
        let clock = try pattern("clock")
        for name in Units.durationUnits.flatMap(\.names) {
            for text in ["30 \(name)", "30\(name)", "0.5 \(name)", "0 \(name)", "+2 \(name)", ".5 \(name)"] {
                XCTAssertTrue(matches(duration, text), text)
                XCTAssertNoThrow(try Units.duration(text).get(), text)
            }
            XCTAssertTrue(matches(positive, "30 \(name)"))
            XCTAssertFalse(matches(positive, "0 \(name)"))
            XCTAssertFalse(matches(positive, "0.00 \(name)"))
            XCTAssertTrue(matches(positive, "0.01 \(name)"))
            XCTAssertFalse(matches(duration, "-5 \(name)"), "negative durations are errors")
            for text in ["12 per \(name)", "12/\(name)", "0.5 / \(name)", "12per \(name)"] {
                XCTAssertTrue(matches(rate, text), text)
                XCTAssertGreaterThan(try Units.rate(text).get(), 0, text)
            }
            XCTAssertFalse(matches(rate, "0 per \(name)"))
        }
        for text in ["30", "30 parsecs", "thirty min", "", "30 min 5 s", "min"] {
            XCTAssertFalse(matches(duration, text), text)
            XCTAssertThrowsError(try Units.duration(text).get(), text)
        }
        for text in ["12", "12 per", "12 day", "per day", "12 per fortnight", "-1 per day"] {
            XCTAssertFalse(matches(rate, text), text)
        }
        for text in ["00:00", "09:30", "9:30", "23:59", "24:00"] { XCTAssertTrue(matches(clock, text), text) }
        for text in ["24:01", "25:00", "9am", "08:60", "8", "0800"] { XCTAssertFalse(matches(clock, text), text) }
    }

    // MARK: Validation with python's jsonschema

    func testEveryShippedScenarioValidatesAgainstTheSchema() throws {
        let files = Package.shippedScenarios()
        XCTAssertFalse(files.isEmpty)
        let results = try SchemaValidator.validate(files.map { .init(id: $0.path, path: $0.path) })
        XCTAssertEqual(results.count, files.count)
        for (file, errors) in results where !errors.isEmpty {
            XCTFail("\(file) does not match the schema:\n  " + errors.joined(separator: "\n  "))
        }
    }

    /// Documents and the verdicts of both the schema and the reader: where
    /// the schema can tell, the two agree.
    func testSchemaAndReaderAgreeOnValidAndInvalidDocuments() throws {
        let v = Self.valid
        let svc = "{distribution: exponential, mean: 30 min}"
        let cases: [(name: String, text: String, schema: Bool, reader: Bool)] = [
            ("valid", v, true, true),
            ("rich", FuzzSeeds.rich, true, true),
            ("attributes", Self.withAttributes, true, true),
            ("unknown top key", v + "colour: red\n", false, false),
            ("unknown station key", v + "    colour: red\n", false, false),
            ("bare number duration", v.with("10 days", "10"), false, false),
            ("unknown unit", v.with("10 days", "10 parsecs"), false, false),
            ("zero duration", v.with("10 days", "0 days"), false, false),
            ("unknown distribution", v.with(svc, "{distribution: expnential, mean: 30 min}"), false, false),
            ("foreign parameter", v.with(svc, "{distribution: exponential, mean: 30 min, sd: 1 min}"), false, false),
            ("missing parameter", v.with(svc, "{distribution: lognormal, mean: 30 min}"), false, false),
            ("poisson service", v.with(svc, "{distribution: poisson, mean: 3}"), false, false),
            ("erlang k 0", v.with(svc, "{distribution: erlang, k: 0, mean: 3 min}"), false, false),
            ("missing service", v.with("    service: 20 min\n", ""), false, false),
            ("capacity and schedule",
             v.with("    capacity: 2\n", "    capacity: 2\n    schedule: [{days: daily, from: \"08:00\", to: \"18:00\", capacity: 1}]\n"),
             false, false),
            ("bad days", v.with("    capacity: 2\n", "    schedule: [{days: weekday, from: \"08:00\", to: \"18:00\", capacity: 1}]\n"),
             false, false),
            ("bad clock", v.with("    capacity: 2\n", "    schedule: [{days: daily, from: \"25:00\", to: \"18:00\", capacity: 1}]\n"),
             false, false),
            ("reserved station", v + "  exit:\n    capacity: 1\n    service: 1 h\n", false, false),
            ("routing probability", v.with("{nurse: 0.5}", "{nurse: 1.5}"), false, false),
            ("zero rate", v.with("12 per day", "0 per day"), false, false),
            ("bare rate", v.with("12 per day", "12"), false, false),
            ("overflow without queue_limit", v + "    overflow: lost\n", false, false),
            ("redirect without to", Self.withAttributes + "    rules: [{decision: redirect, reason: r}]\n", false, false),
            ("to with reject", Self.withAttributes + "    rules: [{decision: reject, to: desk, reason: r}]\n", false, false),
            ("spa with onward", v.with("name: Test\n", "name: Test\naccess: {model: spa, hub: desk, onward: nurse}\n"), false, false),
            ("priority_by without priority", Self.withAttributes + "    priority_by: risk\n", false, false),
            ("acceptance after service",
             v + "    decide: after_service\n    acceptance: {load: [1], probability: [1], reason: full}\n", false, false),
            ("re_refer without after", v + "    on_reject: {re_refer: 0.5}\n", false, false),
            // What only the reader can check: sums, names, orderings.
            ("routing sum", v.with("{nurse: 0.5}", "{nurse: 0.7, desk: 0.5}"), true, false),
            ("undefined station", v.with("to: desk", "to: dsk"), true, false),
            ("warm-up too long", v.with("  duration: 10 days\n", "  duration: 10 days\n  warm_up: 11 days\n"), true, false),
            ("null in a complete file", v.with("name: Test", "name: ~"), false, false),
        ]
        let verdicts = try SchemaValidator.validate(cases.map { .init(id: $0.name, text: $0.text) })
        for c in cases {
            let errors = try XCTUnwrap(verdicts[c.name], c.name)
            XCTAssertEqual(errors.isEmpty, c.schema, "\(c.name): schema says \(errors.isEmpty ? "valid" : "invalid: \(errors)")")
            let path = try scratch.write("case.yaml", c.text)
            var loaded = false
            if case .loaded = LoadOutcome.load(path: path) { loaded = true }
            XCTAssertEqual(loaded, c.reader, "\(c.name): the reader \(loaded ? "loads it" : "rejects it")")
        }
    }

    func testFilesThatExtendAnotherMayOmitWhatTheBaseSupplies() throws {
        let cases: [(name: String, text: String, schema: Bool)] = [
            ("partial child", "extends: base.yaml\nstations:\n  desk:\n    capacity: 3\n", true),
            ("partial distribution", "extends: base.yaml\nstations:\n  desk:\n    service: {mean: 40 min}\n", true),
            ("child with a typo", "extends: base.yaml\nstations:\n  desk:\n    capcity: 3\n", false),
            ("child with a bad value", "extends: base.yaml\nrun: {duration: 30}\n", false),
            ("partial without extends", "stations:\n  desk:\n    capacity: 3\n", false),
            ("null removes a key", "extends: base.yaml\naccess: {model: no_wrong_door, hub: null, onward: nurse}\n", true),
            ("null removes a station", "extends: base.yaml\nstations:\n  nurse: ~\n", true),
            ("a list item is complete", "extends: base.yaml\nstations:\n  nurse:\n    schedule: [{days: daily}]\n", false),
        ]
        let verdicts = try SchemaValidator.validate(cases.map { .init(id: $0.name, text: $0.text) })
        for c in cases {
            let errors = try XCTUnwrap(verdicts[c.name])
            XCTAssertEqual(errors.isEmpty, c.schema, "\(c.name): \(errors)")
        }
        // And the reader agrees on the first two once merged.
        try scratch.write("base.yaml", Self.valid)
        for c in cases.prefix(2) {
            let path = try scratch.write("child.yaml", c.text)
            guard case .loaded = LoadOutcome.load(path: path) else { XCTFail("\(c.name) should load over its base"); continue }
        }
    }
}

/// Collects the key paths a JSON Schema declares: named properties, `*` for a
/// name the user chooses, `[]` for list items; `$ref`s into `$defs` are
/// followed, and both branches of if/then/else.
///
/// A map of names to plain numbers (a routing row, a mix's weights) is data,
/// not vocabulary: its names are not key paths. This is how
/// `ScenarioKeys.allPaths` lists them (`attributes.*`, `sources.*.mix.*`,
/// `stations.*.diary.slots.*`, but no `stations.*.routing.*`).
struct SchemaWalk {
    private(set) var paths: Set<String> = []
    /// Declared keys (outside if/then/else) with no description, here or at their `$ref`.
    private(set) var undescribed: Set<String> = []
    private let defs: [String: Any]

    static func load(_ url: URL) throws -> [String: Any] {
        try load(Data(contentsOf: url))
    }

    static func load(_ data: Data) throws -> [String: Any] {
        guard let json = try JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            throw CocoaError(.fileReadCorruptFile)
        }
        return json
    }

    init(_ url: URL) throws { try self.init(Data(contentsOf: url)) }

    init(_ data: Data) throws {
        let json = try Self.load(data)
        defs = json["$defs"] as? [String: Any] ?? [:]
        walk(json, "", conditional: false, refs: [])
    }

    /// Adds, for every path, its prefixes that end at a user-chosen name
    /// (`sources.*` for `sources.*.rate`), so that both sides can leave them implicit.
    static func closed(_ paths: Set<String>) -> Set<String> {
        var out = paths
        for p in paths {
            let parts = p.split(separator: ".", omittingEmptySubsequences: false)
            for i in parts.indices where parts[i] == "*" && i < parts.count - 1 {
                out.insert(parts[...i].joined(separator: "."))
            }
        }
        return out
    }

    private func resolve(_ node: [String: Any]) -> [String: Any]? {
        guard let ref = node["$ref"] as? String, ref.hasPrefix("#/$defs/") else { return nil }
        return defs[String(ref.dropFirst("#/$defs/".count))] as? [String: Any]
    }

    /// Whether values are plain numbers (or null): a probability or a weight.
    private func isPlainNumber(_ node: [String: Any], depth: Int = 0) -> Bool {
        guard depth < 20 else { return false }
        if let target = resolve(node) { return isPlainNumber(target, depth: depth + 1) }
        if let type = node["type"] as? String { return type == "number" }
        let branches = (node["anyOf"] as? [[String: Any]]) ?? (node["oneOf"] as? [[String: Any]]) ?? []
        return !branches.isEmpty && branches.allSatisfy { ($0["type"] as? String) == "null" || isPlainNumber($0, depth: depth + 1) }
            && branches.contains { ($0["type"] as? String) != "null" }
    }

    private mutating func walk(_ node: [String: Any], _ prefix: String, conditional: Bool, refs: Set<String>) {
        if let ref = node["$ref"] as? String, !refs.contains(ref + "@" + prefix), let target = resolve(node) {
            walk(target, prefix, conditional: conditional, refs: refs.union([ref + "@" + prefix]))
        }
        for (name, value) in node["properties"] as? [String: Any] ?? [:] {
            let path = prefix.isEmpty ? name : "\(prefix).\(name)"
            paths.insert(path)
            guard let sub = value as? [String: Any] else { continue }
            if !conditional && sub["description"] == nil && resolve(sub)?["description"] == nil { undescribed.insert(path) }
            walk(sub, path, conditional: conditional, refs: refs)
        }
        var named: [[String: Any]] = []
        if let a = node["additionalProperties"] as? [String: Any] { named.append(a) }
        for (_, p) in node["patternProperties"] as? [String: Any] ?? [:] { if let p = p as? [String: Any] { named.append(p) } }
        for sub in named {
            let path = prefix.isEmpty ? "*" : "\(prefix).*"
            if !isPlainNumber(sub) { paths.insert(path) }
            walk(sub, path, conditional: conditional, refs: refs)
        }
        if let items = node["items"] as? [String: Any] { walk(items, prefix + "[]", conditional: conditional, refs: refs) }
        for key in ["anyOf", "oneOf", "allOf"] {
            for branch in node[key] as? [[String: Any]] ?? [] { walk(branch, prefix, conditional: conditional, refs: refs) }
        }
        for key in ["if", "not"] {
            if let sub = node[key] as? [String: Any] { walk(sub, prefix, conditional: true, refs: refs) }
        }
        for key in ["then", "else"] {
            if let sub = node[key] as? [String: Any] { walk(sub, prefix, conditional: conditional, refs: refs) }
        }
        for (_, sub) in node["dependentSchemas"] as? [String: Any] ?? [:] {
            if let sub = sub as? [String: Any] { walk(sub, prefix, conditional: true, refs: refs) }
        }
    }
}

/// Validates YAML documents against the schema with python3's jsonschema,
/// reading YAML as editors do (YAML 1.2 core: `09:00` and `2025-01-06` stay text).
enum SchemaValidator {
    struct Job: Encodable {
        var id: String
        var path: String?
        var text: String?
        init(id: String, path: String) { self.id = id; self.path = path }
        init(id: String, text: String) { self.id = id; self.text = text }
    }

    static let script = #"""
        import json, re, sys
        import yaml, jsonschema

        class Loader(yaml.SafeLoader):
            pass

        Loader.yaml_implicit_resolvers = {
            k: [(tag, rx) for tag, rx in v if tag not in (
                "tag:yaml.org,2002:timestamp", "tag:yaml.org,2002:int", "tag:yaml.org,2002:float", "tag:yaml.org,2002:bool")]
            for k, v in yaml.SafeLoader.yaml_implicit_resolvers.items()}
        Loader.add_implicit_resolver("tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF"))
        Loader.add_implicit_resolver("tag:yaml.org,2002:int", re.compile(r"^[-+]?(?:0|[1-9][0-9]*)$"), list("-+0123456789"))
        Loader.add_implicit_resolver("tag:yaml.org,2002:float", re.compile(
            r"^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$|^[-+]?\.(?:inf|Inf|INF)$|^\.(?:nan|NaN|NAN)$"),
            list("-+0123456789."))

        def keys_as_text(x):
            if isinstance(x, dict):
                return {str(k): keys_as_text(v) for k, v in x.items()}
            if isinstance(x, list):
                return [keys_as_text(v) for v in x]
            return x

        schema = json.load(open(sys.argv[1], encoding="utf-8"))
        jsonschema.Draft202012Validator.check_schema(schema)
        validator = jsonschema.Draft202012Validator(schema)
        out = {}
        for job in json.load(sys.stdin):
            try:
                text = job["text"] if job.get("text") is not None else open(job["path"], encoding="utf-8").read()
                doc = keys_as_text(yaml.load(text, Loader=Loader))
                errors = sorted("/".join(str(p) for p in e.absolute_path) + ": " + e.message for e in validator.iter_errors(doc))
            except Exception as e:
                errors = ["(not read) " + repr(e)]
            out[job["id"]] = errors
        json.dump(out, sys.stdout)
        """#

    /// Errors per job id (empty when valid). Skips the test when python3,
    /// PyYAML or jsonschema is missing.
    static func validate(_ jobs: [Job], schema: URL = Package.schema) throws -> [String: [String]] {
        let probe = try? run(["-c", "import yaml, jsonschema"], input: Data())
        guard let probe, probe.status == 0 else {
            throw XCTSkip("python3 with PyYAML and jsonschema is needed to validate against the schema")
        }
        let r = try run(["-c", script, schema.path], input: try JSONEncoder().encode(jobs))
        guard r.status == 0 else {
            XCTFail("the validator failed (\(r.status)):\n\(String(decoding: r.stderr, as: UTF8.self))")
            return [:]
        }
        guard let out = try JSONSerialization.jsonObject(with: r.stdout) as? [String: [String]] else {
            XCTFail("the validator's output is not a mapping of ids to errors")
            return [:]
        }
        return out
    }

    /// Runs python3 with `input` on standard input (from a file) and its
    /// errors in a file, so that only one pipe is read.
    static func run(_ arguments: [String], input: Data) throws -> (status: Int32, stdout: Data, stderr: Data) {
        let scratch = try ScratchDirectory()
        let inputPath = try scratch.write("stdin.json", input)
        let errorPath = try scratch.write("stderr.txt", Data())
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["python3"] + arguments
        let stdout = Pipe()
        p.standardInput = FileHandle(forReadingAtPath: inputPath)
        p.standardOutput = stdout
        p.standardError = FileHandle(forWritingAtPath: errorPath)
        try p.run()
        let out = stdout.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        let err = (try? Data(contentsOf: URL(fileURLWithPath: errorPath))) ?? Data()
        return (p.terminationStatus, out, err)
    }
}
