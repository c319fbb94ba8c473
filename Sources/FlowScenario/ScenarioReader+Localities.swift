import FlowEngine

/// `localities:` — teams that exist once per locality (per PCN,
/// neighbourhood), sharing the system-wide stations.
///
/// ```yaml
/// localities: {by: locality, teams: [cmht_assessment, cmht_treatment]}
/// stations:
///   cmht_treatment: {...}                 # the template of every copy
///   cmht_treatment_north: {capacity: 12}  # what differs in one locality
/// ```
///
/// Each team X becomes one station `X_<level>` per level of the `by`
/// attribute: X's mapping with `stations.X_<level>` merged over it (as
/// `extends:` merges). Everywhere else the plain name X means the person's
/// own locality's copy: inside a copy it is resolved here (a north team's
/// routing to X is X_north); in shared stations, sources and rule
/// expressions it becomes `Localities.code`, resolved per person by the
/// simulation.
struct LocalitySpec {
    var attribute: Int
    var teams: [String]
    var levels: [String]

    func copyName(_ team: Int, _ level: Int) -> String { "\(teams[team])_\(levels[level])" }
}

extension ScenarioReader {
    typealias Entry = (key: String, keyLocation: YNode.Location, value: YNode)

    /// Reads `localities:`; nil (with problems reported) when it is wrong.
    func localitySpec(_ node: YNode, stations entries: [Entry]) -> LocalitySpec? {
        let what = "a localities mapping with by (an attribute) and teams (a list of stations)"
        guard let f = fields(node, "localities", allowed: ScenarioKeys.localities, what: what) else { return nil }
        let byNode = required(f, "by", in: node, "localities", expected: "the attribute whose levels are the localities, such as locality")
        let teamsNode = required(f, "teams", in: node, "localities", expected: "a list of the stations that exist once per locality")
        guard let byNode, let teamsNode,
              let by = string(byNode, "localities.by", expected: "an attribute name") else { return nil }
        let attribute = attributeIndex(by, byNode.location, "localities.by")
        let items: [YNode]
        if case .sequence(let list, _) = teamsNode { items = list } else { items = [teamsNode] }
        if items.isEmpty { report(teamsNode, "localities.teams", expected: "at least one station") }
        let names = entries.map(\.key)
        var teams: [String] = []
        for (i, item) in items.enumerated() {
            let p = "localities.teams[\(i)]"
            guard let t = string(item, p, expected: "a station name") else { continue }
            if !names.contains(t) {
                report(item.location, p, found: "undefined station '\(t)'",
                       expected: "one of " + names.joined(separator: ", ") + Suggestion.hint(for: t, in: names))
            } else if teams.contains(t) {
                report(item.location, p, found: "'\(t)' listed twice", expected: "each team once")
            } else { teams.append(t) }
        }
        guard let attribute, !items.isEmpty, teams.count == items.count else { return nil }
        return LocalitySpec(attribute: attribute, teams: teams, levels: attributes[attribute].levels)
    }

    /// Replaces each team's entry by its copies, one per level, in level
    /// order, and consumes the `X_<level>` overrides. Returns the entries
    /// with the locality each belongs to (nil = shared).
    func expandLocalities(_ spec: LocalitySpec, _ entries: [Entry], teamsNode: YNode?) -> [(Entry, Int?)] {
        var copies: [String: (team: Int, level: Int)] = [:]
        let at = teamsNode?.location ?? entries.first?.keyLocation ?? YNode.Location(file: "", line: 0, column: 0)
        for t in spec.teams.indices {
            for l in spec.levels.indices {
                let name = spec.copyName(t, l)
                if let other = copies[name] {
                    report(at, "localities.teams", found: "the station name '\(name)' made twice (\(spec.teams[other.team]) in "
                           + "\(spec.levels[other.level]), \(spec.teams[t]) in \(spec.levels[l]))",
                           expected: "team and level names whose joined names differ")
                } else if spec.teams.contains(name) || ScenarioKeys.reservedStationNames.contains(name) {
                    report(at, "localities.teams", found: "the station name '\(name)' (\(spec.teams[t]) in \(spec.levels[l])), "
                           + (spec.teams.contains(name) ? "which is also a locality team" : "which is reserved"),
                           expected: "team and level names whose joined names are new station names")
                }
                copies[name] = copies[name] ?? (t, l)
            }
        }
        var overrides: [String: Entry] = [:]
        var misread: Set<String> = []   // reported once here, not again as an incomplete station
        for e in entries where !spec.teams.contains(e.key) {
            if copies[e.key] != nil {
                if case .mapping = e.value { overrides[e.key] = e } else {
                    report(e.value, "stations.\(e.key)", expected: "a mapping of what differs from \(copies[e.key].map { spec.teams[$0.team] } ?? "") in this locality")
                }
                continue
            }
            // A name read as an override whose level does not exist: a typo, or a level missing from the attribute.
            for team in spec.teams where e.key.hasPrefix(team + "_") {
                let level = String(e.key.dropFirst(team.count + 1))
                misread.insert(e.key)
                report(e.keyLocation, "stations.\(e.key)",
                       found: "'\(e.key)', a locality override of \(team) for '\(level)', which is not a level of \(attributes[spec.attribute].name)",
                       expected: "one of " + spec.levels.map { "\(team)_\($0)" }.joined(separator: ", ")
                           + Suggestion.hint(for: e.key, in: spec.levels.map { "\(team)_\($0)" }))
                break
            }
        }
        var out: [(Entry, Int?)] = []
        for e in entries {
            if let t = spec.teams.firstIndex(of: e.key) {
                for l in spec.levels.indices {
                    let name = spec.copyName(t, l)
                    if let o = overrides[name] {
                        out.append(((name, o.keyLocation, YNode.merge(base: e.value, override: o.value)), l))
                    } else {
                        out.append(((name, e.keyLocation, e.value), l))
                    }
                }
            } else if copies[e.key] == nil && !misread.contains(e.key) {
                out.append((e, nil))
            }
        }
        return out
    }

    /// The engine's table of copies, once every station name is known.
    func localities(_ spec: LocalitySpec) -> Localities {
        Localities(attribute: spec.attribute, names: spec.teams, members: spec.teams.indices.map { t in
            spec.levels.indices.map { l in Int32(stationNames.firstIndex(of: spec.copyName(t, l)) ?? 0) }
        })
    }

    /// A station name as the current context reads it: a team inside a
    /// copy is that locality's copy; a team elsewhere is its family code.
    func lookUpStation(_ name: String) -> Int? {
        if let spec = localitySpec, let t = spec.teams.firstIndex(of: name) {
            if let l = currentLocality { return stationNames.firstIndex(of: spec.copyName(t, l)) }
            return Int(Localities.code(t))
        }
        return stationNames.firstIndex(of: name)
    }

    /// Station names and team names, for "expected one of" lists.
    var referableStations: [String] { stationNames + (localitySpec?.teams ?? []) }

    /// Rules a localities scenario must also keep.
    func checkLocalities(_ spec: LocalitySpec, _ stations: [Station], _ entries: [(Entry, Int?)]) {
        guard stations.count == entries.count else { return }
        for (i, st) in stations.enumerated() {
            let key = entries[i].0
            if let e = st.escalation, e.attribute == spec.attribute {
                report(key.value["escalation"]?["by"]?.location ?? key.keyLocation, "stations.\(key.key).escalation.by",
                       found: "the locality attribute \(attributes[spec.attribute].name)",
                       expected: "another attribute (escalation would move people between localities)")
            }
            if st.repatriate && Localities.isFamily(st.overflow) {
                report(key.value["overflow"]?.location ?? key.keyLocation, "stations.\(key.key).overflow",
                       found: "the locality team \(spec.teams[Localities.family(st.overflow)]) with repatriate",
                       expected: "one out-of-area station (repatriation brings people back from a single station)")
            }
        }
    }
}
